/**
 * A shortened soak (issue 7): mixed feeds, API and pages against the real app listening on
 * loopback in its own process, with a data reload half-way. Zero errors and only 2xx/3xx;
 * every response wholly the old or the new version; the heap after a forced GC no larger at
 * the end than after warm-up (< 10 %). No timing assertions: the machine is shared.
 * The 60 s / 100-connection version: `npm run bench -- --only load`.
 */
import { describe, expect, it } from 'vitest';
import { MB } from '../bench/lib/memory.js';
import { growth, runSoak, type SoakResult } from '../bench/lib/soak.js';

describe('load soak with a reload in the middle', () => {
  let result: SoakResult;

  it('serves every request without an error, from one version or the other', async () => {
    result = await runSoak({ durationSec: 12, warmupSec: 3, connections: 24, bodySampleEvery: 10 });
    const { load } = result;
    console.log(
      `soak: ${load.requests} requests, ${Math.round(load.rps)} req/s, statuses ${JSON.stringify(result.statuses)}, ` +
        `${result.checkedBodies} bodies compared, ${result.bothVersions} URLs seen in both versions, heap ${(result.afterWarmup.heapUsed / MB).toFixed(1)} → ${(result.atEnd.heapUsed / MB).toFixed(1)} MB, ` +
        `RSS ${(result.afterWarmup.rss / MB).toFixed(0)} → ${(result.atEnd.rss / MB).toFixed(0)} MB`,
    );
    expect(load.requests).toBeGreaterThan(500);
    expect(load.errors).toBe(0);
    expect(load.bad).toBe(0);
    expect(Object.keys(result.statuses).sort()).toEqual(expect.arrayContaining(['200']));
    for (const status of Object.keys(result.statuses)) expect(['200', '304']).toContain(status);

    expect(result.reload).toMatchObject({ ok: true, changed: true });
    expect(result.reload.version).not.toBe(result.oldVersion);
    expect(result.mismatches).toEqual([]);
    // The checks must have seen both sides of the reload, or they proved nothing.
    expect(result.bothVersions).toBeGreaterThan(5);
    expect(result.checkedBodies).toBeGreaterThan(20);
  }, 90_000);

  it('keeps the heap flat after warm-up (forced GC), the reload included', () => {
    expect(result.afterWarmup.gcForced).toBe(true);
    expect(growth(result.afterWarmup, result.atEnd, 'heapUsed')).toBeLessThan(0.1);
    // RSS is the allocator's business as much as ours: bounded, generously.
    expect(growth(result.afterWarmup, result.atEnd, 'rss')).toBeLessThan(0.5);
  });
});
