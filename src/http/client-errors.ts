/**
 * Requests Node's HTTP parser refuses before Fastify sees them (a NUL or a 0xFF byte in the
 * path, headers over the size limit, a malformed request line, a request that took too long):
 * Fastify's default answer is its own `application/json`; this writes the service's
 * problem+json instead, straight to the socket, as the default does.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { problemOf, PROBLEM_CONTENT_TYPE, type ProblemKind } from '../api/problem.js';
import { SECURITY_HEADERS } from './plugins/security.js';

/** Node's parser errors carry the bytes read so far (Fastify's types say otherwise). */
interface ParserError extends Error {
  readonly code?: string;
  readonly rawPacket?: unknown;
}

const DETAILS: Readonly<Record<string, readonly [ProblemKind, string]>> = {
  HPE_HEADER_OVERFLOW: ['headers-too-large', 'Строка запроса и заголовки вместе длиннее допустимого (16 КБ). Сократите адрес или уберите лишние заголовки.'],
  ERR_HTTP_REQUEST_TIMEOUT: ['request-timeout', 'Запрос не был получен целиком за отведённое время, соединение закрыто. Повторите запрос.'],
  HPE_INVALID_URL: ['bad-request', 'Адрес запроса содержит недопустимые символы (например, нулевой байт, пробел или байт вне ASCII): закодируйте их (%00, %20, %FF…).'],
  HPE_INVALID_VERSION: ['http-version-not-supported', 'Версия протокола в строке запроса не поддерживается: сервис отвечает по HTTP/1.1.'],
  HPE_INVALID_METHOD: ['bad-request', 'Метод запроса не распознан. Сервис отвечает на запросы GET и HEAD.'],
};
const GENERIC_DETAIL = 'Запрос не соответствует протоколу HTTP/1.1 и не может быть обработан. Проверьте строку запроса и заголовки.';

/**
 * The request target as far as the parser got, with every byte outside visible ASCII
 * percent-encoded: it is what the client sent, but it must not put control bytes into a log or
 * a JSON reader, and a 16 KB target is cut short.
 */
export function rawTarget(packet: unknown): string {
  if (!Buffer.isBuffer(packet)) return '';
  const line = packet.subarray(0, Math.min(packet.length, 1024));
  const start = line.indexOf(0x20) + 1;
  if (start === 0) return '';
  let end = line.indexOf(0x20, start);
  const newline = line.indexOf(0x0d, start);
  if (end === -1 || (newline !== -1 && newline < end)) end = newline === -1 ? line.length : newline;
  let target = '';
  for (const byte of line.subarray(start, Math.min(end, start + 200))) {
    target += byte > 0x20 && byte < 0x7f && byte !== 0x25 ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return target;
}

export function clientErrorHandler(publicUrl: string): (error: Error, socket: Socket) => void {
  return (error: ParserError, socket) => {
    // A reset or a socket already gone: nobody to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    if (socket.writable) {
      const [kind, detail] = DETAILS[error.code ?? ''] ?? ['bad-request', GENERIC_DETAIL];
      const problem = problemOf(publicUrl, rawTarget(error.rawPacket), kind, detail);
      const body = Buffer.from(JSON.stringify(problem), 'utf8');
      const headers = {
        'content-type': PROBLEM_CONTENT_TYPE,
        'content-length': String(body.length),
        'cache-control': 'no-store',
        connection: 'close',
        ...SECURITY_HEADERS,
      };
      const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
      socket.write(`HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? 'Bad Request'}\r\n${head}\r\n`);
      socket.write(body);
    }
    socket.end();
  };
}

