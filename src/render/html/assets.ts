/** The pages' stylesheet and script, read once at start-up and addressed by a content hash for long caching. */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export interface Asset {
  /** Route path, e.g. `/assets/app.css`. */
  readonly path: string;
  readonly contentType: string;
  readonly body: Buffer;
  /** Short content hash: the `v` query of links, so a changed file gets a new URL. */
  readonly version: string;
  readonly modified: Date;
}

const FILES = [
  { name: 'app.css', contentType: 'text/css; charset=utf-8' },
  { name: 'app.js', contentType: 'text/javascript; charset=utf-8' },
] as const;

// Next to this module: src/render/html/assets when run from source, dist/render/html/assets
// after a build (the build copies the directory; tsc itself does not copy non-TS files).
const ASSET_DIR = new URL('./assets/', import.meta.url);

export async function loadAssets(): Promise<{ readonly css: Asset; readonly js: Asset }> {
  const [css, js] = await Promise.all(
    FILES.map(async ({ name, contentType }) => {
      const url = new URL(name, ASSET_DIR);
      let body: Buffer;
      let modified: Date;
      try {
        [body, modified] = await Promise.all([readFile(url), stat(url).then((s) => s.mtime)]);
      } catch (error) {
        throw new Error(
          `Page asset ${fileURLToPath(url)} is missing (${(error as Error).message}); the build must copy src/render/html/assets next to the compiled pages`,
          { cause: error },
        );
      }
      const version = createHash('sha256').update(body).digest('base64url').slice(0, 12);
      return { path: `/assets/${name}`, contentType, body, version, modified };
    }),
  );
  if (css === undefined || js === undefined) throw new Error('Page assets: expected app.css and app.js');
  return { css, js };
}
