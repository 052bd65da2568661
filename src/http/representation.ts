/**
 * A representation is a response body rendered once, with its compressed variants and
 * validators computed at the same time, so serving it is a header write and a buffer send.
 * Feeds use it now; the JSON API and pages reuse it.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

export type ContentCoding = 'identity' | 'gzip' | 'br';

export interface Representation {
  readonly contentType: string;
  readonly contentDisposition?: string;
  readonly bodies: Readonly<Record<ContentCoding, Buffer>>;
  /** Strong entity tags, one per coding: the bytes differ, so the tags must too (RFC 9110 §8.8.3). */
  readonly etags: Readonly<Record<ContentCoding, string>>;
  /** HTTP-date. */
  readonly lastModified: string;
  /** Whole seconds, as HTTP dates carry them, for If-Modified-Since comparisons. */
  readonly lastModifiedSeconds: number;
}

export interface RepresentationSource {
  readonly body: string | Buffer;
  readonly contentType: string;
  readonly contentDisposition?: string;
  readonly lastModified: Date;
}

/**
 * Compresses at the highest levels: this runs once per data version and key, and it runs on
 * the thread pool (async zlib), so requests in the meantime are not held up.
 */
export async function buildRepresentation(source: RepresentationSource): Promise<Representation> {
  const identity = Buffer.isBuffer(source.body) ? source.body : Buffer.from(source.body, 'utf8');
  const [gz, br] = await Promise.all([
    gzipAsync(identity, { level: 9 }),
    brotliAsync(identity, {
      params: {
        [zlibConstants.BROTLI_PARAM_QUALITY]: 11,
        [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
        [zlibConstants.BROTLI_PARAM_SIZE_HINT]: identity.length,
      },
    }),
  ]);
  const hash = createHash('sha256').update(identity).digest('base64url');
  const seconds = Math.floor(source.lastModified.getTime() / 1000);
  return {
    contentType: source.contentType,
    ...(source.contentDisposition === undefined ? {} : { contentDisposition: source.contentDisposition }),
    bodies: { identity, gzip: gz, br },
    etags: { identity: `"${hash}"`, gzip: `"${hash}-gz"`, br: `"${hash}-br"` },
    lastModified: new Date(seconds * 1000).toUTCString(),
    lastModifiedSeconds: seconds,
  };
}

/**
 * `Content-Disposition` with an ASCII `filename` for old clients and `filename*` (RFC 5987)
 * carrying the exact name (RFC 6266 §4.3: recipients prefer `filename*`).
 */
export function contentDisposition(disposition: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
