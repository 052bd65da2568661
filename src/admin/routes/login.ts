/** `GET/POST /admin/login`, `POST /admin/logout`. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { verifyPassword } from '../../state/passwords.js';
import { loginBody } from '../pages/login.js';
import { redirect, sendPage, type AdminPages } from '../respond.js';
import { loginThrottle } from '../throttle.js';

interface LoginForm {
  readonly login?: unknown;
  readonly password?: unknown;
}

const FAILED = 'Неверный логин или пароль.';

export async function loginRoutes(fastify: FastifyInstance, pages: AdminPages): Promise<void> {
  const { audit, accounts } = fastify.editorState;
  const throttle = loginThrottle(fastify);
  const siteTitle = () => fastify.dataStore.current.plan.meta.shortTitle;

  async function form(reply: FastifyReply, status: number, login?: string, error?: string) {
    const csrf = reply.generateCsrf();
    return sendPage(reply, pages, siteTitle(), { status, title: 'Вход', body: loginBody(pages.context(siteTitle()), { csrf, ...(login ? { login } : {}), ...(error ? { error } : {}) }) });
  }

  function tooMany(request: FastifyRequest, reply: FastifyReply, login: string, seconds: number) {
    request.log.warn({ login, address: request.ip, retryAfter: seconds }, 'too many failed sign-ins');
    reply.header('retry-after', String(seconds));
    const minutes = Math.max(1, Math.ceil(seconds / 60));
    return form(reply, 429, login, `Слишком много неудачных попыток входа. Повторите через ${minutes} мин.`);
  }

  fastify.get('/login', { config: { guard: 'none' } }, async (request, reply) => {
    if (request.user) return redirect(reply, `${pages.base}/admin`);
    return form(reply, 200);
  });

  fastify.post('/login', { config: { guard: 'none' }, preHandler: fastify.csrfProtection }, async (request, reply) => {
    const body = (request.body ?? {}) as LoginForm;
    const login = typeof body.login === 'string' ? body.login.trim().toLowerCase() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const address = request.ip;
    const wait = throttle.retryAfter(request, login);
    if (wait > 0) {
      await audit.append({ action: 'login-throttled', login, address });
      return tooMany(request, reply, login, wait);
    }
    const account = login === '' ? undefined : await accounts.find(login);
    const usable = account !== undefined && !account.disabled;
    const ok = await verifyPassword(usable ? account.passwordHash : undefined, password);
    if (!ok || !account) {
      await audit.append({ action: 'login-failed', login, address });
      const locked = await throttle.fail(request, login);
      if (locked > 0) {
        await audit.append({ action: 'login-throttled', login, address });
        return tooMany(request, reply, login, locked);
      }
      return form(reply, 401, login, FAILED);
    }
    // A new session id on sign-in: a session id planted before it (fixation) is worthless.
    await request.session.regenerate();
    request.session.login = account.login;
    request.session.generation = account.generation;
    await audit.append({ action: 'login', login: account.login, address, via: 'session' });
    return redirect(reply, `${pages.base}/admin`);
  });

  fastify.post('/logout', { config: { guard: 'none' }, preHandler: fastify.csrfProtection }, async (request, reply) => {
    if (request.user) await audit.append({ action: 'logout', login: request.user.login, address: request.ip, via: 'session' });
    await request.session.destroy();
    return redirect(reply, `${pages.base}/admin/login`);
  });
}
