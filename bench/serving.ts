/**
 * Serving benchmark: each case against the real app and, in the same run, against a bare
 * Fastify route that answers with the same bytes and headers (the ceiling for this stack).
 *
 * Three processes: the app, the bare server and this one (the load generator). On a 2-core
 * machine the server under load has one core and autocannon the other; the idle server sleeps.
 */
import { startAppServer } from './lib/app-worker.js';
import { load, type LoadResult } from './lib/cannon.js';
import { cpuMs } from './lib/proc.js';
import { spawnWorker } from './lib/child.js';
import { rawRequest, replayHeaders } from './lib/http.js';
import { fmt, fmtInt, table, type TargetResult } from './lib/table.js';
import type { BareRoute } from './servers/bare-server.js';

export interface ServingOptions {
  readonly durationSec: number;
  readonly warmupSec: number;
  readonly connections: number;
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
  readonly app: LoadResult;
  readonly bare: LoadResult;
  /** Server CPU time per answer during the measured run, µs (from /proc: neighbours barely move it). */
  readonly appCpuUs: number;
  readonly bareCpuUs: number;
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

function ratio(row: ServingRow): number {
  return row.app.rps / row.bare.rps;
}

export async function runServing(options: ServingOptions, log: (line: string) => void): Promise<ServingReport> {
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
    const bareOrigin = `http://127.0.0.1:${barePort}`;

    const rows: ServingRow[] = [];
    for (const [index, c] of list.entries()) {
      const run = (url: string, duration: number) => load({ url, connections: options.connections, duration, headers: c.headers });
      // Alternate who goes first, so neither side always follows the other's warm-up.
      const order = index % 2 === 0 ? (['app', 'bare'] as const) : (['bare', 'app'] as const);
      const results: Partial<Record<'app' | 'bare', LoadResult>> = {};
      const cpu: Partial<Record<'app' | 'bare', number>> = {};
      for (const side of order) {
        const url = side === 'app' ? app.origin + c.path : `${bareOrigin}/case/${index}`;
        const pid = (side === 'app' ? app.worker.process.pid : bare.process.pid) ?? 0;
        await run(url, options.warmupSec);
        const before = cpuMs(pid);
        const result = await run(url, options.durationSec);
        results[side] = result;
        cpu[side] = ((cpuMs(pid) - before) * 1000) / result.requests;
      }
      const row: ServingRow = {
        name: c.name,
        request: c.path,
        bytes: bytes[index] ?? 0,
        app: results.app as LoadResult,
        bare: results.bare as LoadResult,
        appCpuUs: cpu.app ?? Number.NaN,
        bareCpuUs: cpu.bare ?? Number.NaN,
        targeted: c.targeted,
      };
      rows.push(row);
      log(`  ${c.name}: app ${fmtInt(row.app.rps)} req/s, bare ${fmtInt(row.bare.rps)} req/s (${fmt(ratio(row) * 100, 0)} %)`);
    }

    const targets: TargetResult[] = [];
    for (const row of rows.filter((r) => r.targeted)) {
      const clean = row.app.errors === 0 && row.app.bad === 0;
      targets.push({
        target: `${row.name}: ≥ 80 % of bare req/s, p99 < 20 ms at ${options.connections} connections`,
        measured: `${fmt(ratio(row) * 100, 0)} %, p99 ${fmt(row.app.p99, 2)} ms${clean ? '' : `, ${row.app.errors} errors / ${row.app.bad} bad statuses`}`,
        pass: ratio(row) >= 0.8 && row.app.p99 < 20 && clean,
      });
      // The same comparison by the servers' own CPU time per answer, which a busy neighbour moves far less.
      const byCpu = row.bareCpuUs / row.appCpuUs;
      targets.push({
        target: `${row.name}: ≥ 80 % of bare by server CPU per request`,
        measured: `${fmt(byCpu * 100, 0)} % (${fmt(row.appCpuUs, 1)} against ${fmt(row.bareCpuUs, 1)} µs)`,
        pass: Number.isFinite(byCpu) ? byCpu >= 0.8 : undefined,
      });
    }
    const text = table(
      ['case', 'bytes', 'app req/s', 'app p50 ms', 'app p99 ms', 'bare req/s', 'bare p50 ms', 'bare p99 ms', 'app/bare', 'CPU µs/req app / bare', 'bare/app by CPU'],
      rows.map((r) => [
        r.name,
        fmtInt(r.bytes),
        fmtInt(r.app.rps),
        fmt(r.app.p50, 2),
        fmt(r.app.p99, 2),
        fmtInt(r.bare.rps),
        fmt(r.bare.p50, 2),
        fmt(r.bare.p99, 2),
        `${fmt(ratio(r) * 100, 0)} %`,
        `${fmt(r.appCpuUs, 1)} / ${fmt(r.bareCpuUs, 1)}`,
        `${fmt((r.bareCpuUs / r.appCpuUs) * 100, 0)} %`,
      ]),
    );
    return { rows, skipped, targets, text };
  } finally {
    await Promise.all([app.stop(), bare.stop()]);
  }
}
