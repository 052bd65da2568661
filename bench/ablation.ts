/**
 * What each layer of the app costs on the 304 path (bench/servers/ablation-server.ts): the same
 * request against the route alone, the app's feed routes, each of the app's request-wide
 * plugins added to them one at a time, all of them, and the whole app.
 */
import { load } from './lib/cannon.js';
import { spawnWorker } from './lib/child.js';
import { cpuMs } from './lib/proc.js';
import { median } from './lib/stats.js';
import { fmt, fmtInt, table } from './lib/table.js';
import type { AblationReady } from './servers/ablation-server.js';

const ALL = 'feeds+security+protocol+history+drain';
const VARIANTS = ['', 'feeds', 'feeds+security', 'feeds+protocol', 'feeds+history', 'feeds+drain', ALL, `${ALL}+limits`, `${ALL}+routes`, `${ALL}+limits+routes`, 'app'];

interface Run {
  readonly rps: number;
  readonly p99: number;
  /** Server CPU time per answer, µs. */
  readonly cpuUs: number;
}

/**
 * Every variant `rounds` times, round-robin (a neighbour's burst lowers one run, not all of
 * them); the table gives each variant's medians, and its CPU per answer against the route alone.
 */
export async function runAblation(
  options: { durationSec: number; connections: number; rounds: number; cases?: string },
  log: (line: string) => void,
): Promise<string> {
  // --cases keeps the layers whose name contains it, and always the route alone and the app, the two ends.
  const variants = VARIANTS.filter((v) => options.cases === undefined || v === '' || v === 'app' || v.includes(options.cases));
  const runs = new Map<string, Run[]>(variants.map((v) => [v, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (const variant of variants) {
      const result = await measure(variant, options);
      runs.get(variant)?.push(result);
      log(`  round ${round + 1}, ${variant || '(route only)'}: ${fmtInt(result.rps)} req/s, ${fmt(result.cpuUs, 1)} µs CPU per answer`);
    }
  }
  const summary = (variant: string) => {
    const list = runs.get(variant) ?? [];
    return { rps: median(list.map((r) => r.rps)), p99: median(list.map((r) => r.p99)), cpuUs: median(list.map((r) => r.cpuUs)) };
  };
  const base = summary('');
  return table(
    ['layers', 'req/s', 'p99 ms', 'of route only (req/s)', 'CPU µs per answer', 'route only / this (CPU)'],
    variants.map((variant) => {
      const r = summary(variant);
      return [variant === '' ? '(route only)' : variant, fmtInt(r.rps), fmt(r.p99, 2), `${fmt((r.rps / base.rps) * 100, 0)} %`, fmt(r.cpuUs, 1), `${fmt((base.cpuUs / r.cpuUs) * 100, 0)} %`];
    }),
  );
}

async function measure(variant: string, options: { durationSec: number; connections: number }): Promise<Run> {
  const worker = await spawnWorker<AblationReady>('bench/servers/ablation-server.ts', { args: [variant] });
  try {
    const url = `http://127.0.0.1:${worker.ready.port}/feeds/general.ics`;
    const headers = { 'if-none-match': worker.ready.etag };
    await load({ url, connections: options.connections, duration: 2, headers });
    const before = cpuMs(worker.process.pid ?? 0);
    const result = await load({ url, connections: options.connections, duration: options.durationSec, headers });
    const cpuUs = ((cpuMs(worker.process.pid ?? 0) - before) * 1000) / result.requests;
    if (result.raw['3xx'] !== result.requests) throw new Error(`${variant}: not every answer was a 304`);
    return { rps: result.rps, p99: result.p99, cpuUs };
  } finally {
    await worker.stop();
  }
}
