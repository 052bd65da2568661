import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import editor, { type EditorOptions } from '../admin/index.js';
import type { DataStore } from '../data/store.js';
import { renderFeed } from '../render/ics/index.js';
import type { AppConfig } from './config.js';
import openapi from './plugins/openapi.js';
import problems, { frameworkErrors } from './plugins/problems.js';
import registryHistory from './plugins/registry-history.js';
import security from './plugins/security.js';
import services from './plugins/services.js';
import api from './routes/api/index.js';
import feeds, { type FeedRenderer } from './routes/feeds.js';
import { changesRoutes } from './routes/changes.js';
import health from './routes/health.js';
import { pagesRoutes } from './routes/pages.js';
import { checkFirstValidatorCompiler } from './validator.js';

export interface AppDeps {
  readonly store: DataStore;
  readonly config: AppConfig;
  readonly clock?: () => Date;
  readonly logger?: FastifyServerOptions['logger'];
  /** The iCalendar renderer; tests inject a counting or failing one. */
  readonly renderFeed?: FeedRenderer;
  /** The editor under /admin (accounts in its state directory); absent: a read-only instance, /admin is 404. */
  readonly editor?: EditorOptions;
}

/** Builds the whole app; server.ts and the tests call this same factory with the same options. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? false,
    // Requests are small GETs; a slow client must not hold a socket for long.
    requestTimeout: 30_000,
    bodyLimit: 64 * 1024,
    // On close: stop accepting, let in-flight requests finish, drop idle keep-alive sockets.
    forceCloseConnections: 'idle',
    frameworkErrors,
  }).withTypeProvider<TypeBoxTypeProvider>();
  // TypeBoxValidatorCompiler's answers, checking before converting: see validator.ts.
  app.setValidatorCompiler(checkFirstValidatorCompiler);

  await app.register(services, { config: deps.config, store: deps.store, clock: deps.clock ?? (() => new Date()) });
  await app.register(security);
  await app.register(problems);
  // Before every route: the OpenAPI document is collected from routes as they are added.
  await app.register(openapi);
  await app.register(health);
  await app.register(registryHistory);
  await app.register(api);
  await app.register(feeds, { renderFeed: deps.renderFeed ?? renderFeed });
  await app.register(pagesRoutes);
  await app.register(changesRoutes);
  // Its own encapsulated context: none of its cookies, hooks or error pages reach the public app.
  if (deps.editor) await app.register(editor, { ...deps.editor, prefix: '/admin' });
  return app;
}
