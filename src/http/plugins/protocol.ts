/**
 * HTTP/1.1 as RFC 9110/9112 has it, below the routes: what Node's parser lets through but the
 * protocol forbids (a second Host, no Host, a version other than 1.x, a request line without
 * one) and the methods a path does not have (405 with `Allow`: `GET, HEAD` on the public,
 * read-only paths; the editor's forms and API add their own methods on theirs). Answered with the same problem+json as everything else.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import FindMyWay from 'find-my-way';
import { problemOf } from '../../api/problem.js';
import { sendProblem } from './problems.js';

export const ALLOW = 'GET, HEAD';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function hostCount(rawHeaders: readonly string[]): number {
  let count = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i];
    // Runs on every request: only a four-letter name is lower-cased (a copy) to compare.
    if (name?.length === 4 && name.toLowerCase() === 'host') count += 1;
  }
  return count;
}

/** Why the request line or headers break HTTP/1.x, in Russian, or undefined. */
function protocolViolation(request: FastifyRequest): { kind: 'bad-request' | 'http-version-not-supported'; detail: string } | undefined {
  const { httpVersionMajor, httpVersionMinor, rawHeaders } = request.raw;
  if (httpVersionMajor === 0) {
    // Node reads a request line without a version as HTTP/0.9 and would answer it.
    return { kind: 'bad-request', detail: 'В строке запроса нет версии протокола: ожидается, например, «GET /feeds/all.ics HTTP/1.1».' };
  }
  if (httpVersionMajor !== 1) {
    return {
      kind: 'http-version-not-supported',
      detail: `Версия протокола HTTP/${httpVersionMajor}.${httpVersionMinor} в строке запроса не поддерживается: сервис отвечает по HTTP/1.1.`,
    };
  }
  const hosts = hostCount(rawHeaders);
  if (hosts > 1) return { kind: 'bad-request', detail: 'Заголовок Host повторяется: запрос должен нести ровно один (RFC 9112, раздел 3.2).' };
  if (hosts === 0 && httpVersionMinor >= 1) return { kind: 'bad-request', detail: 'В запросе HTTP/1.1 нет заголовка Host (RFC 9112, раздел 3.2).' };
  return undefined;
}

/** Must be registered after `problems` and before every route, so that it sees each route added. */
export default fp(
  async (fastify) => {
    const publicUrl = fastify.config.publicUrl;
    // The router Fastify itself uses, holding every route's methods but no handlers: "is this a
    // known path, and with which methods?" answered with the same matching rules.
    const known = FindMyWay({ ignoreTrailingSlash: false });
    const methodsSeen = new Set<string>();
    const noop = () => undefined;
    fastify.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) {
        if (SAFE.has(method) && method !== 'GET') continue;
        methodsSeen.add(method);
        if (!known.hasRoute(method as 'GET', route.url)) known.on(method as 'GET', route.url, noop);
      }
    });
    /** GET, HEAD and the unsafe methods the path has, for `Allow`. */
    const allowOf = (path: string): string => {
      const unsafe = [...methodsSeen].filter((method) => method !== 'GET' && known.find(method as 'GET', path) !== null).sort();
      return [ALLOW, ...unsafe].join(', ');
    };

    fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done) => {
      const violation = protocolViolation(request);
      if (violation !== undefined) {
        // Nothing else on this connection can be trusted to be framed the way the client meant.
        reply.header('connection', 'close');
        sendProblem(reply, problemOf(publicUrl, request.url, violation.kind, violation.detail));
        return;
      }
      if (!SAFE.has(request.method)) {
        // Checked before the body is read: a POST form on a feed is a 405, not a 415.
        const path = request.url.split('?', 1)[0] ?? request.url;
        if (known.find('GET', path) !== null && known.find(request.method as 'GET', path) === null) {
          const allow = allowOf(path);
          reply.header('allow', allow);
          sendProblem(
            reply,
            problemOf(
              publicUrl,
              request.url,
              'method-not-allowed',
              `Метод ${request.method} для адреса «${path}» не поддерживается: допустимы методы ${allow}.`,
            ),
          );
          return;
        }
      }
      done();
    });
  },
  { name: 'protocol', fastify: '5.x', dependencies: ['services', 'problems'] },
);
