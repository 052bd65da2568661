/**
 * The 304 of a type feed, app against the bare route, in three states of the V8 heap
 * (`npm run bench -- --only gcstate`):
 *
 *   fresh             both processes as the serving section measures them: warmed up, and the
 *                     bare server's small heap has had no full collection since
 *   after full GCs    both after three full collections (`gc()`, each between short loads), as
 *                     any server that has run for a while has had
 *   …, maps retained  the same with `--retain-maps-for-n-gc=100000` on both
 *
 * A full collection clears the map transitions no live object holds at that moment; the inline
 * caches of Node's HTTP path that used them then fall back to the runtime (object literals with
 * computed keys, map migrations), and the same server needs 30–40 % more CPU per request from
 * then on (docs/performance.md, «The 304 after a full collection»). The app's larger heap has
 * full collections of its own (a render, a reload); the bare route's rarely does. Not a target:
 * the serving section's comparison is the issue's. Retaining maps is not a fix to ship: maps
 * made from attacker-chosen keys (header names, query parameters) would never be freed.
 */
import { load } from './lib/cannon.js';
import { spawnWorker, type Worker } from './lib/child.js';
import { rawRequest, replayHeaders } from './lib/http.js';
import { cpuMs } from './lib/proc.js';
import { median } from './lib/stats.js';
import { fmt, fmtInt, table } from './lib/table.js';
import { startAppServer, type AppServer } from './lib/app-worker.js';
import type { BareRoute } from './servers/bare-server.js';

interface Side {
  readonly url: string;
  readonly pid: number;
  gc(): Promise<unknown>;
}

interface StateRow {
  readonly state: string;
  readonly app: { cpuUs: number; rps: number };
  readonly bare: { cpuUs: number; rps: number };
  readonly cpuRatio: number;
  readonly ratio: number;
}

const FEED = '/feeds/general.ics';

async function pairs(app: Side, bare: Side, headers: Record<string, string>, options: { durationSec: number; connections: number; rounds: number }) {
  const cpu = { app: [] as number[], bare: [] as number[] };
  const rps = { app: [] as number[], bare: [] as number[] };
  for (let round = 0; round < options.rounds; round++) {
    for (const name of round % 2 === 0 ? (['bare', 'app'] as const) : (['app', 'bare'] as const)) {
      const side = name === 'app' ? app : bare;
      await load({ url: side.url, connections: options.connections, duration: 2, headers });
      const before = cpuMs(side.pid);
      const result = await load({ url: side.url, connections: options.connections, duration: options.durationSec, headers });
      if (result.raw['3xx'] !== result.requests) throw new Error(`${name}: not every answer was a 304`);
      cpu[name].push(((cpuMs(side.pid) - before) * 1000) / result.requests);
      rps[name].push(result.rps);
    }
  }
  return {
    app: { cpuUs: median(cpu.app), rps: median(rps.app) },
    bare: { cpuUs: median(cpu.bare), rps: median(rps.bare) },
    cpuRatio: median(cpu.app.map((_, k) => (cpu.bare[k] ?? Number.NaN) / (cpu.app[k] ?? Number.NaN))),
    ratio: median(rps.app.map((_, k) => (rps.app[k] ?? Number.NaN) / (rps.bare[k] ?? Number.NaN))),
  };
}

async function fullCollections(sides: readonly Side[], headers: Record<string, string>, connections: number): Promise<void> {
  for (const side of sides) {
    for (let i = 0; i < 3; i++) {
      await load({ url: side.url, connections, duration: 1, headers });
      await side.gc();
    }
  }
}

async function servers(nodeFlags: readonly string[]): Promise<{ app: AppServer; bare: Worker<unknown>; appSide: Side; bareSide: Side; headers: Record<string, string> }> {
  const app = await startAppServer({ nodeFlags });
  const bare = await spawnWorker<unknown>('bench/servers/bare-server.ts', { nodeFlags: ['--expose-gc', ...nodeFlags] });
  const etag = String((await rawRequest(app.origin + FEED)).headers.etag);
  const headers = { 'if-none-match': etag };
  const answer = await rawRequest(app.origin + FEED, { headers });
  const routes: BareRoute[] = [{ path: '/case/0', status: answer.status, headers: replayHeaders(answer.headers), body: '' }];
  const port = await bare.call<number>('routes', { routes });
  return {
    app,
    bare,
    headers,
    appSide: { url: app.origin + FEED, pid: app.worker.process.pid ?? 0, gc: () => app.memory() },
    bareSide: { url: `http://127.0.0.1:${port}/case/0`, pid: bare.process.pid ?? 0, gc: () => bare.call('gc') },
  };
}

export async function runGcState(options: { durationSec: number; connections: number; rounds: number }, log: (line: string) => void): Promise<string> {
  const rows: StateRow[] = [];
  for (const [label, flags] of [
    ['', []],
    [', maps retained (--retain-maps-for-n-gc=100000)', ['--retain-maps-for-n-gc=100000']],
  ] as const) {
    const s = await servers(flags);
    try {
      if (label === '') {
        const fresh = await pairs(s.appSide, s.bareSide, s.headers, options);
        rows.push({ state: 'fresh', ...fresh });
        log(`  fresh: app ${fmt(fresh.app.cpuUs, 1)} / bare ${fmt(fresh.bare.cpuUs, 1)} µs (${fmt(fresh.cpuRatio * 100, 0)} %)`);
      }
      await fullCollections([s.appSide, s.bareSide], s.headers, options.connections);
      const after = await pairs(s.appSide, s.bareSide, s.headers, options);
      rows.push({ state: `after full GCs${label}`, ...after });
      log(`  after full GCs${label}: app ${fmt(after.app.cpuUs, 1)} / bare ${fmt(after.bare.cpuUs, 1)} µs (${fmt(after.cpuRatio * 100, 0)} %)`);
    } finally {
      await s.app.stop();
      await s.bare.stop();
    }
  }
  return table(
    ['state of both processes', 'app CPU µs per 304', 'bare CPU µs per 304', 'bare/app by CPU', 'app req/s', 'bare req/s', 'app/bare req/s'],
    rows.map((r) => [r.state, fmt(r.app.cpuUs, 1), fmt(r.bare.cpuUs, 1), `${fmt(r.cpuRatio * 100, 0)} %`, fmtInt(r.app.rps), fmtInt(r.bare.rps), `${fmt(r.ratio * 100, 0)} %`]),
  );
}
