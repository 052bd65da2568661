import type { FastifyReply, FastifyRequest } from 'fastify';
import { isNotModified } from './conditional.js';
import { negotiateEncoding } from './negotiate.js';
import type { Representation } from './representation.js';

/**
 * Answers with a cached representation: picks the coding, answers 304 when the client's copy
 * is current, else sends the stored bytes. HEAD goes through the same path (Fastify drops the
 * body and keeps Content-Length).
 */
export async function sendRepresentation(
  request: FastifyRequest,
  reply: FastifyReply,
  representation: Representation,
  cacheControl: string,
): Promise<FastifyReply> {
  const coding = negotiateEncoding(request.headers['accept-encoding']);
  // The headers a 304 must repeat (RFC 9110 §15.4.5) go on both answers.
  reply
    .header('vary', 'Accept-Encoding')
    .header('cache-control', cacheControl)
    .header('etag', representation.etags[coding])
    .header('last-modified', representation.lastModified);
  if (isNotModified(representation, request.headers['if-none-match'], request.headers['if-modified-since'])) {
    return reply.code(304).send();
  }
  reply.header('content-type', representation.contentType);
  if (representation.contentDisposition !== undefined) reply.header('content-disposition', representation.contentDisposition);
  if (coding !== 'identity') reply.header('content-encoding', coding);
  return reply.send(await representation.body(coding));
}
