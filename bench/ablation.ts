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

/**
 * Every variant `rounds` times, round-robin, keeping each variant's best run: a neighbour's burst
 * on a shared machine lowers one run, not all of them.
 */
export async function runAblation(options: { durationSec: number; connections: number; rounds: number }, log: (line: string) => void): Promise<string> {
  const best = new Map<string, { rps: number; p99: number }>();
  for (let round = 0; round < options.rounds; round++) {
    for (const variant of VARIANTS) {
      const result = await measure(variant, options);
      const previous = best.get(variant);
      if (previous === undefined || result.rps > previous.rps) best.set(variant, result);
      log(`  round ${round + 1}, ${variant || '(route only)'}: ${fmtInt(result.rps)} req/s`);
    }
  }
  const base = best.get('')?.rps ?? Number.NaN;
  return table(
    ['layers', 'req/s', 'p99 ms', 'of route only'],
    VARIANTS.map((variant) => {
      const r = best.get(variant) ?? { rps: Number.NaN, p99: Number.NaN };
      return [variant === '' ? '(route only)' : variant, fmtInt(r.rps), fmt(r.p99, 2), `${fmt((r.rps / base) * 100, 0)} %`];
    }),
  );
}

async function measure(variant: string, options: { durationSec: number; connections: number }): Promise<{ rps: number; p99: number }> {
  const worker = await spawnWorker<AblationReady>('bench/servers/ablation-server.ts', { args: [variant] });
  try {
    const url = `http://127.0.0.1:${worker.ready.port}/feeds/general.ics`;
    const headers = { 'if-none-match': worker.ready.etag };
    await load({ url, connections: options.connections, duration: 2, headers });
    const result = await load({ url, connections: options.connections, duration: options.durationSec, headers });
    if (result.raw['3xx'] !== result.requests) throw new Error(`${variant}: not every answer was a 304`);
    return { rps: result.rps, p99: result.p99 };
  } finally {
    await worker.stop();
  }
}
