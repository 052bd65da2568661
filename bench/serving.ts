/**
 * Serving benchmark: each case against the real app and, in the same run, against a bare
 * Fastify route that answers with the same bytes and headers (the ceiling for this stack).
 *
 * Three processes: the app, the bare server and this one (the load generator). On a 2-core
 * machine the server under load has one core and autocannon the other; the idle server sleeps.
 * Each case runs as several app/bare pairs, alternating which goes first, and the table gives
 * medians: on a shared machine one pair can land on a neighbour's burst. Each round starts a
 * fresh app and a fresh bare server and runs every case once in them, in the cases' order.
 */
import { startAppServer, type AppServer } from './lib/app-worker.js';
import { load, type LoadResult } from './lib/cannon.js';
import { cpuMs } from './lib/proc.js';
import { spawnWorker, type Worker } from './lib/child.js';
import { rawRequest, replayHeaders } from './lib/http.js';
import { median } from './lib/stats.js';
import { fmt, fmtInt, table, type TargetResult } from './lib/table.js';
import type { BareRoute } from './servers/bare-server.js';

export interface ServingOptions {
  readonly durationSec: number;
  readonly warmupSec: number;
  readonly connections: number;
  /** App/bare pairs per case, alternating which goes first; the table gives their medians. */
  readonly rounds: number;
  /** Only the cases whose name contains this (e.g. `304`). */
  readonly cases?: string;
}

/** One side of a case over its rounds: medians of the measured runs. */
export interface SideResult {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  readonly bad: number;
  /** Server CPU time per answer, µs (from /proc: neighbours barely move it). */
  readonly cpuUs: number;
}

interface Case {
  readonly name: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly expectStatus: number;
  /** The issue's targets (≥ 80 % of bare, p99 < 20 ms) apply to this case. */
  readonly targeted: boolean;
}

export interface ServingRow {
  readonly name: string;
  readonly request: string;
  readonly bytes: number;
  readonly app: SideResult;
  readonly bare: SideResult;
  /** Medians over the pairs of app/bare req/s and of bare/app CPU per answer (each pair ran back to back). */
  readonly ratio: number;
  readonly cpuRatio: number;
  readonly pairs: number;
  readonly targeted: boolean;
}

export interface ServingReport {
  readonly rows: readonly ServingRow[];
  readonly skipped: readonly string[];
  readonly targets: readonly TargetResult[];
  readonly text: string;
}

const ONE_SCHOOL_YEAR = '/api/occurrences?from=2025-09-01&to=2026-08-31&type=general';

async function cases(origin: string, hasApi: boolean): Promise<{ cases: Case[]; skipped: string[] }> {
  const typeFeed = '/feeds/general.ics';
  const first = await rawRequest(origin + typeFeed);
  const etag = first.headers.etag;
  if (first.status !== 200 || typeof etag !== 'string') throw new Error(`${typeFeed}: ${first.status}, no ETag`);
  const list: Case[] = [
    { name: 'type feed, cached', path: typeFeed, headers: {}, expectStatus: 200, targeted: true },
    { name: 'type feed, If-None-Match → 304', path: typeFeed, headers: { 'if-none-match': etag }, expectStatus: 304, targeted: true },
    { name: 'type feed, gzip', path: typeFeed, headers: { 'accept-encoding': 'gzip' }, expectStatus: 200, targeted: true },
    { name: 'organization feed, cached', path: '/feeds/organizations/sosh-6.ics', headers: {}, expectStatus: 200, targeted: false },
  ];
  const skipped: string[] = [];
  if (hasApi) list.push({ name: 'API occurrences, 1 school year', path: ONE_SCHOOL_YEAR, headers: {}, expectStatus: 200, targeted: false });
  else skipped.push(`${ONE_SCHOOL_YEAR}: the app has no /api/occurrences route yet`);
  return { cases: list, skipped };
}

function summary(runs: readonly LoadResult[], cpuUs: readonly number[]): SideResult {
  return {
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    bad: runs.reduce((sum, r) => sum + r.bad, 0),
    cpuUs: median(cpuUs),
  };
}

/** A fresh app and a fresh bare route, the bare one answering each case with the app's captured answer. */
async function startPair(): Promise<{ app: AppServer; bare: Worker<unknown>; bareOrigin: string; list: Case[]; skipped: string[]; bytes: number[] }> {
  const app = await startAppServer();
  const bare = await spawnWorker<unknown>('bench/servers/bare-server.ts');
  try {
    const { cases: list, skipped } = await cases(app.origin, app.worker.ready.hasApi);
    // Capture each answer once (this also fills the app's cache: the cases measure cached serving).
    const routes: BareRoute[] = [];
    const bytes: number[] = [];
    for (const [index, c] of list.entries()) {
      const response = await rawRequest(app.origin + c.path, { headers: c.headers });
      if (response.status !== c.expectStatus) throw new Error(`${c.path}: expected ${c.expectStatus}, got ${response.status}`);
      routes.push({ path: `/case/${index}`, status: response.status, headers: replayHeaders(response.headers), body: response.body.toString('base64') });
      bytes.push(response.body.length);
    }
    const barePort = await bare.call<number>('routes', { routes });
    return { app, bare, bareOrigin: `http://127.0.0.1:${barePort}`, list, skipped, bytes };
  } catch (error) {
    await Promise.all([app.stop(), bare.stop()]);
    throw error;
  }
}

export async function runServing(options: ServingOptions, log: (line: string) => void): Promise<ServingReport> {
  // Each round runs in a fresh pair of processes. One process of the same app is fast or slow
  // for its whole life (the 304 took 13.6–15.5 µs in most, 17–20 µs in a quarter to a half,
  // docs/performance.md, «Issue 13, fourth session»): one pair per run would draw a single ticket.
  type Runs = { app: LoadResult[]; bare: LoadResult[]; cpuApp: number[]; cpuBare: number[] };
  const perCase = new Map<number, Runs>();
  let list: Case[] = [];
  let skipped: string[] = [];
  let bytes: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const pair = await startPair();
    try {
      if (round === 0) ({ list, skipped, bytes } = pair);
      for (const [index, c] of list.entries()) {
        if (options.cases !== undefined && !c.name.includes(options.cases)) continue;
        const runs = perCase.get(index) ?? { app: [], bare: [], cpuApp: [], cpuBare: [] };
        perCase.set(index, runs);
        const run = (url: string, duration: number) => load({ url, connections: options.connections, duration, headers: c.headers });
        // Alternate who goes first, so neither side always follows the other's warm-up.
        const order = (index + round) % 2 === 0 ? (['app', 'bare'] as const) : (['bare', 'app'] as const);
        for (const side of order) {
          const url = side === 'app' ? pair.app.origin + c.path : `${pair.bareOrigin}/case/${index}`;
          const pid = (side === 'app' ? pair.app.worker.process.pid : pair.bare.process.pid) ?? 0;
          await run(url, options.warmupSec);
          const before = cpuMs(pid);
          const result = await run(url, options.durationSec);
          runs[side].push(result);
          (side === 'app' ? runs.cpuApp : runs.cpuBare).push(((cpuMs(pid) - before) * 1000) / result.requests);
        }
      }
    } finally {
      await Promise.all([pair.app.stop(), pair.bare.stop()]);
    }
  }

  const rows: ServingRow[] = [];
  for (const [index, c] of list.entries()) {
    const runs = perCase.get(index);
    if (runs === undefined) continue;
    const pairs = runs.app.map((_, k) => k);
    const row: ServingRow = {
      name: c.name,
      request: c.path,
      bytes: bytes[index] ?? 0,
      app: summary(runs.app, runs.cpuApp),
      bare: summary(runs.bare, runs.cpuBare),
      ratio: median(pairs.map((k) => (runs.app[k]?.rps ?? Number.NaN) / (runs.bare[k]?.rps ?? Number.NaN))),
      cpuRatio: median(pairs.map((k) => (runs.cpuBare[k] ?? Number.NaN) / (runs.cpuApp[k] ?? Number.NaN))),
      pairs: pairs.length,
      targeted: c.targeted,
    };
    rows.push(row);
    log(`  ${c.name}: app ${fmtInt(row.app.rps)} req/s, bare ${fmtInt(row.bare.rps)} req/s (${fmt(row.ratio * 100, 0)} %); CPU ${fmt(row.app.cpuUs, 1)} / ${fmt(row.bare.cpuUs, 1)} µs (${fmt(row.cpuRatio * 100, 0)} %)`);
  }

  const targets: TargetResult[] = [];
  const over = (row: ServingRow) => (row.pairs > 1 ? `, medians of ${row.pairs} alternated pairs in fresh processes` : '');
  for (const row of rows.filter((r) => r.targeted)) {
    const clean = row.app.errors === 0 && row.app.bad === 0;
    targets.push({
      target: `${row.name}: ≥ 80 % of bare req/s, p99 < 20 ms at ${options.connections} connections`,
      measured: `${fmt(row.ratio * 100, 0)} %, p99 ${fmt(row.app.p99, 2)} ms${over(row)}${clean ? '' : `, ${row.app.errors} errors / ${row.app.bad} bad statuses`}`,
      pass: row.ratio >= 0.8 && row.app.p99 < 20 && clean,
    });
    // The same comparison by the servers' own CPU time per answer, which a busy neighbour moves far less.
    targets.push({
      target: `${row.name}: ≥ 80 % of bare by server CPU per request`,
      measured: `${fmt(row.cpuRatio * 100, 0)} % (${fmt(row.app.cpuUs, 1)} against ${fmt(row.bare.cpuUs, 1)} µs${over(row)})`,
      pass: Number.isFinite(row.cpuRatio) ? row.cpuRatio >= 0.8 : undefined,
    });
  }
  const text = table(
    ['case', 'bytes', 'pairs', 'app req/s', 'app p50 ms', 'app p99 ms', 'bare req/s', 'bare p50 ms', 'bare p99 ms', 'app/bare', 'CPU µs/req app / bare', 'bare/app by CPU'],
    rows.map((r) => [
      r.name,
      fmtInt(r.bytes),
      r.pairs,
      fmtInt(r.app.rps),
      fmt(r.app.p50, 2),
      fmt(r.app.p99, 2),
      fmtInt(r.bare.rps),
      fmt(r.bare.p50, 2),
      fmt(r.bare.p99, 2),
      `${fmt(r.ratio * 100, 0)} %`,
      `${fmt(r.app.cpuUs, 1)} / ${fmt(r.bare.cpuUs, 1)}`,
      `${fmt(r.cpuRatio * 100, 0)} %`,
    ]),
  );
  return { rows, skipped, targets, text };
}
