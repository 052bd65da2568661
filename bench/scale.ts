/**
 * Rendering and scale: registries of 22, 1 000 and 10 000 organizations (scripts/
 * generate-registry.ts), each measured in fresh processes: load and validate, time to first
 * byte of organization feeds nobody asked for before, rendering every feed, the static export,
 * and the peak RSS of each process. Then the years covered: one school year against two.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Registry, SchoolYears } from '../src/domain/schema.js';
import { generateRegistry } from '../scripts/generate-registry.js';
import { ROOT, TimeoutError, runWorker } from './lib/child.js';
import { MB } from './lib/memory.js';
import { percentile } from './lib/stats.js';
import { fmt, fmtInt, table, type TargetResult } from './lib/table.js';
import type { ScaleExportResult } from './workers/scale-export.js';
import type { ScaleServeResult } from './workers/scale-serve.js';

export interface ScaleOptions {
  readonly counts: readonly number[];
  readonly samples: number;
  /** The static export is skipped above this many organizations (it can take minutes). */
  readonly siteExportMax: number;
  readonly siteExportTimeoutMs: number;
  readonly years: boolean;
}

interface SizeResult {
  readonly count: number;
  readonly serve: ScaleServeResult;
  readonly render: ScaleExportResult;
  /** undefined: not run; string: why it has no figures. */
  readonly site: ScaleExportResult | string | undefined;
}

export interface ScaleReport {
  readonly text: string;
  readonly targets: readonly TargetResult[];
}

const SITE_MODULE = path.join(ROOT, 'src/static-export/site.ts');

async function measureSize(location: { planFile: string; dataDir: string }, count: number, options: ScaleOptions, log: (line: string) => void): Promise<SizeResult> {
  const args = ['--plan', location.planFile, '--data', location.dataDir];
  log(`  ${count} organizations: serving`);
  const serve = await runWorker<ScaleServeResult>('bench/workers/scale-serve.ts', { args: [...args, '--samples', String(options.samples)] });
  log(`  ${count} organizations: rendering every feed`);
  const render = await runWorker<ScaleExportResult>('bench/workers/scale-export.ts', { args: [...args, '--mode', 'render'] });
  let site: SizeResult['site'];
  if (!existsSync(SITE_MODULE)) site = 'no src/static-export/site.ts';
  else if (count > options.siteExportMax) site = `skipped (more than ${options.siteExportMax} organizations; --site-export-max)`;
  else {
    log(`  ${count} organizations: static export`);
    const out = await mkdtemp(path.join(tmpdir(), 'eo-bench-export-'));
    try {
      site = await runWorker<ScaleExportResult>('bench/workers/scale-export.ts', {
        args: [...args, '--mode', 'site', '--out', path.join(out, 'site')],
        timeoutMs: options.siteExportTimeoutMs,
      });
    } catch (error) {
      if (!(error instanceof TimeoutError)) throw error;
      site = `stopped after ${fmtInt(options.siteExportTimeoutMs / 1000)} s`;
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }
  return { count, serve, render, site };
}

/** Keeps only the first school year, in the municipal calendars and in organizations' own. */
async function keepOneSchoolYear(dataDir: string): Promise<string> {
  const yearsFile = path.join(dataDir, 'school-years.json');
  const schoolYears = JSON.parse(await readFile(yearsFile, 'utf8')) as SchoolYears;
  const first = schoolYears.years[0];
  if (first === undefined) throw new Error('no school years');
  await writeFile(yearsFile, JSON.stringify({ ...schoolYears, years: [first] }));
  const registryFile = path.join(dataDir, 'organizations.json');
  const registry = JSON.parse(await readFile(registryFile, 'utf8')) as Registry;
  for (const organization of registry.organizations) {
    const own = organization.settings?.schoolYears;
    if (own === undefined) continue;
    for (const id of Object.keys(own)) if (id !== first.id) delete own[id];
  }
  await writeFile(registryFile, JSON.stringify(registry));
  return first.id;
}

const mb = (bytes: number) => fmtInt(bytes / MB);
const s = (ms: number) => fmt(ms / 1000, 1);

function siteCells(site: SizeResult['site']): string[] {
  if (site === undefined) return ['—', '—', '—', '—'];
  if (typeof site === 'string') return [site, '—', '—', '—'];
  return [`${s(site.ms)} (${fmtInt(site.units)} URLs)`, s(site.cpuMs), fmt(site.ms / site.units, 2), mb(site.maxRss)];
}

export async function runScale(options: ScaleOptions, log: (line: string) => void): Promise<ScaleReport> {
  const work = await mkdtemp(path.join(tmpdir(), 'eo-bench-scale-'));
  try {
    const sizes: SizeResult[] = [];
    for (const count of options.counts) {
      const location = await generateRegistry({ count, out: path.join(work, String(count)), planFile: path.join(ROOT, 'plan.json'), dataDir: path.join(ROOT, 'data') });
      sizes.push(await measureSize(location, count, options, log));
      await rm(path.join(work, String(count)), { recursive: true, force: true });
    }

    const lines: string[] = [];
    lines.push(
      table(
        ['organizations', 'load+validate ms (cold / warm, best of 5)', 'TTFB uncached org feed p50 / p99 ms', 'render one org feed p50 / p99 ms', 'feed KB p50', 'serving peak RSS MB'],
        sizes.map(({ count, serve }) => [
          fmtInt(count),
          `${fmtInt(serve.coldLoadMs)} / ${fmtInt(serve.warmLoadMs)}`,
          `${fmt(percentile(serve.ttfbMs, 50), 2)} / ${fmt(percentile(serve.ttfbMs, 99), 2)} (n=${serve.ttfbMs.length})`,
          `${fmt(percentile(serve.renderMs, 50), 2)} / ${fmt(percentile(serve.renderMs, 99), 2)}`,
          fmt(percentile(serve.feedBytes, 50) / 1024, 1),
          mb(serve.maxRss),
        ]),
      ),
      '',
      table(
        ['organizations', 'render every feed s', 'ms per feed', 'MB rendered', 'peak RSS MB', 'static export s', 'export CPU s', 'ms per URL', 'export peak RSS MB'],
        sizes.map(({ count, render, site }) => [
          fmtInt(count),
          `${s(render.ms)} (${fmtInt(render.units)} feeds)`,
          fmt(render.ms / render.units, 2),
          fmtInt(render.bytes / MB),
          mb(render.maxRss),
          ...siteCells(site),
        ]),
      ),
    );

    const targets: TargetResult[] = [];
    const largest = sizes.at(-1);
    if (largest !== undefined) {
      const n = fmtInt(largest.count);
      const p50 = percentile(largest.serve.ttfbMs, 50);
      targets.push({ target: `uncached organization feed, TTFB p50 < 15 ms (${n} organizations)`, measured: `${fmt(p50, 2)} ms (rendering alone ${fmt(percentile(largest.serve.renderMs, 50), 2)} ms)`, pass: p50 < 15 });
      targets.push({ target: `render every feed of ${n} organizations < 20 s`, measured: `${s(largest.render.ms)} s`, pass: largest.render.ms < 20_000 });
      if (typeof largest.site === 'object') {
        targets.push({ target: `static export (npm run export) of ${n} organizations < 20 s`, measured: `${s(largest.site.ms)} s`, pass: largest.site.ms < 20_000 });
      } else if (typeof largest.site === 'string') {
        targets.push({ target: `static export (npm run export) of ${n} organizations < 20 s`, measured: largest.site, pass: largest.site.startsWith('stopped') ? false : undefined });
      }
      for (const [what, rss] of [
        ['serving process', largest.serve.maxRss],
        ['rendering every feed', largest.render.maxRss],
        ...(typeof largest.site === 'object' ? [['static export', largest.site.maxRss] as const] : []),
      ] as const) {
        targets.push({ target: `peak RSS < 300 MB, ${what} (${n} organizations)`, measured: `${mb(rss)} MB`, pass: rss < 300 * MB });
      }
    }
    targets.push(...growthTargets(sizes));

    if (options.years) {
      const count = Math.max(...options.counts);
      log(`  years covered: ${count} organizations with one school year instead of two`);
      const location = await generateRegistry({ count, out: path.join(work, 'years'), planFile: path.join(ROOT, 'plan.json'), dataDir: path.join(ROOT, 'data') });
      const twoYears = sizes.find((size) => size.count === count) ?? (await measureSize(location, count, { ...options, siteExportMax: 0 }, log));
      const kept = await keepOneSchoolYear(location.dataDir);
      const oneYear = await measureSize(location, count, { ...options, siteExportMax: 0 }, log);
      lines.push(
        '',
        `Years covered (${fmtInt(count)} organizations): the bundled data has two school years with production calendars; the first row keeps only ${kept}.`,
        '',
        table(
          ['school years', 'load ms (warm)', 'render one org feed p50 ms', 'feed KB p50', 'render every feed s', 'peak RSS MB (render)'],
          [oneYear, twoYears].map((size) => [
            String(size.serve.schoolYears),
            fmtInt(size.serve.warmLoadMs),
            fmt(percentile(size.serve.renderMs, 50), 2),
            fmt(percentile(size.serve.feedBytes, 50) / 1024, 1),
            s(size.render.ms),
            mb(size.render.maxRss),
          ]),
        ),
      );
      const perYear = twoYears.render.ms / oneYear.render.ms;
      targets.push({ target: 'rendering grows at most linearly with school years (2 years ≤ 2.4 × 1 year)', measured: `× ${fmt(perYear, 2)}`, pass: perYear <= 2.4 });
    }
    return { text: lines.join('\n'), targets };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Linear or better: from the middle size to the largest, each cost may grow at most 20 % more
 * than the registry did (noise on a shared machine), and per-feed latency not at all beyond 50 %.
 */
function growthTargets(sizes: readonly SizeResult[]): TargetResult[] {
  if (sizes.length < 2) return [];
  const [a, b] = sizes.slice(-2) as [SizeResult, SizeResult];
  const factor = b.count / a.count;
  const label = `${fmtInt(a.count)} → ${fmtInt(b.count)} organizations (× ${fmtInt(factor)})`;
  const results: TargetResult[] = [];
  const linear = (what: string, from: number, to: number) => {
    const growth = to / from;
    results.push({ target: `${what} grows linearly or better, ${label}`, measured: `× ${fmt(growth, 1)}`, pass: growth <= factor * 1.2 });
  };
  linear('load and validate (warm)', a.serve.warmLoadMs, b.serve.warmLoadMs);
  linear('render every feed', a.render.ms, b.render.ms);
  if (typeof a.site === 'object' && typeof b.site === 'object') linear('static export', a.site.ms, b.site.ms);
  if (sizes.length >= 3) {
    // Memory above the smallest registry's is what the organizations cost; below 5 MB the
    // difference is noise, so it counts as 5 MB.
    const base = (sizes[0] as SizeResult).serve.maxRss;
    const grownA = Math.max(5 * MB, a.serve.maxRss - base);
    const grownB = b.serve.maxRss - base;
    results.push({
      target: `serving peak RSS above the ${fmtInt((sizes[0] as SizeResult).count)}-organization baseline grows linearly or better, ${label}`,
      measured: `+${mb(Math.max(0, a.serve.maxRss - base))} MB → +${mb(Math.max(0, grownB))} MB`,
      pass: grownB <= grownA * factor * 1.2,
    });
  }
  const ttfbA = percentile(a.serve.ttfbMs, 50);
  const ttfbB = percentile(b.serve.ttfbMs, 50);
  results.push({ target: `TTFB p50 of one feed stays flat, ${label} (≤ × 1.5)`, measured: `× ${fmt(ttfbB / ttfbA, 2)}`, pass: ttfbB / ttfbA <= 1.5 });
  return results;
}
