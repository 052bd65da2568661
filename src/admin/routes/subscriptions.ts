/**
 * The methodologist's table of every organization (page, feed, memo, embed code, QR) with how
 * many distinct calendar clients polled each feed in the last 7 and 30 days
 * (src/stats/subscriptions.ts): she sees which schools never subscribed.
 */
import type { FastifyInstance } from 'fastify';
import { DEFAULT_FEED_OPTIONS } from '../../render/feed-options.js';
import { deviceOf } from '../../render/html/device.js';
import { moscowDate } from '../../render/html/format.js';
import { methodologistBody } from '../../render/html/pages/methodologist.js';
import { methodologistRows } from '../../render/html/site.js';
import type { ViewContext } from '../../render/html/views.js';
import { sendErrorPage, sendPage, type AdminPages } from '../respond.js';
import { isMethodologist, methodologistOnlyDetail } from './access.js';

export async function subscriptionsRoutes(fastify: FastifyInstance, pages: AdminPages): Promise<void> {
  const siteTitle = () => fastify.dataStore.current.plan.meta.shortTitle;

  fastify.get('/subscriptions', async (request, reply) => {
    if (!isMethodologist(request)) return sendErrorPage(reply, pages, siteTitle(), 403, 'Доступ запрещён', methodologistOnlyDetail(request));
    const now = fastify.clock();
    // The links in the table are the default subscription, as the public pages offer it first.
    const view: ViewContext = {
      data: fastify.dataStore.current,
      publicUrl: pages.publicUrl,
      today: moscowDate(now),
      options: DEFAULT_FEED_OPTIONS,
      device: deviceOf(undefined),
    };
    const page = pages.context(siteTitle());
    const body = methodologistBody(page, await methodologistRows(view, page), fastify.subscriptionStats.counts(now));
    const csrf = reply.generateCsrf();
    return sendPage(reply, pages, siteTitle(), { title: 'Организации и подписки', body }, csrf);
  });
}
