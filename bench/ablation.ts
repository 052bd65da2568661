/**
 * What each layer of the app costs on the 304 path (bench/servers/ablation-server.ts): the same
 * request against the route with one layer added at a time, then all of them as the app has
 * them, then all of them with the two cheap fixes (check before converting, a synchronous hook).
 */
import { load } from './lib/cannon.js';
import { spawnWorker } from './lib/child.js';
import { fmt, fmtInt, table } from './lib/table.js';
import type { AblationReady } from './servers/ablation-server.js';

const VARIANTS = ['', 'cors', 'onsend', 'onrequest', 'schema', 'checkfirst', 'handler', 'cors+onsend+schema+handler', 'cors+onrequest+checkfirst+handler'];

export async function runAblation(options: { durationSec: number; connections: number }, log: (line: string) => void): Promise<string> {
  const rows: { variant: string; rps: number; p99: number }[] = [];
  for (const variant of VARIANTS) {
    const worker = await spawnWorker<AblationReady>('bench/servers/ablation-server.ts', { args: [variant] });
    try {
      const url = `http://127.0.0.1:${worker.ready.port}/feeds/general.ics`;
      const headers = { 'if-none-match': worker.ready.etag };
      await load({ url, connections: options.connections, duration: 2, headers });
      const result = await load({ url, connections: options.connections, duration: options.durationSec, headers });
      if (result.raw['3xx'] !== result.requests) throw new Error(`${variant}: not every answer was a 304`);
      rows.push({ variant: variant === '' ? '(route only)' : variant, rps: result.rps, p99: result.p99 });
      log(`  ${variant || '(route only)'}: ${fmtInt(result.rps)} req/s`);
    } finally {
      await worker.stop();
    }
  }
  const base = rows[0]?.rps ?? Number.NaN;
  return table(
    ['layers', 'req/s', 'p99 ms', 'of route only'],
    rows.map((r) => [r.variant, fmtInt(r.rps), fmt(r.p99, 2), `${fmt((r.rps / base) * 100, 0)} %`]),
  );
}
