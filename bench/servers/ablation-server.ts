/**
 * Worker: the 304 path of a feed built up one layer at a time, to see what each layer of the
 * app costs per request (`npm run bench -- --only ablation`). Layers, joined with `+`:
 *
 *   cors        @fastify/cors with the app's options (src/http/plugins/security.ts)
 *   onsend      the app's async onSend hook that adds X-Content-Type-Options
 *   onrequest   the same header from a synchronous onRequest hook instead
 *   schema      the feed route's params and querystring schemas through TypeBoxValidatorCompiler
 *   checkfirst  the same schemas, checked before Value.Convert (convert only what fails)
 *   handler     the app's representation cache and sendRepresentation (negotiation, If-None-Match)
 *
 * With no layer the route answers the 304 with fixed headers: a Fastify route with the type
 * provider and an async handler, nothing else.
 */
import cors from '@fastify/cors';
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import Fastify, { type FastifySchemaCompiler } from 'fastify';
import Type, { type TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';
import { OrganizationTypeId } from '../../src/domain/schema.js';
import { FeedQuery } from '../../src/api/feed-query.js';
import { buildRepresentation } from '../../src/http/representation.js';
import { RepresentationCache } from '../../src/http/representation-cache.js';
import { sendRepresentation } from '../../src/http/send-representation.js';
import { announce, serveCommands } from '../lib/child.js';

export interface AblationReady {
  readonly port: number;
  readonly etag: string;
}

const layers = new Set((process.argv[2] ?? '').split('+').filter(Boolean));
const representation = await buildRepresentation({
  body: Buffer.from('BEGIN:VCALENDAR\r\n'.repeat(3000)),
  contentType: 'text/calendar; charset=utf-8',
  lastModified: new Date('2026-11-29T00:00:00Z'),
});
const cache = new RepresentationCache(2000);
const CACHE_CONTROL = 'public, max-age=3600, stale-while-revalidate=86400';

/** Checks first; converts (strings to numbers and the like) only a value that fails as it is. */
const checkFirst: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const check = Compile(schema);
  return (value: unknown) => {
    if (check.Check(value)) return { value };
    const converted = httpPart === 'body' ? value : Value.Convert(schema, value);
    return check.Check(converted) ? { value: converted } : { error: [...check.Errors(converted)] as never };
  };
};

const app = Fastify({ logger: false });
app.setValidatorCompiler(layers.has('checkfirst') ? checkFirst : TypeBoxValidatorCompiler);
if (layers.has('cors')) {
  await app.register(cors, { origin: '*', methods: ['GET', 'HEAD'], exposedHeaders: ['ETag', 'Last-Modified', 'Content-Disposition'], maxAge: 86_400 });
}
if (layers.has('onsend')) {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    return payload;
  });
}
if (layers.has('onrequest')) {
  app.addHook('onRequest', (_request, reply, done) => {
    reply.header('x-content-type-options', 'nosniff');
    done();
  });
}
const schema = layers.has('schema') || layers.has('checkfirst') ? { params: Type.Object({ type: OrganizationTypeId }), querystring: FeedQuery } : {};

app.get('/feeds/:type.ics', { schema }, async (request, reply) => {
  if (layers.has('handler')) {
    const { type } = request.params as { type: string };
    const cached = await cache.get(`feed\0v1\0type:${type}\0`, async () => representation);
    return sendRepresentation(request, reply, cached, CACHE_CONTROL);
  }
  return reply
    .code(304)
    .header('vary', 'Accept-Encoding')
    .header('cache-control', CACHE_CONTROL)
    .header('etag', representation.etags.identity)
    .header('last-modified', representation.lastModified)
    .send();
});

await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
if (address === null || typeof address === 'string') throw new Error('no TCP address');
serveCommands({}, () => app.close());
announce({ port: address.port, etag: representation.etags.identity } satisfies AblationReady);
