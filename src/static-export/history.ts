/**
 * What a static host needs to answer the URLs of organizations that left the registry
 * (`removed`: 410 Gone) or changed their id (`previousIds`: 301 to the new URL) as the service
 * does (src/http/plugins/registry-history.ts). Each answer is asked of the service itself, so
 * the export holds its status, Location and body, never a copy of its rules. Written into
 * `_nginx/`, which deploy/nginx.conf reads:
 * - `history.map`: a body of an nginx `map` from URL path to `410 <body URI>` or
 *   `301 <empty body URI> <Location>`;
 * - `<kind>/410/<URL path>.html|.json`: the service's 410 bodies (its Russian page for the
 *   organization's page and memo, problem+json for the rest);
 * - `<kind>/301`: an empty body, so a redirect is as empty as the service's;
 * where `<kind>` names the set of headers nginx sends with it, the service's for that URL.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pageBase } from '../http/routes/pages.js';
import { ExportError } from './errors.js';
import { writeNew } from './write-url.js';

export const NGINX_DIR = '_nginx';
export const HISTORY_MAP = 'history.map';

/** The header sets of deploy/nginx.conf's `location ^~ /_nginx/…` blocks. */
export const HEADER_KINDS = ['cors', 'embed', 'page'] as const;
export type HeaderKind = (typeof HEADER_KINDS)[number];

/** Which header set the service sends with its answer for `url`: the route it falls under. */
export function headerKindOf(url: string): HeaderKind {
  if (url.startsWith('/feeds/') || url.startsWith('/api/')) return 'cors';
  return url.startsWith('/embed/') ? 'embed' : 'page';
}

const BODY_EXTENSIONS: Readonly<Record<string, string>> = {
  'text/html; charset=utf-8': 'html',
  'application/problem+json; charset=utf-8': 'json',
};

/** What an nginx string may hold as it is: no quote, `$`, `;`, brace, backslash or space. */
const NGINX_SAFE = /^[A-Za-z0-9._~%/:@!&'()*+,=-]+$/;

/** The parts as one quoted nginx string, separated by spaces. */
function quoted(url: string, ...parts: string[]): string {
  for (const part of parts) {
    if (!NGINX_SAFE.test(part)) throw new ExportError(`${url}: «${part}» нельзя записать в карту nginx как есть`);
  }
  return `"${parts.join(' ')}"`;
}

function writeFile(root: string, file: string, body: Buffer, time: Date): void {
  const name = path.join(root, ...file.split('/'));
  mkdirSync(path.dirname(name), { recursive: true });
  writeNew(name, body, time);
}

export interface HistoryTarget {
  readonly app: FastifyInstance;
  readonly root: string;
  readonly publicUrl: string;
  /** Every file's time: the data's, so two exports of the same data are the same tree. */
  readonly time: Date;
}

/** Writes `_nginx/` for `urls` (historyPaths); returns the files and bytes written. */
export async function writeHistory({ app, root, publicUrl, time }: HistoryTarget, urls: readonly string[]): Promise<{ files: number; bytes: number }> {
  const base = pageBase(publicUrl);
  const lines: string[] = [];
  let files = 0;
  let bytes = 0;
  for (const url of urls) {
    const response = await app.inject({ method: 'GET', url });
    const kind = headerKindOf(url);
    const key = quoted(url, `${base}${url}`);
    if (response.statusCode === 301) {
      lines.push(`${key} ${quoted(url, '301', `${base}/${NGINX_DIR}/${kind}/301`, String(response.headers.location))};`);
      continue;
    }
    const type = String(response.headers['content-type']);
    const extension = BODY_EXTENSIONS[type];
    if (response.statusCode !== 410 || extension === undefined) {
      throw new ExportError(`${url}: сервис ответил ${response.statusCode} (${type}), ожидался 410 или 301 для исключённой или переименованной организации`);
    }
    const file = `${NGINX_DIR}/${kind}/410${url}.${extension}`;
    writeFile(root, file, response.rawPayload, time);
    files += 1;
    bytes += response.rawPayload.length;
    lines.push(`${key} ${quoted(url, '410', `${base}/${file}`)};`);
  }
  for (const kind of HEADER_KINDS) writeFile(root, `${NGINX_DIR}/${kind}/301`, Buffer.alloc(0), time);
  files += HEADER_KINDS.length + 1;
  const map = Buffer.from(
    [
      '# Written by `npm run export` from organizations.json (`removed`, `previousIds`) and read by',
      '# deploy/nginx.conf: the URL path, then 410 and its body, or 301, its empty body and Location.',
      ...lines,
      '',
    ].join('\n'),
  );
  writeFile(root, `${NGINX_DIR}/${HISTORY_MAP}`, map, time);
  return { files, bytes: bytes + map.length };
}
