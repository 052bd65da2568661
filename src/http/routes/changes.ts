/**
 * Telling subscribers what changed: `/changes` (HTML), `/changes.atom` and, per organization,
 * `/organizations/{id}/changes.atom`, all from the data's record of publications.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { dataModified, type Dataset } from '../../domain/model.js';
import { loadAssets } from '../../render/html/assets.js';
import { renderChangesAtom } from '../../render/atom/changes.js';
import { changesPage } from '../../render/html/pages/changes.js';
import { toDocument } from '../../render/html/template.js';
import { notFound } from '../problem.js';
import { CSP_PAGE } from './pages.js';
import { buildRepresentation } from '../representation.js';
import { sendRepresentation } from '../send-representation.js';
import { pageContextOf } from './pages.js';

const ATOM = 'application/atom+xml; charset=utf-8';
const CACHE = 'public, max-age=300';

export async function changesRoutes(fastify: FastifyInstance): Promise<void> {
  const { publicUrl } = fastify.config;
  const base = new URL(publicUrl).pathname.replace(/\/+$/, '');
  const assets = await loadAssets();
  // The public pages' headers (src/http/routes/pages.ts), also on the Atom feeds: a static host
  // serves both from the same location with the same headers (deploy/nginx.conf).
  fastify.addHook('onSend', async (_request, reply, payload) => {
    reply.headers({ 'content-security-policy': CSP_PAGE, 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' });
    return payload;
  });
  // Through the representation cache, like every public document: ETag, 304 and compression.
  const send = async (request: FastifyRequest, reply: FastifyReply, type: string, path: string, render: (data: Dataset) => string) => {
    const data = fastify.dataStore.current;
    const representation = await fastify.representations.get(`changes\0${data.version}\0${path}`, () =>
      buildRepresentation({ body: render(data), contentType: type, lastModified: dataModified(data) }),
    );
    return sendRepresentation(request, reply, representation, CACHE);
  };

  fastify.get('/changes', async (request, reply) =>
    send(request, reply, 'text/html; charset=utf-8', '/changes', (data) => {
      const ctx = pageContextOf(base, assets, data);
      return toDocument(changesPage(ctx, data));
    }),
  );

  fastify.get('/changes.atom', async (request, reply) => send(request, reply, ATOM, '/changes.atom', (data) => renderChangesAtom({ data, publicUrl })));

  fastify.get<{ Params: { id: string } }>('/organizations/:id/changes.atom', async (request, reply) => {
    const data = fastify.dataStore.current;
    const organization = data.organizationsById.get(request.params.id);
    if (!organization) throw notFound(`Организации с идентификатором «${request.params.id}» нет в реестре. Список организаций: ${publicUrl}/organizations`);
    return send(request, reply, ATOM, request.url.split('?')[0] ?? '', (current) => renderChangesAtom({ data: current, publicUrl, organization }));
  });
}
