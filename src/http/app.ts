import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { EditorOptions } from '../admin/index.js';
import type { DataStore } from '../data/store.js';
import { renderFeed } from '../render/ics/index.js';
import type { AppConfig } from './config.js';
import { DEFAULT_LIMITS, serverOptions, type ServerLimits } from './limits.js';
import { shedSilentSockets } from './shed-silent.js';
import openapi from './plugins/openapi.js';
import { clientErrorHandler } from './client-errors.js';
import drain from './plugins/drain.js';
import problems, { frameworkErrors } from './plugins/problems.js';
import protocol from './plugins/protocol.js';
import registryHistory from './plugins/registry-history.js';
import security from './plugins/security.js';
import services from './plugins/services.js';
import subscriptionStats from './plugins/subscription-stats.js';
import api from './routes/api/index.js';
import feeds, { type FeedRenderer } from './routes/feeds.js';
import { changesRoutes } from './routes/changes.js';
import health from './routes/health.js';
import { pagesRoutes } from './routes/pages.js';
import { pinTickObjectShape } from './tick-shape.js';
import { checkFirstValidatorCompiler } from './validator.js';

// At import, before the caller loads its data set: the collections of the start-up decide.
pinTickObjectShape();

export interface AppDeps {
  readonly store: DataStore;
  readonly config: AppConfig;
  readonly clock?: () => Date;
  readonly logger?: FastifyServerOptions['logger'];
  /** The iCalendar renderer; tests inject a counting or failing one. */
  readonly renderFeed?: FeedRenderer;
  /** Socket timeouts and the connection limit; the defaults when omitted, as in tests. */
  readonly limits?: ServerLimits;
  /** Proxies whose X-Forwarded-For names the client (`TRUST_PROXY`): request.ip for sign-in throttling and the audit log. */
  readonly trustProxy?: readonly string[];
  /** The editor under /admin (accounts in its state directory); absent: a read-only instance, /admin is 404. */
  readonly editor?: EditorOptions;
}

/** The server-level options and socket bookkeeping of the app; the bench's ablation builds its layers with the same. */
export function appServer(
  limits: ServerLimits,
  publicUrl: string,
  logger: FastifyServerOptions['logger'],
  trustProxy?: readonly string[],
): FastifyInstance {
  const app = Fastify({
    logger,
    // Requests are small GETs; a slow or silent client must not hold a socket for long.
    ...serverOptions(limits),
    bodyLimit: 64 * 1024,
    // On close: stop accepting, let in-flight requests finish, drop idle keep-alive sockets.
    forceCloseConnections: 'idle',
    frameworkErrors,
    ...(trustProxy === undefined ? {} : { trustProxy: [...trustProxy] }),
    clientErrorHandler: clientErrorHandler(publicUrl),
  });
  app.server.maxConnections = limits.maxConnections;
  shedSilentSockets(app.server, limits.maxConnections, app.log);
  return app;
}

/** Builds the whole app; server.ts and the tests call this same factory with the same options. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = appServer(deps.limits ?? DEFAULT_LIMITS, deps.config.publicUrl, deps.logger ?? false, deps.trustProxy).withTypeProvider<TypeBoxTypeProvider>();
  // TypeBoxValidatorCompiler's answers, checking before converting: see validator.ts.
  app.setValidatorCompiler(checkFirstValidatorCompiler);

  await app.register(services, { config: deps.config, store: deps.store, clock: deps.clock ?? (() => new Date()) });
  await app.register(subscriptionStats);
  await app.register(security);
  await app.register(drain);
  await app.register(problems);
  await app.register(protocol);
  // Before every route: the OpenAPI document is collected from routes as they are added.
  await app.register(openapi);
  await app.register(health);
  await app.register(registryHistory);
  await app.register(api);
  await app.register(feeds, { renderFeed: deps.renderFeed ?? renderFeed });
  await app.register(pagesRoutes);
  await app.register(changesRoutes);
  // Its own encapsulated context: none of its cookies, hooks or error pages reach the public app.
  // Imported only when mounted: accounts, sessions and argon2 are a third of the app's start-up
  // (0.2 s), paid by every export thread and read-only instance for nothing.
  if (deps.editor) {
    const { default: editor } = await import('../admin/index.js');
    await app.register(editor, { ...deps.editor, prefix: '/admin' });
  }
  return app;
}
