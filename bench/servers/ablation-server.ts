/**
 * Worker: the 304 path of a feed built up one layer at a time, to see what each layer costs per
 * request (`npm run bench -- --only ablation`). Layers, joined with `+`:
 *
 *   feeds       the app's feed routes (src/http/routes/feeds.ts: params and query validation, feed
 *               options, the representation cache, sendRepresentation, the subscription count) with
 *               what they need: services, problems, subscription-stats
 *   security    + the headers every response carries (plugins/security.ts)
 *   protocol    + the HTTP/1.1 checks (plugins/protocol.ts)
 *   history     + former and removed organizations' URLs (plugins/registry-history.ts)
 *   drain       + draining on close (plugins/drain.ts)
 *   limits      + the app's server options (app.ts `appServer`: socket timeouts, the connection
 *               limit, shedding silent sockets, the client and framework error handlers); only
 *               with feeds
 *   routes      + the app's other routes (OpenAPI, health, API, pages, changes)
 *   app         the whole app, as server.ts builds it (the other layers are ignored)
 *
 * With no layer the route answers the same 304 with fixed headers: a Fastify route with the type
 * provider and the app's validator compiler, nothing else. Every variant serves the bundled
 * data, pinned to the bench's day.
 *
 * The layers of issue 7's ablation (@fastify/cors on every request, an async onSend hook,
 * TypeBoxValidatorCompiler against checking first, the handler before it was synchronous) are
 * measured in docs/performance.md and were replaced by what the app does now.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { loadDataset } from '../../src/data/load.js';
import { createDataStore } from '../../src/data/store.js';
import { appServer, buildApp } from '../../src/http/app.js';
import { DEFAULT_LIMITS } from '../../src/http/limits.js';
import openapi from '../../src/http/plugins/openapi.js';
import problems from '../../src/http/plugins/problems.js';
import api from '../../src/http/routes/api/index.js';
import { changesRoutes } from '../../src/http/routes/changes.js';
import health from '../../src/http/routes/health.js';
import { pagesRoutes } from '../../src/http/routes/pages.js';
import drain from '../../src/http/plugins/drain.js';
import protocol from '../../src/http/plugins/protocol.js';
import registryHistory from '../../src/http/plugins/registry-history.js';
import security from '../../src/http/plugins/security.js';
import services from '../../src/http/plugins/services.js';
import subscriptionStats from '../../src/http/plugins/subscription-stats.js';
import feeds from '../../src/http/routes/feeds.js';
import { checkFirstValidatorCompiler } from '../../src/http/validator.js';
import { renderFeed } from '../../src/render/ics/index.js';
import { BENCH_PUBLIC_URL, BENCH_TODAY } from '../lib/app-worker.js';
import { announce, serveCommands } from '../lib/child.js';

export interface AblationReady {
  readonly port: number;
  readonly etag: string;
}

const FEED = '/feeds/general.ics';
const layers = new Set((process.argv[2] ?? '').split('+').filter(Boolean));
const store = await createDataStore(() => loadDataset({ planFile: 'plan.json', dataDir: 'data' }), { clock: () => BENCH_TODAY });
const config = { publicUrl: BENCH_PUBLIC_URL, planFile: 'plan.json', dataDir: 'data', cacheEntries: 2000 };
const clock = () => BENCH_TODAY;

/** The app's 304 for the feed, headers and all, from the app itself: what the route-only variant repeats. */
async function appAnswer(): Promise<{ etag: string; headers: Record<string, string> }> {
  const app = await buildApp({ store, config, clock });
  try {
    const etag = String((await app.inject(FEED)).headers.etag);
    const answer = await app.inject({ url: FEED, headers: { 'if-none-match': etag } });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined && !['date', 'connection', 'keep-alive', 'content-length'].includes(name)) headers[name] = String(value);
    }
    return { etag, headers };
  } finally {
    await app.close();
  }
}

async function layered(): Promise<FastifyInstance> {
  if (layers.has('app')) return buildApp({ store, config, clock });
  // The app's own server options (app.ts); only with the feeds, the layer that has sockets to time out.
  const app = (layers.has('limits') && layers.has('feeds') ? appServer(DEFAULT_LIMITS, config.publicUrl, false) : Fastify({ logger: false })).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(checkFirstValidatorCompiler);
  if (!layers.has('feeds')) {
    const { headers } = await appAnswer();
    app.get('/feeds/:type.ics', (_request, reply) => reply.code(304).headers(headers).send());
    return app;
  }
  await app.register(services, { config, store, clock });
  await app.register(subscriptionStats);
  if (layers.has('security')) await app.register(security);
  if (layers.has('drain')) await app.register(drain);
  await app.register(problems);
  if (layers.has('protocol')) await app.register(protocol);
  const routes = layers.has('routes');
  if (routes) {
    await app.register(openapi);
    await app.register(health);
  }
  if (layers.has('history')) await app.register(registryHistory);
  if (routes) await app.register(api);
  await app.register(feeds, { renderFeed });
  if (routes) {
    await app.register(pagesRoutes);
    await app.register(changesRoutes);
  }
  return app;
}

const app = await layered();
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
if (address === null || typeof address === 'string') throw new Error('no TCP address');
// The tag this variant answers 304 to (the same representation in every variant).
const etag = String((await app.inject(FEED)).headers.etag ?? (await appAnswer()).etag);
serveCommands({}, () => app.close());
announce({ port: address.port, etag } satisfies AblationReady);
