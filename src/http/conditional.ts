import fresh from 'fresh';
import type { Representation } from './representation.js';

/**
 * True when the client's copy is current and a 304 answers the request; jshttp's `fresh` does
 * the comparison (If-None-Match before If-Modified-Since, RFC 9110 §13.2.2; weak comparison;
 * `Cache-Control: no-cache` forces a full answer). Any coding's tag matches: a client that
 * stored the gzip bytes and now asks for identity still holds the same content, and the 304
 * carries the tag of the coding this request would get.
 */
export function isNotModified(
  representation: Representation,
  ifNoneMatch: string | undefined,
  ifModifiedSince: string | undefined,
  cacheControl?: string,
): boolean {
  if (ifNoneMatch === undefined && ifModifiedSince === undefined) return false;
  const request = { 'if-none-match': ifNoneMatch, 'if-modified-since': ifModifiedSince, 'cache-control': cacheControl };
  const lastModified = representation.lastModified;
  if (ifNoneMatch === undefined) return fresh(request, { 'last-modified': lastModified });
  return Object.values(representation.etags).some((etag) => fresh(request, { etag, 'last-modified': lastModified }));
}
