/**
 * RFC 9457 problem details: the one shape of every error response, and the kinds this service
 * reports. Pure, so the pages that explain each kind (src/render) and the HTTP layer share them.
 */
import Type, { type Static } from 'typebox';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const ProblemDetails = Type.Object(
  {
    type: Type.String({ description: 'URI типа ошибки' }),
    title: Type.String({ description: 'Краткое название типа ошибки' }),
    status: Type.Integer({ description: 'HTTP-статус' }),
    detail: Type.String({ description: 'Что не так и как исправить запрос' }),
    instance: Type.String({ description: 'Адрес запроса, вызвавшего ошибку' }),
    parameter: Type.Optional(Type.String({ description: 'Параметр запроса, значение которого неверно' })),
    problems: Type.Optional(
      Type.Array(
        Type.Object({
          pointer: Type.String({ description: 'JSON Pointer (RFC 6901) неверного значения в теле запроса' }),
          message: Type.String({ description: 'Что с ним не так' }),
        }),
        { description: 'Каждая ошибка в присланном документе (ответ 422)' },
      ),
    ),
  },
  // Named: registered once as a shared schema and referenced by every route's error responses,
  // so the OpenAPI document lists it once under components.schemas.
  { $id: 'ProblemDetails', description: 'Описание ошибки (RFC 9457)' },
);
export type ProblemDetails = Static<typeof ProblemDetails>;

/** Kinds of problem this service reports; each has a stable slug in its type URI. */
export const PROBLEM_KINDS = {
  'invalid-parameter': { status: 400, title: 'Неверный параметр запроса' },
  'not-found': { status: 404, title: 'Не найдено' },
  // The editor's (/admin) kinds.
  unauthorized: { status: 401, title: 'Требуется вход' },
  forbidden: { status: 403, title: 'Доступ запрещён' },
  conflict: { status: 409, title: 'Опубликована более новая редакция' },
  gone: { status: 410, title: 'Больше не публикуется' },
  'precondition-failed': { status: 412, title: 'Данные изменились' },
  'invalid-document': { status: 422, title: 'Неверные данные' },
  'precondition-required': { status: 428, title: 'Не указана версия' },
  'internal-error': { status: 500, title: 'Внутренняя ошибка сервера' },
  // Below the routes: the HTTP parser, the router and the protocol checks (plugins/protocol.ts).
  'bad-request': { status: 400, title: 'Неверный запрос' },
  'method-not-allowed': { status: 405, title: 'Метод не поддерживается' },
  'request-timeout': { status: 408, title: 'Запрос не получен вовремя' },
  'headers-too-large': { status: 431, title: 'Слишком большие заголовки запроса' },
  // Sent by the proxy in front (deploy/nginx-proxy.conf), not by the service: documented here.
  'too-many-requests': { status: 429, title: 'Слишком много запросов' },
  'http-version-not-supported': { status: 505, title: 'Версия HTTP не поддерживается' },
} as const;
export type ProblemKind = keyof typeof PROBLEM_KINDS;

export function problemTypeUri(publicUrl: string, kind: ProblemKind): string {
  return `${publicUrl}/problems/${kind}`;
}

export function problemOf(publicUrl: string, instance: string, kind: ProblemKind, detail: string, parameter?: string): ProblemDetails {
  const { status, title } = PROBLEM_KINDS[kind];
  return {
    type: problemTypeUri(publicUrl, kind),
    title,
    status,
    detail,
    instance,
    ...(parameter === undefined ? {} : { parameter }),
  };
}
