import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, problemOf } from '../../api/problem.js';
import { HttpProblem } from '../problem.js';
import { describeValidationError } from '../validation-problem.js';
import { SECURITY_HEADERS } from './security.js';

/** Set by the pages: renders the Russian HTML 404 page (with the search box) for a browser. */
export interface HtmlNotFound {
  render?: (request: FastifyRequest, reply: FastifyReply, detail: string) => FastifyReply;
}

/** A browser asks for text/html by name; tools send `*\/*`, nothing, or JSON. */
function wantsHtml(request: FastifyRequest): boolean {
  return /(^|,)\s*text\/html\s*(;\s*q=(?!0(\.0*)?\s*(,|$))[\d.]+\s*)?(,|$)/i.test(request.headers.accept ?? '');
}

declare module 'fastify' {
  interface FastifyInstance {
    htmlNotFound: HtmlNotFound;
  }
  interface FastifyContextConfig {
    /** Russian detail for a 404 when the path parameters fail their schema (an unknown feed type, say). */
    notFoundDetail?: (params: Readonly<Record<string, unknown>>, publicUrl: string) => string;
  }
}

export function sendProblem(reply: FastifyReply, problem: ProblemDetails): FastifyReply {
  // Serialized here, not by a route's response schema: the same bytes whatever route failed,
  // and the unknown-route handler has no schema at all. A Buffer, because Fastify would append
  // `; charset=utf-8` to a JSON string, a parameter application/problem+json does not define.
  return reply
    .code(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .header('cache-control', 'no-store')
    .send(Buffer.from(JSON.stringify(problem), 'utf8'));
}

const FRAMEWORK_DETAILS: Readonly<Record<string, string>> = {
  FST_ERR_BAD_URL: 'Адрес запроса содержит недопустимую последовательность символов (неверная кодировка UTF-8). Проверьте адрес.',
  FST_ERR_MAX_PARAM_LENGTH: 'Часть адреса слишком длинная. Проверьте адрес: идентификаторы организаций не длиннее 64 символов.',
};

/**
 * The router rejects some requests before any route or error handler runs (a path that is not
 * valid UTF-8, an overlong path parameter); Fastify hands those to `frameworkErrors`, a
 * constructor option, so `buildApp` passes this in and they get the same problem+json shape.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const status = error.statusCode ?? 400;
  request.log.info({ err: error }, 'request rejected by the router');
  // No hook runs for these, so the headers every other response gets from security.ts go here.
  reply.headers(SECURITY_HEADERS);
  const detail = FRAMEWORK_DETAILS[error.code] ?? `Запрос не может быть обработан (${status}). Проверьте адрес и заголовки запроса.`;
  // The raw URL is what failed to decode; echoed only in part, it cannot flood a log or a client.
  const instance = request.raw.url?.slice(0, 200) ?? '';
  if (status === 400) return sendProblem(reply, problemOf(request.server.config.publicUrl, instance, 'bad-request', detail));
  return sendProblem(reply, { type: 'about:blank', title: STATUS_CODES[status] ?? 'Bad Request', status, detail, instance });
}

/** One place maps every error to application/problem+json (RFC 9457). */
export default fp(
  async (fastify) => {
    const publicUrl = fastify.config.publicUrl;
    // Routes' error responses reference it by name (problemResponses).
    fastify.addSchema(ProblemDetails);
    const htmlNotFound: HtmlNotFound = {};
    fastify.decorate('htmlNotFound', htmlNotFound);

    fastify.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      if (error instanceof HttpProblem) {
        if (error.kind === 'not-found' && htmlNotFound.render && wantsHtml(request)) return htmlNotFound.render(request, reply, error.detail);
        return sendProblem(reply, problemOf(publicUrl, request.url, error.kind, error.detail, error.parameter));
      }
      if (error.validation !== undefined) {
        const described = describeValidationError(error, request, publicUrl);
        if (described.kind === 'not-found' && htmlNotFound.render && wantsHtml(request)) return htmlNotFound.render(request, reply, described.detail);
        return sendProblem(reply, problemOf(publicUrl, request.url, described.kind, described.detail, described.parameter));
      }
      const status = error.statusCode ?? 500;
      if (status >= 400 && status < 500) {
        // Framework-level client errors (unsupported media type, malformed URL…): generic type.
        request.log.info({ err: error }, 'client error');
        return sendProblem(reply, {
          type: 'about:blank',
          title: STATUS_CODES[status] ?? 'Client Error',
          status,
          detail: `Запрос не может быть обработан (${status}). Проверьте адрес и заголовки запроса.`,
          instance: request.url,
        });
      }
      // Internals stay in the log (with the request id); the client gets the id to quote.
      request.log.error({ err: error }, 'unhandled error');
      return sendProblem(
        reply,
        problemOf(
          publicUrl,
          request.url,
          'internal-error',
          `Не удалось обработать запрос из-за внутренней ошибки сервера. Повторите попытку позже; если ошибка повторяется, сообщите администратору номер запроса ${request.id}.`,
        ),
      );
    });

    fastify.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
      const path = request.url.split('?')[0] ?? request.url;
      if (htmlNotFound.render && wantsHtml(request)) {
        return htmlNotFound.render(request, reply, `По адресу «${path}» ничего нет. Найдите свою организацию поиском или в списке.`);
      }
      return sendProblem(
        reply,
        problemOf(publicUrl, request.url, 'not-found', `Адрес «${path}» не найден. Все ленты и их адреса перечислены на главной странице: ${publicUrl}/`),
      );
    });
  },
  { name: 'problems', fastify: '5.x', dependencies: ['services'] },
);
