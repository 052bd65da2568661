/**
 * Where each public URL lives in a static export, so a static host serves it under the same
 * path as the service. Files keep their type in the extension (static hosts and nginx pick the
 * Content-Type from it); the clean URLs of pages and JSON documents map to `<path>.html` and
 * `<path>.json`, which `deploy/nginx.conf` finds with `try_files`.
 */
import { ExportError } from './errors.js';

/** The Content-Type each exported extension must be served with: exactly what the service sends. */
export const EXTENSION_TYPES = {
  ics: 'text/calendar; charset=utf-8',
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
} as const;

export type ExportExtension = keyof typeof EXTENSION_TYPES;

const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

function extensionOf(segment: string): string | undefined {
  const dot = segment.lastIndexOf('.');
  return dot > 0 ? segment.slice(dot + 1) : undefined;
}

function extensionFor(contentType: string): ExportExtension | undefined {
  const normalized = contentType.toLowerCase().replace(/\s+/g, '');
  return (Object.keys(EXTENSION_TYPES) as ExportExtension[]).find(
    (ext) => EXTENSION_TYPES[ext].toLowerCase().replace(/\s+/g, '') === normalized,
  );
}

/**
 * The file (relative, `/`-separated) for a URL path below the site's base, given the
 * Content-Type the service answered with. Throws when the two disagree or the path could
 * escape the export: a wrong type on a static host is a silent failure for subscribers.
 */
export function fileForUrl(urlPath: string, contentType: string): string {
  if (!urlPath.startsWith('/')) throw new ExportError(`адрес должен начинаться с «/»: ${urlPath}`);
  const ext = extensionFor(contentType);
  if (ext === undefined) throw new ExportError(`${urlPath} отдаётся как «${contentType}»: такой тип статический хостинг не воспроизведёт`);
  if (urlPath === '/') {
    if (ext !== 'html') throw new ExportError(`/ отдаётся как «${contentType}», ожидалась HTML-страница`);
    return 'index.html';
  }
  const segments = urlPath.slice(1).split('/');
  for (const segment of segments) {
    if (!SEGMENT.test(segment)) throw new ExportError(`недопустимая часть пути «${segment}» в ${urlPath}`);
  }
  const last = segments.at(-1) ?? '';
  const own = extensionOf(last);
  if (own === undefined) return `${segments.join('/')}.${ext}`;
  if (own !== ext) throw new ExportError(`${urlPath} отдаётся как «${contentType}», а файл .${own} статический хостинг отдаст с другим типом`);
  return segments.join('/');
}
