/**
 * 10 000 distinct reminder URLs, then a forced GC: the heap grows by at most the cache's byte
 * budget plus a fixed allowance (the render memos: ALARM_MEMO_BYTES, and per-data-set series).
 * In a child process because --expose-gc must be given to node itself.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ALARM_MEMO_BYTES } from '../src/render/ics/calendar.js';

const run = promisify(execFile);
const BUDGET = 8 * 1024 * 1024;
const FIXED = ALARM_MEMO_BYTES + 8 * 1024 * 1024;

describe('memory under distinct reminder URLs', () => {
  it('stays within the byte budget plus a fixed overhead', { timeout: 180_000 }, async () => {
    const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/children/reminder-urls.ts', String(BUDGET), '10000'], {
      timeout: 170_000,
      env: { ...process.env, TZ: 'UTC' },
    });
    const figures = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { urls: number; before: number; after: number; cacheBytes: number; cacheEntries: number };
    expect(figures.urls).toBe(10_000);
    expect(figures.cacheBytes).toBeLessThanOrEqual(BUDGET);
    // Far fewer than the URLs: entries were evicted by bytes, not kept by count.
    expect(figures.cacheEntries).toBeLessThan(5_000);
    expect(figures.after - figures.before).toBeLessThanOrEqual(BUDGET + FIXED);
  });
});
