/**
 * A representation is a response body rendered once, with its compressed variants and
 * validators computed at the same time, so serving it is a header write and a buffer send.
 * Feeds use it now; the JSON API and pages reuse it.
 */
import { createHash } from 'node:crypto';
import formatContentDisposition from 'content-disposition';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

export type ContentCoding = 'identity' | 'gzip' | 'br';

export interface Representation {
  readonly contentType: string;
  readonly contentDisposition?: string;
  readonly identity: Buffer;
  /** The body in a coding: compressed the first time a client asks for that coding, then kept. */
  body(coding: ContentCoding): Promise<Buffer>;
  /**
   * The body in a coding if it is already at hand (identity, or a coding compressed before), so
   * the common answer needs no promise; undefined until `body(coding)` has finished compressing.
   */
  bodyIfReady(coding: ContentCoding): Buffer | undefined;
  /** Strong entity tags, one per coding: the bytes differ, so the tags must too (RFC 9110 §8.8.3). */
  readonly etags: Readonly<Record<ContentCoding, string>>;
  /** HTTP-date. */
  readonly lastModified: string;
  /** Whole seconds, as HTTP dates carry them, for If-Modified-Since comparisons. */
  readonly lastModifiedSeconds: number;
  /** Bytes held: identity plus every coding compressed so far, plus a fixed allowance for the rest. */
  readonly byteLength: number;
  /** Called once per coding when its compressed bytes are kept, so a byte-bounded cache can recount. */
  onGrow: (() => void) | undefined;
}

/** Etags, dates, headers and the object itself: what a representation holds besides its bodies. */
export const REPRESENTATION_OVERHEAD_BYTES = 1024;

export interface RepresentationSource {
  readonly body: string | Buffer;
  readonly contentType: string;
  readonly contentDisposition?: string;
  readonly lastModified: Date;
}

// Compression levels: brotli 5 is within ~15 % of quality 11 on our feeds and pages at about
// 1/40 of the time (0.8 ms against 36 ms for a 50 kB feed, measured with node:zlib here).
// Quality 11 made every uncached organization feed and every file of a 10 000-organization
// export wait ~30 ms for bytes most clients never ask for. gzip 6, not 9: on every file of a
// 2 000-organization export 17 % less CPU (4.76 -> 3.93 s) for 0.7 % more bytes (docs/performance.md).
const BROTLI_QUALITY = 5;
const GZIP_LEVEL = 6;

function compress(identity: Buffer, coding: Exclude<ContentCoding, 'identity'>): Promise<Buffer> {
  if (coding === 'gzip') return gzipAsync(identity, { level: GZIP_LEVEL });
  return brotliAsync(identity, {
    params: {
      [zlibConstants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
      [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
      [zlibConstants.BROTLI_PARAM_SIZE_HINT]: identity.length,
    },
  });
}

/**
 * Hashes the body once; each compressed variant is made on the first request that needs it
 * (on the thread pool, async zlib) and kept with the representation, so it is prepared once per
 * data version and key, never per request.
 */
export async function buildRepresentation(source: RepresentationSource): Promise<Representation> {
  const identity = Buffer.isBuffer(source.body) ? source.body : Buffer.from(source.body, 'utf8');
  const hash = createHash('sha256').update(identity).digest('base64url');
  const seconds = Math.floor(source.lastModified.getTime() / 1000);
  const compressed: Partial<Record<Exclude<ContentCoding, 'identity'>, Promise<Buffer>>> = {};
  const ready: Partial<Record<ContentCoding, Buffer>> = { identity };
  let byteLength = identity.length + REPRESENTATION_OVERHEAD_BYTES;
  const representation: Representation = {
    contentType: source.contentType,
    ...(source.contentDisposition === undefined ? {} : { contentDisposition: source.contentDisposition }),
    identity,
    body(coding) {
      if (coding === 'identity') return Promise.resolve(identity);
      let pending = compressed[coding];
      if (pending === undefined) {
        const started = compress(identity, coding);
        pending = started;
        compressed[coding] = started;
        started.then(
          (bytes) => {
            ready[coding] = bytes;
            byteLength += bytes.length;
            representation.onGrow?.();
          },
          // A failed compression is not kept: the next request tries again.
          () => {
            if (compressed[coding] === started) delete compressed[coding];
          },
        );
      }
      return pending;
    },
    bodyIfReady: (coding) => ready[coding],
    etags: { identity: `"${hash}"`, gzip: `"${hash}-gz"`, br: `"${hash}-br"` },
    lastModified: new Date(seconds * 1000).toUTCString(),
    lastModifiedSeconds: seconds,
    get byteLength() {
      return byteLength;
    },
    onGrow: undefined,
  };
  return representation;
}

/**
 * `Content-Disposition` with an ASCII `filename` for old clients and `filename*` (RFC 5987)
 * carrying the exact name (RFC 6266 §4.3: recipients prefer `filename*`); jshttp's
 * content-disposition, whose 1.x line supports Node 20 (3.x needs Node 22).
 */
export function contentDisposition(disposition: 'inline' | 'attachment', fileName: string): string {
  return formatContentDisposition(fileName, { type: disposition });
}
