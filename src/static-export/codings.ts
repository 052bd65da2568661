/**
 * The `.gz` and `.br` next to each exported file, made synchronously in the export's worker
 * threads: the service's async zlib hops through the libuv pool and, for 1 000 organization
 * feeds, cost 1.4 s of CPU against 0.8 s for the same calls made synchronously (measured here,
 * brotli's per-call allocations in the pool's threads showing up as system time).
 *
 * The settings are the service's (src/http/representation.ts, which keeps them private).
 * `assertServiceCodings` compresses real bodies both ways on every run and fails the export if
 * the bytes differ, so a change of level in the service cannot leave the export behind unnoticed.
 */
import { brotliCompressSync, brotliDecompressSync, constants as zlibConstants, gunzipSync, gzipSync } from 'node:zlib';
import { buildRepresentation } from '../http/representation.js';
import { ExportError } from './errors.js';

export interface Compressed {
  readonly gz: Buffer;
  readonly br: Buffer;
}

export function compressSync(identity: Buffer): Compressed {
  return {
    gz: gzipSync(identity, { level: 6 }),
    br: brotliCompressSync(identity, {
      params: {
        [zlibConstants.BROTLI_PARAM_QUALITY]: 5,
        [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
        [zlibConstants.BROTLI_PARAM_SIZE_HINT]: identity.length,
      },
    }),
  };
}

/** Throws unless the service's representation code compresses `identity` to exactly `compressed`. */
export async function assertServiceCodings(url: string, identity: Buffer, compressed: Compressed): Promise<void> {
  const representation = await buildRepresentation({ body: identity, contentType: 'application/octet-stream', lastModified: new Date(0) });
  const [gz, br] = await Promise.all([representation.body('gzip'), representation.body('br')]);
  for (const [coding, ours, service] of [
    ['gzip', compressed.gz, gz],
    ['br', compressed.br, br],
  ] as const) {
    if (!ours.equals(service)) {
      throw new ExportError(
        `${url}: сжатие ${coding} в экспорте отличается от сжатия сервиса — параметры в src/static-export/codings.ts ` +
          'должны совпадать с src/http/representation.ts',
      );
    }
  }
}

/** Throws unless both compressed bodies decompress to `identity`. */
export function assertDecompresses(url: string, identity: Buffer, compressed: Compressed): void {
  if (!gunzipSync(compressed.gz).equals(identity)) throw new ExportError(`${url}: сжатое (gzip) тело не совпадает с несжатым`);
  if (!brotliDecompressSync(compressed.br).equals(identity)) throw new ExportError(`${url}: сжатое (br) тело не совпадает с несжатым`);
}
