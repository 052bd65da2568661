/**
 * Worker: every feed of one registry size, in a process of its own so its peak RSS is its own.
 *
 *   --mode render   every feed (whole plan, types, each organization) through the iCalendar
 *                   renderer, as text: the rendering cost the target is about
 *   --mode site     the static export (src/static-export/site.ts, `npm run export`): feeds,
 *                   pages and JSON through the app, with their gzip and brotli files, to disk
 *
 * Arguments: --plan <file> --data <dir> --mode render|site [--out <dir>]
 */
import { parseArgs } from 'node:util';
import { loadDataset } from '../../src/data/load.js';
import { DEFAULT_FEED_OPTIONS } from '../../src/render/feed-options.js';
import { feedAudiences, renderFeed } from '../../src/render/ics/index.js';
import { BENCH_PUBLIC_URL } from '../lib/app-worker.js';
import { finish } from '../lib/child.js';
import { since } from '../lib/stats.js';

export interface ScaleExportResult {
  readonly mode: 'render' | 'site';
  readonly ms: number;
  /** Feeds for `render`, URLs for `site`. */
  readonly units: number;
  readonly bytes: number;
  readonly maxRss: number;
  /** CPU time of the whole process (all threads), user + system: on a shared machine a steadier figure than the wall time. */
  readonly cpuMs: number;
}

const { values } = parseArgs({
  options: { plan: { type: 'string' }, data: { type: 'string' }, mode: { type: 'string', default: 'render' }, out: { type: 'string' } },
});
const planFile = values.plan ?? 'plan.json';
const dataDir = values.data ?? 'data';

interface SiteExporter {
  exportSite(options: {
    planFile: string;
    dataDir: string;
    publicUrl: string;
    date: string;
    out: string;
    concurrency: number;
  }): Promise<{ urls: number; bytes: number }>;
}

async function renderAll(): Promise<Omit<ScaleExportResult, 'maxRss' | 'cpuMs'>> {
  const started = performance.now();
  const data = await loadDataset({ planFile, dataDir });
  let bytes = 0;
  let units = 0;
  for (const audience of feedAudiences(data)) {
    bytes += Buffer.byteLength(renderFeed(data, audience, DEFAULT_FEED_OPTIONS, { publicUrl: BENCH_PUBLIC_URL }));
    units += 1;
  }
  return { mode: 'render', ms: since(started), units, bytes };
}

async function exportSite(): Promise<Omit<ScaleExportResult, 'maxRss' | 'cpuMs'>> {
  if (values.out === undefined) throw new Error('--mode site needs --out');
  // Loaded by a computed name, so the benchmark compiles and runs (without this row) where the export is absent.
  const specifier = '../../src/static-export/site.js';
  const module = (await import(specifier)) as SiteExporter;
  const started = performance.now();
  const result = await module.exportSite({ planFile, dataDir, publicUrl: BENCH_PUBLIC_URL, date: '2025-10-01', out: values.out, concurrency: 8 });
  return { mode: 'site', ms: since(started), units: result.urls, bytes: result.bytes };
}

const result = values.mode === 'site' ? await exportSite() : await renderAll();
const cpu = process.cpuUsage();
finish({ ...result, maxRss: process.resourceUsage().maxRSS * 1024, cpuMs: (cpu.user + cpu.system) / 1000 } satisfies ScaleExportResult);
