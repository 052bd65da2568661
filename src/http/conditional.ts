import type { Representation } from './representation.js';

/** Entity tags listed in If-None-Match; `*` stands for "any current representation". */
function parseEntityTags(header: string): string[] | '*' {
  if (header.trim() === '*') return '*';
  const tags: string[] = [];
  for (const match of header.matchAll(/(?:W\/)?("[^"]*")/g)) {
    if (match[1] !== undefined) tags.push(match[1]);
  }
  return tags;
}

/**
 * True when the client's copy is current and a 304 answers the request. If-None-Match takes
 * precedence over If-Modified-Since (RFC 9110 §13.2.2). Any coding's tag matches: a client that
 * stored the gzip bytes and now asks for identity still holds the same content, and the 304
 * carries the tag of the coding this request would get. Comparison is weak, as §13.1.2 says
 * for If-None-Match.
 */
export function isNotModified(
  representation: Representation,
  ifNoneMatch: string | undefined,
  ifModifiedSince: string | undefined,
): boolean {
  if (ifNoneMatch !== undefined) {
    const tags = parseEntityTags(ifNoneMatch);
    if (tags === '*') return true;
    const current = Object.values(representation.etags);
    return tags.some((tag) => current.includes(tag));
  }
  if (ifModifiedSince !== undefined) {
    const since = Date.parse(ifModifiedSince);
    // An unparsable date is ignored (§13.1.3), which means a full response.
    if (Number.isNaN(since)) return false;
    return representation.lastModifiedSeconds <= Math.floor(since / 1000);
  }
  return false;
}
