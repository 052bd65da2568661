import type { FastifyReply, FastifyRequest } from 'fastify';
import { isNotModified } from './conditional.js';
import { negotiateEncoding } from './negotiate.js';
import type { Representation } from './representation.js';

/**
 * Answers with a cached representation: picks the coding, answers 304 when the client's copy
 * is current, else sends the stored bytes. HEAD goes through the same path (Fastify drops the
 * body and keeps Content-Length).
 *
 * Synchronous whenever the bytes are at hand (a 304, identity, a coding compressed before),
 * which is nearly every request: awaiting a promise on each cost about 15 % of the 304 path's
 * throughput (docs/performance.md). Only the first request for a coding waits for its compression.
 */
export function sendRepresentation(
  request: FastifyRequest,
  reply: FastifyReply,
  representation: Representation,
  cacheControl: string,
): FastifyReply | Promise<FastifyReply> {
  const coding = negotiateEncoding(request.headers['accept-encoding']);
  // The headers a 304 must repeat (RFC 9110 §15.4.5) go on both answers.
  reply
    .header('vary', 'Accept-Encoding')
    .header('cache-control', cacheControl)
    .header('etag', representation.etags[coding])
    .header('last-modified', representation.lastModified);
  const ifNoneMatch = request.headers['if-none-match'];
  // The usual revalidation sends back exactly the tag it was given: no need to parse the list.
  if (ifNoneMatch === representation.etags[coding] || isNotModified(representation, ifNoneMatch, request.headers['if-modified-since'], request.headers['cache-control'])) {
    return reply.code(304).send();
  }
  reply.header('content-type', representation.contentType);
  if (representation.contentDisposition !== undefined) reply.header('content-disposition', representation.contentDisposition);
  if (coding !== 'identity') reply.header('content-encoding', coding);
  const ready = representation.bodyIfReady(coding);
  if (ready !== undefined) return reply.send(ready);
  return representation.body(coding).then((body) => reply.send(body));
}
