/**
 * Kept instead of the encoding-negotiator package (measured, README «Dependencies and why»):
 * it picks br for `br;q=0, *`, gzip over br for `gzip, deflate, br`, nothing for `GZIP` or
 * `x-gzip`, and honours weights that do not parse.
 */
import type { ContentCoding } from './representation.js';

const CODING_ALIASES: Readonly<Record<string, string>> = { 'x-gzip': 'gzip' };

/** Quality values per coding as the client listed them (RFC 9110 §12.5.3), lower-cased. */
function parseAcceptEncoding(header: string): Map<string, number> {
  const qualities = new Map<string, number>();
  for (const part of header.split(',')) {
    const [rawName = '', ...params] = part.split(';');
    const token = rawName.trim().toLowerCase();
    if (token === '') continue;
    const name = CODING_ALIASES[token] ?? token;
    let q = 1;
    for (const param of params) {
      const [key = '', value = ''] = param.split('=').map((s) => s.trim());
      if (key.toLowerCase() !== 'q') continue;
      const parsed = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(value) ? Number(value) : Number.NaN;
      // An unreadable weight is treated as a refusal: safer than guessing a coding the client may not decode.
      q = Number.isNaN(parsed) ? 0 : parsed;
    }
    // A coding listed twice keeps its first weight, as most servers do.
    if (!qualities.has(name)) qualities.set(name, q);
  }
  return qualities;
}

/**
 * Picks the coding to send: the compression with the highest weight above zero (brotli wins a
 * tie: smaller for the same work, done once), else identity. Identity is also the answer when
 * the client refuses everything: RFC 9110 lets the server send it rather than fail the request.
 */
export function negotiateEncoding(header: string | undefined): ContentCoding {
  if (header === undefined) return 'identity';
  const qualities = parseAcceptEncoding(header);
  const wildcard = qualities.get('*');
  const weight = (name: string): number => qualities.get(name) ?? wildcard ?? 0;
  const br = weight('br');
  const gz = weight('gzip');
  if (br > 0 && br >= gz) return 'br';
  if (gz > 0) return 'gzip';
  return 'identity';
}
