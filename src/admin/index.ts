/**
 * The editor: everything under /admin, one encapsulated Fastify context registered with that
 * prefix. Its cookies, sessions, CSRF protection, form parsing, rate limits, authentication and
 * error pages exist only here; the public app keeps its CORS, cache and GET-only routes. Here,
 * nothing is cacheable, nothing is shared cross-origin, and nothing is indexed.
 */
import { STATUS_CODES } from 'node:http';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import session from '@fastify/session';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from '../api/problem.js';
import { CSP_PAGE } from '../http/routes/pages.js';
import { authenticate, isApi } from './auth.js';
import type { EditorOptions } from './context.js';
import { adminPages, sendErrorPage, sendProblem, type AdminPages } from './respond.js';
import { DraftService } from './editor/drafts.js';
import { Publisher } from './editor/publisher.js';
import { apiDraftRoutes } from './routes/api-draft.js';
import { dataRoutes } from './routes/data.js';
import { subscriptionsRoutes } from './routes/subscriptions.js';
import { apiPublishRoutes } from './routes/api-publish.js';
import { apiSettingsRoutes } from './routes/api-settings.js';
import { homeRoutes } from './routes/home.js';
import { loginRoutes } from './routes/login.js';
import { organizationRoutes } from './routes/organization.js';
import { SettingsWriter } from './settings/save.js';
import { InterruptedWrite } from '../data/write-atomic.js';
import { Serial } from './editor/serial.js';

export type { EditorOptions } from './context.js';

const DEFAULT_IDLE_MINUTES = 30;
const PUBLIC_CORS_HEADERS = ['access-control-allow-origin', 'access-control-expose-headers'];

/** «1 МБ», «64 КБ»: a body limit as the methodologist reads it. */
function sizeInRussian(bytes: number | undefined): string {
  if (bytes === undefined) return 'предел не задан';
  return bytes >= 1024 * 1024 ? `${String(bytes / (1024 * 1024)).replace('.', ',')}\u00a0МБ` : `${String(Math.round(bytes / 1024))}\u00a0КБ`;
}

function handleErrors(fastify: FastifyInstance, pages: AdminPages): void {
  const siteTitle = () => fastify.dataStore.current.plan.meta.shortTitle;
  fastify.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const status = error.statusCode ?? 500;
    const csrfFailed = error.code?.startsWith('FST_CSRF_') === true;
    if (status >= 500) request.log.error({ err: error }, 'unhandled error in the editor');
    else request.log.info({ err: error }, 'editor request refused');
    const detail = csrfFailed
      ? 'Форма устарела или отправлена не со страницы редактора (нет действующего проверочного кода). Ничего не изменено: обновите страницу и повторите.'
      : error instanceof InterruptedWrite
        ? `Запись данных прервалась посередине. Данные читаются как опубликованные целиком, и редактор завершит запись при следующем обращении; проверьте историю публикаций и сообщите администратору номер запроса ${request.id}.`
        : status >= 500
        ? `Внутренняя ошибка редактора. Ничего не изменено; сообщите администратору номер запроса ${request.id}.`
        : status === 413
          ? `Тело запроса больше допустимого здесь (${sizeInRussian(request.routeOptions.bodyLimit)}). Ничего не изменено.`
          : `Запрос не может быть обработан (${status}).`;
    if (isApi(request)) {
      if (csrfFailed || status === 403) return sendProblem(reply, pages.publicUrl, 'forbidden', detail);
      if (status >= 500) return sendProblem(reply, pages.publicUrl, 'internal-error', detail);
      // Framework-level client errors (malformed JSON, unsupported media type): their own status, generic type.
      // Only the production-calendar upload takes anything but JSON, and it has its own messages.
      const hint = status === 413 ? '' : ' Тело запроса — JSON (Content-Type: application/json).';
      const body = { type: 'about:blank', title: STATUS_CODES[status] ?? 'Client Error', status, detail: `${detail}${hint}`, instance: request.url };
      return reply.code(status).type(PROBLEM_CONTENT_TYPE).send(Buffer.from(JSON.stringify(body), 'utf8'));
    }
    return sendErrorPage(reply, pages, siteTitle(), csrfFailed ? 403 : status >= 500 ? 500 : status, csrfFailed ? 'Доступ запрещён' : 'Ошибка', detail);
  });
  fastify.setNotFoundHandler((request, reply) => {
    const detail = `Адреса «${request.url.split('?')[0] ?? ''}» в редакторе нет.`;
    return isApi(request) ? sendProblem(reply, pages.publicUrl, 'not-found', detail) : sendErrorPage(reply, pages, siteTitle(), 404, 'Не найдено', detail);
  });
}

export default async function editor(fastify: FastifyInstance, options: EditorOptions): Promise<void> {
  const { publicUrl, dataDir } = fastify.config;
  const pages = await adminPages(publicUrl, () => fastify.dataStore.current);
  const secure = publicUrl.startsWith('https:');
  const cookiePath = `${pages.base}/admin`;
  fastify.decorate('editorState', options.state);
  const serial = new Serial();
  fastify.decorate('settingsWriter', new SettingsWriter({ dataDir, store: fastify.dataStore, serial, ...(options.writeHooks ? { hooks: options.writeHooks } : {}) }));
  const publisher = new Publisher({
    serial,
    location: { planFile: fastify.config.planFile, dataDir },
    store: fastify.dataStore,
    state: options.state,
    clock: fastify.clock,
    ...(options.writeHooks ? { hooks: options.writeHooks } : {}),
    ...(options.afterPublish ? { afterPublish: options.afterPublish } : {}),
    warn: (message) => fastify.log.warn(message),
  });
  // The data as first found is revision 1 (and data changed since the last run, the next one).
  await publisher.sync();
  const unfollow = publisher.followReloads();
  fastify.addHook('onClose', async () => {
    unfollow();
    await publisher.idle();
  });
  fastify.decorate('publisher', publisher);
  fastify.decorate('drafts', new DraftService(options.state, publisher, fastify.dataStore));
  fastify.decorateRequest('user', undefined);

  fastify.addHook('onRequest', (request, reply, done) => {
    for (const header of PUBLIC_CORS_HEADERS) reply.removeHeader(header);
    reply.headers({
      'cache-control': 'no-store',
      'x-robots-tag': 'noindex, nofollow',
      'content-security-policy': CSP_PAGE,
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
    });
    // PUBLIC_URL says how users reach the service: over https, TLS ends at the proxy, so the
    // request is https to them and the session plugin may set its Secure cookie.
    if (secure) Object.defineProperty(request, 'protocol', { value: 'https' });
    done();
  });

  const secret = await options.state.sessionSecret();
  // The secret signs the CSRF cookie; the session plugin signs its own cookie with it too.
  await fastify.register(cookie, { secret });
  await fastify.register(session, {
    secret,
    cookieName: 'eo_admin_session',
    store: options.state.sessions,
    saveUninitialized: false,
    rolling: true,
    cookie: { path: cookiePath, httpOnly: true, sameSite: 'strict', secure, maxAge: (options.idleMinutes ?? DEFAULT_IDLE_MINUTES) * 60_000 },
  });
  await fastify.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'eo_admin_csrf',
    cookieOpts: { path: cookiePath, httpOnly: true, sameSite: 'strict', secure, signed: true },
  });
  await fastify.register(formbody, { bodyLimit: 64 * 1024 });
  await fastify.register(rateLimit, { global: false });
  fastify.addHook('onRequest', authenticate(fastify, pages));
  handleErrors(fastify, pages);

  // No CORS here: preflights get no permission (the public wildcard route must not answer them).
  fastify.options('/*', { config: { guard: 'none' } }, (request, reply) => sendProblem(reply, publicUrl, 'not-found', `Адрес «${request.url}» не принимает запросы с других сайтов.`));
  await loginRoutes(fastify, pages);
  await homeRoutes(fastify, pages);
  await organizationRoutes(fastify, pages);
  await dataRoutes(fastify, pages);
  await subscriptionsRoutes(fastify, pages);
  await apiSettingsRoutes(fastify, publicUrl);
  await apiDraftRoutes(fastify, publicUrl);
  await apiPublishRoutes(fastify, publicUrl);
}
