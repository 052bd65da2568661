/**
 * HTTP/1.1 as RFC 9110/9112 has it, below the routes: what Node's parser lets through but the
 * protocol forbids (a second Host, no Host, a version other than 1.x, a request line without
 * one) and the methods this read-only service does not have on paths it does have (405 with
 * `Allow`). Answered with the same problem+json as everything else.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import FindMyWay from 'find-my-way';
import { problemOf } from '../problem.js';
import { sendProblem } from './problems.js';

export const ALLOW = 'GET, HEAD';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function hostCount(rawHeaders: readonly string[]): number {
  let count = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i]?.toLowerCase() === 'host') count += 1;
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
    // The router Fastify itself uses, holding only the GET routes: "is this a known path?"
    // answered with the same matching rules, parameters and all.
    const known = FindMyWay({ ignoreTrailingSlash: false });
    const noop = () => undefined;
    fastify.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (methods.includes('GET') && !known.hasRoute('GET', route.url)) known.on('GET', route.url, noop);
    });

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
        if (known.find('GET', path) !== null) {
          reply.header('allow', ALLOW);
          sendProblem(
            reply,
            problemOf(
              publicUrl,
              request.url,
              'method-not-allowed',
              `Метод ${request.method} для адреса «${path}» не поддерживается: сервис только отдаёт данные, допустимы методы ${ALLOW}.`,
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
