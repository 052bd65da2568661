/**
 * The static export: builds the app with the same factory the server uses and fetches every
 * public URL through `app.inject`, so each exported file is byte for byte what the service
 * answers. The compressed `.gz` and `.br` files are the service's own compressed bodies.
 * Everything is written into a temporary directory next to the target and renamed into place
 * at the end: a failed export leaves the previous export (or nothing) behind, never half a tree.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, brotliDecompress, constants as zlibConstants, gunzip, gzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { loadDataset } from '../data/load.js';
import { createDataStore } from '../data/store.js';
import type { Dataset } from '../domain/model.js';
import { buildApp } from '../http/app.js';
import { loadAssets } from '../render/html/assets.js';
import { ExportError } from './errors.js';
import { fileForUrl } from './layout.js';
import { publicPaths } from './urls.js';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);
const brotliAsync = promisify(brotliCompress);
const unbrotliAsync = promisify(brotliDecompress);

/** Marks a directory as an export, so a later export may replace it (and nothing else). */
export const EXPORT_MARKER = '.eo-calendar-export';

export interface ExportOptions {
  readonly planFile: string;
  readonly dataDir: string;
  /** Absolute base URL the export will be served at: feeds and pages carry absolute links. */
  readonly publicUrl: string;
  /** The pages' "today" (they list the coming deadlines), `YYYY-MM-DD` in Moscow. */
  readonly date: string;
  readonly out: string;
  /** URLs fetched at once: rendering is synchronous, compression runs on the thread pool. */
  readonly concurrency: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ExportResult {
  readonly out: string;
  readonly version: string;
  readonly urls: number;
  readonly files: number;
  readonly bytes: number;
}

type Coding = 'gzip' | 'br';

/** Midnight in Moscow starting `date`: the app's clock for the pages and the data's load time. */
export function exportClock(date: string): () => Date {
  const start = DateTime.fromISO(date, { zone: 'Europe/Moscow' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !start.isValid) throw new ExportError(`Неверная дата «${date}»: ожидается ГГГГ-ММ-ДД`);
  const at = start.startOf('day').toJSDate();
  return () => at;
}

async function assertReplaceable(out: string): Promise<boolean> {
  const info = await stat(out).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (info === undefined) return false;
  if (!info.isDirectory()) throw new ExportError(`${out} существует и не является каталогом`);
  const names = await readdir(out);
  if (names.length > 0 && !names.includes(EXPORT_MARKER)) {
    throw new ExportError(`Каталог ${out} не пуст и не похож на результат экспорта: укажите новый или пустой каталог`);
  }
  return true;
}

interface Fetched {
  readonly body: Buffer;
  readonly contentType: string;
  readonly lastModified: Date | undefined;
}

async function fetchOk(app: FastifyInstance, url: string, coding?: Coding): Promise<{ body: Buffer; headers: Record<string, unknown> }> {
  const response = await app.inject({ method: 'GET', url, headers: coding === undefined ? {} : { 'accept-encoding': coding } });
  if (response.statusCode !== 200) {
    throw new ExportError(`${url}: сервис ответил ${response.statusCode}: ${response.body.slice(0, 300)}`);
  }
  return { body: response.rawPayload, headers: response.headers };
}

async function identity(app: FastifyInstance, url: string): Promise<Fetched> {
  const { body, headers } = await fetchOk(app, url);
  const contentType = headers['content-type'];
  if (typeof contentType !== 'string') throw new ExportError(`${url}: ответ без Content-Type`);
  const lastModified = typeof headers['last-modified'] === 'string' ? new Date(headers['last-modified']) : undefined;
  return { body, contentType, lastModified };
}

/**
 * The service's compressed body for `coding`, checked to decompress to the identity bytes.
 * Routes that do not compress (the OpenAPI document) get the same compression the service uses.
 */
async function compressed(app: FastifyInstance, url: string, coding: Coding, plain: Buffer): Promise<Buffer> {
  const { body, headers } = await fetchOk(app, url, coding);
  if (headers['content-encoding'] === coding) {
    const unpacked = coding === 'gzip' ? await gunzipAsync(body) : await unbrotliAsync(body);
    if (!unpacked.equals(plain)) throw new ExportError(`${url}: сжатое (${coding}) тело не совпадает с несжатым`);
    return body;
  }
  if (coding === 'gzip') return gzipAsync(plain, { level: 9 });
  return brotliAsync(plain, {
    params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: plain.length },
  });
}

/** Runs `task` over `items` with at most `limit` at once; stops taking new items after a failure. */
async function pool<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  async function worker(): Promise<void> {
    while (failure === undefined && next < items.length) {
      const item = items[next++] as T;
      try {
        await task(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure.error;
}

export async function exportSite(options: ExportOptions): Promise<ExportResult> {
  const out = path.resolve(options.out);
  const clock = exportClock(options.date);
  // Invalid data throws its DataError here, before anything is written.
  const store = await createDataStore(() => loadDataset({ planFile: options.planFile, dataDir: options.dataDir }), { clock });
  const data: Dataset = store.current;
  const replacing = await assertReplaceable(out);
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const app = await buildApp({
    store,
    // Each URL is asked for three times in a row (identity, gzip, br): a small cache holds every
    // URL in flight, and memory stays flat however large the registry is.
    config: { publicUrl: options.publicUrl, planFile: options.planFile, dataDir: options.dataDir, cacheEntries: concurrency * 4 + 16 },
    clock,
    logger: false,
  });
  const assets = await loadAssets();
  const paths = publicPaths(data, [assets.css.path, assets.js.path]);
  // Files without their own Last-Modified (the OpenAPI document) carry the data's.
  const dataTime = new Date(data.plan.meta.updated);

  await mkdir(path.dirname(out), { recursive: true });
  const temp = await mkdtemp(path.join(path.dirname(out), `.${path.basename(out)}.tmp-`));
  let files = 0;
  let bytes = 0;
  let done = 0;
  try {
    const made = new Set<string>();
    await pool(paths, concurrency, async (url) => {
      const plain = await identity(app, url);
      const [gz, br] = [await compressed(app, url, 'gzip', plain.body), await compressed(app, url, 'br', plain.body)];
      const file = path.join(temp, ...fileForUrl(url, plain.contentType).split('/'));
      const dir = path.dirname(file);
      if (!made.has(dir)) {
        await mkdir(dir, { recursive: true });
        made.add(dir);
      }
      // The files' times are the service's Last-Modified, so a static server sends the same one
      // and two exports of the same data are identical, times included.
      const time = plain.lastModified ?? dataTime;
      for (const [name, body] of [
        [file, plain.body],
        [`${file}.gz`, gz],
        [`${file}.br`, br],
      ] as const) {
        await writeFile(name, body);
        await utimes(name, time, time);
        files += 1;
        bytes += body.length;
      }
      done += 1;
      options.onProgress?.(done, paths.length);
    });
    const marker = { version: data.version, publicUrl: options.publicUrl, date: options.date, urls: paths.length };
    await writeFile(path.join(temp, EXPORT_MARKER), `${JSON.stringify(marker, null, 2)}\n`);
    await utimes(path.join(temp, EXPORT_MARKER), dataTime, dataTime);
    // mkdtemp makes the directory private; a web server's workers must be able to read it.
    await chmod(temp, 0o755);
    await app.close();
    await swapInto(temp, out, replacing);
  } catch (error) {
    await app.close().catch(() => undefined);
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  return { out, version: data.version, urls: paths.length, files, bytes };
}

/**
 * Renames the finished export into place. A previous export is moved aside first and removed
 * after, so the target is missing only between two renames (serve through a symlink switch
 * when even that matters: docs/deploy.md).
 */
async function swapInto(temp: string, out: string, replacing: boolean): Promise<void> {
  if (!replacing) {
    await rename(temp, out);
    return;
  }
  const old = path.join(path.dirname(out), `.${path.basename(out)}.old-${randomBytes(6).toString('hex')}`);
  await rename(out, old);
  await rename(temp, out);
  await rm(old, { recursive: true, force: true });
}
