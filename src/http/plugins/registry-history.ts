/**
 * URLs of organizations that changed: a former id (organizations.json `previousIds`) answers
 * 301 to the same URL with the current id, so subscriptions follow; a removed organization
 * (`removed`) answers 410 Gone with a Russian explanation and a link to the list, so calendar
 * clients stop polling. Both live in the data, so they survive restarts and reach replicas.
 */
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Dataset } from '../../domain/model.js';
import { loadAssets } from '../../render/html/assets.js';
import { gonePage, goneDetail, goneWidget } from '../../render/html/pages/gone.js';
import { toDocument } from '../../render/html/template.js';
import { PROBLEM_CONTENT_TYPE, problemOf } from '../../api/problem.js';
import { pageContextOf } from '../routes/pages.js';

/** Every public URL that names an organization; group 1 is the id. */
const ORGANIZATION_URLS = [
  /^(\/feeds\/organizations\/)([^/?]+)(\.ics)$/,
  /^(\/organizations\/)([^/?]+)()$/,
  /^(\/organizations\/)([^/?]+)(\/memo)$/,
  /^(\/organizations\/)([^/?]+)(\/changes\.atom)$/,
  /^(\/api\/organizations\/)([^/?]+)()$/,
  /^(\/embed\/organizations\/)([^/?]+)()$/,
];

/** What every URL in ORGANIZATION_URLS starts with. */
const ORGANIZATION_PREFIX = /^\/(?:feeds\/|api\/|embed\/)?organizations\//;

function formerIdOf(data: Dataset, id: string): string | undefined {
  return data.registry.organizations.find((o) => o.previousIds?.includes(id))?.id;
}

export default fp(async (fastify) => {
  const { publicUrl } = fastify.config;
  const base = new URL(publicUrl).pathname.replace(/\/+$/, '');
  const assets = await loadAssets();

  /** Answers a former or removed organization's URL; false when the request goes on to its route. */
  function answered(request: FastifyRequest, reply: FastifyReply): boolean {
    const [pathname = '', query] = request.url.split(/\?(.*)/s);
    const match = ORGANIZATION_URLS.map((re) => re.exec(pathname)).find((m) => m !== null);
    if (!match) return false;
    const [, head, rawId = '', tail] = match;
    const id = decodeURIComponent(rawId);
    const data = fastify.dataStore.current;
    if (data.organizationsById.has(id)) return false;
    const current = formerIdOf(data, id);
    if (current !== undefined) {
      const location = `${base}${head}${encodeURIComponent(current)}${tail}${query ? `?${query}` : ''}`;
      reply.code(301).header('location', location).header('cache-control', 'public, max-age=86400').send();
      return true;
    }
    const removed = data.registry.removed?.find((r) => r.id === id);
    if (removed === undefined) return false;
    reply.code(410).header('cache-control', 'public, max-age=86400');
    // The page, its printed memo and its widget are pages: a person reads the answer.
    if (head === '/organizations/' && (tail === '' || tail === '/memo')) {
      const ctx = pageContextOf(base, assets, data);
      reply.type('text/html; charset=utf-8').send(toDocument(gonePage(ctx, removed)));
    } else if (head === '/embed/organizations/') {
      const ctx = pageContextOf(base, assets, data);
      reply.type('text/html; charset=utf-8').send(toDocument(goneWidget(ctx, removed)));
    } else {
      reply.type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problemOf(publicUrl, request.url, 'gone', goneDetail(removed, publicUrl))));
    }
    return true;
  }

  // Synchronous, and a single test before anything else: it runs on every request, the feeds'
  // 304s included, and an async hook cost each of them a promise (docs/performance.md).
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done) => {
    if ((request.method === 'GET' || request.method === 'HEAD') && ORGANIZATION_PREFIX.test(request.url) && answered(request, reply)) return;
    done();
  });
});
