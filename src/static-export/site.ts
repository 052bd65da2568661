/**
 * The static export: every public URL fetched through `app.inject`, from an app built with the
 * same factory the server uses — or, for an organization's URLs and the lists of every
 * organization, from the routes' own rendering code called directly (direct.ts, checked against
 * the app on a sample) — so each exported file is byte for byte what the service answers.
 * The documents of no single organization also get `.gz` and `.br`: those bytes compressed
 * with the service's settings (codings.ts); an organization's own files are compressed by the
 * web server (write-url.ts). Worker threads do the work (workers.ts): a planner loads the data, lists the
 * URLs and writes the documents of no single organization, then one worker per core (up to
 * `concurrency`) writes the organizations' URLs. The planner also writes `_nginx/`: the
 * service's 410 and 301 answers for removed organizations and former ids (history.ts).
 * Everything is written into a temporary directory next to the target and renamed into place
 * at the end: a failed export leaves the previous export (or nothing) behind, never half a tree.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { ResourceLimits } from 'node:worker_threads';
import path from 'node:path';
import { exportClock } from './clock.js';
import { ExportError } from './errors.js';
import { CHUNK, ExportWorker, writeThrough } from './workers.js';

export { exportClock } from './clock.js';

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
  /**
   * URLs rendered at once, one per worker thread; capped at the number of cores, since
   * rendering is synchronous and a thread beyond that adds memory, not speed.
   */
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

/**
 * Heap limits of the threads, scaled with the registry (organizations.json: 4.6 MB at 10 000
 * organizations), so a larger registry gets room instead of a worker out of memory. Without
 * limits each thread's heap grows to several times its live data before V8 collects: two workers
 * took the export past 500 MB, and the planner, which renders the documents that list every
 * organization (52 MB of JSON at 10 000, held outside the heap; more garbage while it is built),
 * reached 390 MB with a heap of 200 MB whose live part is the data set (7 MB at 10 000) and the
 * document in hand. A small young generation takes about 20 MB more off each (16 MB instead of 8
 * took the export past 300 MB). A worker's live heap is about 45 MB at 10 000 organizations
 * (the data set and the rendering memos): with 64 MB of old generation it collected all the
 * time, and 128 MB cut the export's CPU by 13 % at the same peak RSS (V8 does not fill the room
 * with garbage; docs/performance.md).
 */
export function threadLimits(registryBytes: number): { readonly planner: ResourceLimits; readonly worker: ResourceLimits } {
  const registryMb = registryBytes / (1024 * 1024);
  return {
    planner: { maxOldGenerationSizeMb: Math.max(160, Math.ceil(registryMb * 32)), maxYoungGenerationSizeMb: 8 },
    worker: { maxOldGenerationSizeMb: Math.max(128, Math.ceil(registryMb * 26)), maxYoungGenerationSizeMb: 8 },
  };
}

async function registrySize(dataDir: string): Promise<number> {
  // A missing or unreadable registry fails the planner's load with its own message.
  return (await stat(path.join(dataDir, 'organizations.json')).catch(() => undefined))?.size ?? 0;
}

export async function exportSite(options: ExportOptions): Promise<ExportResult> {
  const out = path.resolve(options.out);
  // An impossible date fails here, before any thread starts.
  exportClock(options.date);
  const base = { planFile: options.planFile, dataDir: options.dataDir, publicUrl: options.publicUrl, date: options.date };
  const live: ExportWorker[] = [];
  // Set on failure: a worker due to start later must not outlive the export.
  let stopped = false;
  let temp: string | undefined;
  try {
    // The planner loads and validates the data (an invalid data set fails here, as a DataError,
    // before anything is written), lists the URLs and writes those of no single organization.
    const limits = threadLimits(await registrySize(options.dataDir));
    const planner = new ExportWorker({ ...base, role: { plan: true } }, limits.planner);
    live.push(planner);
    const ready = await planner.reply();
    if (ready.type !== 'ready' || ready.plan === undefined) throw new Error(`the planner answered ${ready.type} without a plan`);
    const { plan } = ready;
    const replacing = await assertReplaceable(out);
    await mkdir(path.dirname(out), { recursive: true });
    temp = await mkdtemp(path.join(path.dirname(out), `.${path.basename(out)}.tmp-`));
    const target = { root: temp, dataTimeMs: plan.dataTimeMs, shared: plan.shared };
    const progress = { done: 0, total: plan.paths.length, ...(options.onProgress === undefined ? {} : { report: options.onProgress }) };
    const written = { files: 0, bytes: 0 };
    const own = plan.paths.slice(plan.shared);
    const threads = Math.min(Math.max(1, Math.floor(options.concurrency)), availableParallelism(), Math.ceil(own.length / CHUNK));
    const worker = () => {
      if (stopped) throw new ExportError('экспорт остановлен');
      const started = new ExportWorker({ ...base, role: { plan: false, version: plan.version, target } }, limits.worker);
      live.push(started);
      return started.reply().then(() => started);
    };
    // The planner writes the lists of every organization alone (its peak of memory); then one
    // worker starts and writes the organizations' URLs while the planner writes the other
    // documents of no single organization, and the others start when the planner has ended, so
    // no more threads than cores are at work, and hold a heap, at a time. Three at once took the
    // export past 400 MB; one after the other left a core idle for 2 s at 10 000 organizations.
    await planner.ask({ type: 'start', target });
    await writeThrough([planner], plan.paths.slice(0, plan.lists), 0, progress, written);
    const first = threads > 0 ? [worker()] : [];
    const sharedPart = async (): Promise<void> => {
      await writeThrough([planner], plan.paths.slice(plan.lists, plan.shared), plan.lists, progress, written);
      const history = await planner.ask({ type: 'history', urls: plan.history });
      if (history.type !== 'done') throw new Error(`unexpected reply ${history.type} to the history`);
      written.files += history.files;
      written.bytes += history.bytes;
      await planner.close();
    };
    const shared = sharedPart();
    const later = Array.from({ length: Math.max(0, threads - 1) }, () => shared.then(worker));
    await Promise.all([shared, writeThrough([...first, ...later], own, plan.shared, progress, written)]);
    const workers = await Promise.all([...first, ...later]);
    await Promise.all(workers.map((one) => one.close()));

    const dataTime = new Date(plan.dataTimeMs);
    const marker = { version: plan.version, publicUrl: options.publicUrl, date: options.date, urls: plan.paths.length };
    await writeFile(path.join(temp, EXPORT_MARKER), `${JSON.stringify(marker, null, 2)}\n`);
    await utimes(path.join(temp, EXPORT_MARKER), dataTime, dataTime);
    // mkdtemp makes the directory private; a web server's workers must be able to read it.
    await chmod(temp, 0o755);
    await swapInto(temp, out, replacing);
    return { out, version: plan.version, urls: plan.paths.length, ...written };
  } catch (error) {
    stopped = true;
    // Nothing may still be writing when the temporary tree is removed.
    await Promise.allSettled(live.map((worker) => worker.terminate()));
    if (temp !== undefined) await rm(temp, { recursive: true, force: true });
    throw error;
  }
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
