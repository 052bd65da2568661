/**
 * Who is asking, checked on every /admin request: a session (cookie) for pages, a Bearer token
 * for /admin/api. The account is looked up each time, so a disabled account, a new password
 * (a new generation) or a removed account ends its sessions and tokens on the very next request.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Account } from '../state/index.js';
import type { AdminUser } from './context.js';
import { redirect, sendProblem, type AdminPages } from './respond.js';

function userOf(account: Account, via: string): AdminUser {
  return { login: account.login, role: account.role, organizations: account.organizations, via };
}

async function fromToken(fastify: FastifyInstance, header: string): Promise<AdminUser | undefined> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return undefined;
  const found = await fastify.editorState.accounts.findByToken(match[1] as string);
  return found ? userOf(found.account, `token:${found.tokenId}`) : undefined;
}

async function fromSession(fastify: FastifyInstance, request: FastifyRequest): Promise<AdminUser | undefined> {
  const { login, generation } = request.session;
  if (login === undefined) return undefined;
  const account = await fastify.editorState.accounts.find(login);
  if (account && !account.disabled && account.generation === generation) return userOf(account, 'session');
  // The account changed or went away since sign-in: this session is over.
  await request.session.destroy();
  return undefined;
}

export function isApi(request: FastifyRequest): boolean {
  return request.url.split('?')[0]?.includes('/admin/api/') ?? false;
}

/** Sets `request.user`, then applies the route's guard. */
export function authenticate(fastify: FastifyInstance, pages: AdminPages) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const authorization = request.headers.authorization;
    // Tokens are for the API; pages go by the session only, so a token cannot be replayed through a form.
    request.user = authorization !== undefined && isApi(request) ? await fromToken(fastify, authorization) : await fromSession(fastify, request);
    const guard = request.routeOptions.config.guard ?? (isApi(request) ? 'api' : 'page');
    if (request.user || guard === 'none') return;
    if (guard === 'api') {
      reply.header('www-authenticate', 'Bearer realm="eo-calendar"');
      return sendProblem(reply, pages.publicUrl, 'unauthorized', 'Нужен токен API: заголовок Authorization: Bearer <токен>. Токен выдаёт администратор (npm run users -- token <логин>).');
    }
    return redirect(reply, `${pages.base}/admin/login`);
  };
}
