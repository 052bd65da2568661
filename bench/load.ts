/** `npm run bench -- --load`: the full soak (issue 7: 60 s, 100 connections, a reload in the middle). */
import { MB } from './lib/memory.js';
import { growth, runSoak } from './lib/soak.js';
import { fmt, fmtInt, table, type TargetResult } from './lib/table.js';

export interface LoadSectionOptions {
  readonly durationSec: number;
  readonly connections: number;
}

/** RSS from the first sample taken a few seconds after the reload to the last: a leak keeps climbing, a reload steps once. */
function afterReload(trace: readonly (readonly [number, number])[], reloadAtSec: number): TargetResult[] {
  const after = trace.filter(([at]) => at >= reloadAtSec + 5);
  const first = after[0];
  const last = after.at(-1);
  if (first === undefined || last === undefined || first === last) return [];
  const rise = (last[1] - first[1]) / first[1];
  return [{ target: 'soak: RSS flat after the reload (sample 5 s after it → end) < 10 %', measured: `${fmt(rise * 100, 1)} %`, pass: rise < 0.1 }];
}

export async function runLoadSection(options: LoadSectionOptions, log: (line: string) => void): Promise<{ text: string; targets: TargetResult[] }> {
  const result = await runSoak({ durationSec: options.durationSec, warmupSec: 10, connections: options.connections, bodySampleEvery: 20, log });
  const { load, afterWarmup, atEnd } = result;
  const rss = growth(afterWarmup, atEnd, 'rss');
  const heap = growth(afterWarmup, atEnd, 'heapUsed');
  const five = load.raw['5xx'];
  const text = [
    table(
      ['requests', 'req/s', 'p50 ms', 'p99 ms', 'statuses', 'errors', 'bodies compared', 'URLs seen in both versions', 'mismatches'],
      [
        [
          fmtInt(load.requests),
          fmtInt(load.rps),
          fmt(load.p50, 2),
          fmt(load.p99, 2),
          Object.entries(result.statuses).map(([status, count]) => `${status}: ${fmtInt(count)}`).join(', '),
          fmtInt(load.errors),
          fmtInt(result.checkedBodies),
          `${result.bothVersions} of ${result.paths.length}`,
          fmtInt(result.mismatchCount),
        ],
      ],
    ),
    '',
    table(
      ['memory (after forced GC)', 'after warm-up MB', 'at the end MB', 'growth'],
      [
        ['RSS', fmt(afterWarmup.rss / MB, 1), fmt(atEnd.rss / MB, 1), `${fmt(rss * 100, 1)} %`],
        ['heap used', fmt(afterWarmup.heapUsed / MB, 1), fmt(atEnd.heapUsed / MB, 1), `${fmt(heap * 100, 1)} %`],
        ['external (buffers)', fmt(afterWarmup.external / MB, 1), fmt(atEnd.external / MB, 1), `${fmt(growth(afterWarmup, atEnd, 'external') * 100, 1)} %`],
      ],
    ),
    '',
    `RSS during the run (no forced GC; reload at ${fmtInt(result.reloadAtSec)} s): ${result.rssTrace.map(([at, bytes]) => `${fmtInt(at)} s ${fmt(bytes / MB, 0)} MB`).join(' · ')}`,
    '',
    `Mix (one request each in turn per connection): ${result.paths.join(', ')}. Reload: ${result.oldVersion} → ${result.reload.version ?? 'failed'}.`,
    ...(result.mismatches.length > 0 ? ['', 'Mismatches:', ...result.mismatches.map((m) => `- ${m}`)] : []),
  ].join('\n');
  const targets: TargetResult[] = [
    {
      target: `soak ${options.durationSec} s × ${options.connections} connections: zero errors, no 5xx, only 2xx/3xx`,
      measured: `${load.errors} errors, ${five} 5xx, ${load.bad} other non-2xx/3xx`,
      pass: load.errors === 0 && load.bad === 0,
    },
    {
      target: 'soak: every response wholly the old or the new version across the reload',
      measured: `${result.mismatchCount} mismatches; reload ${result.reload.ok ? 'ok' : 'FAILED'}, ${result.bothVersions} URLs seen in both versions`,
      pass: result.mismatchCount === 0 && result.reload.ok && result.bothVersions > 0,
    },
    { target: 'soak: RSS after warm-up grows < 10 %', measured: `${fmt(rss * 100, 1)} %`, pass: rss < 0.1 },
    { target: 'soak: heap after warm-up (forced GC) grows < 10 %', measured: `${fmt(heap * 100, 1)} %`, pass: heap < 0.1 },
    ...afterReload(result.rssTrace, result.reloadAtSec),
  ];
  return { text, targets };
}
