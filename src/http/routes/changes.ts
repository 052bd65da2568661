/**
 * Telling subscribers what changed: `/changes` (HTML), `/changes.atom` and, per organization,
 * `/organizations/{id}/changes.atom`, all from the data's record of publications.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { dataModified } from '../../domain/model.js';
import { loadAssets } from '../../render/html/assets.js';
import { renderChangesAtom } from '../../render/atom/changes.js';
import { changesPage } from '../../render/html/pages/changes.js';
import { toDocument } from '../../render/html/template.js';
import { notFound } from '../problem.js';

const ATOM = 'application/atom+xml; charset=utf-8';
const CACHE = 'public, max-age=300';

export async function changesRoutes(fastify: FastifyInstance): Promise<void> {
  const { publicUrl } = fastify.config;
  const base = new URL(publicUrl).pathname.replace(/\/+$/, '');
  const assets = await loadAssets();
  const send = (reply: FastifyReply, type: string, body: string) =>
    reply.type(type).header('cache-control', CACHE).header('last-modified', dataModified(fastify.dataStore.current).toUTCString()).send(body);

  fastify.get('/changes', async (_request, reply) => {
    const data = fastify.dataStore.current;
    const ctx = { base, siteTitle: data.plan.meta.shortTitle, assets: { css: `${assets.css.path}?v=${assets.css.version}`, js: `${assets.js.path}?v=${assets.js.version}` } };
    return send(reply, 'text/html; charset=utf-8', toDocument(changesPage(ctx, data)));
  });

  fastify.get('/changes.atom', async (_request, reply) => send(reply, ATOM, renderChangesAtom({ data: fastify.dataStore.current, publicUrl })));

  fastify.get<{ Params: { id: string } }>('/organizations/:id/changes.atom', async (request, reply) => {
    const data = fastify.dataStore.current;
    const organization = data.organizationsById.get(request.params.id);
    if (!organization) throw notFound(`Организации с идентификатором «${request.params.id}» нет в реестре. Список организаций: ${publicUrl}/organizations`);
    return send(reply, ATOM, renderChangesAtom({ data, publicUrl, organization }));
  });
}
