/**
 * The pages list what is due from today: one app whose clock passes midnight in Moscow must
 * serve new lists with new validators at once, from the same cache, and must not confirm the
 * previous day's copy with a 304. (Separate apps per day would pass even if the cache key
 * forgot the day.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPagesApp, type PagesApp } from './helpers/pages.js';

// 23:59 and 00:01 in Moscow (UTC+3), between 31 August and 1 September 2026.
const BEFORE = new Date('2026-08-31T20:59:00Z');
const AFTER = new Date('2026-08-31T21:01:00Z');

let now = BEFORE;
let t: PagesApp;

beforeAll(async () => {
  t = await buildPagesApp({ clock: () => now });
});

afterAll(async () => {
  await t?.close();
});

/** The dated deadlines a page lists, as their start dates and the items' links. */
function dueList(body: string): string[] {
  return [...body.matchAll(/<li><span class="when"><time datetime="([\d-]+)">.*?<a href="([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`);
}

describe.each(['/', '/organizations/sosh-6', '/embed/general'])('%s across midnight in Moscow', (url) => {
  it('lists what is due from the new day, with new validators, and no 304 for the old copy', async () => {
    now = BEFORE;
    const before = await t.app.inject({ url });
    expect(before.statusCode).toBe(200);
    expect(before.headers['last-modified']).toBe('Sun, 30 Aug 2026 21:00:00 GMT');
    // Still the same day: the cached copy, confirmed.
    now = new Date(BEFORE.getTime() + 30_000);
    expect((await t.app.inject({ url, headers: { 'if-none-match': String(before.headers.etag) } })).statusCode).toBe(304);

    now = AFTER;
    const after = await t.app.inject({ url });
    expect(after.statusCode).toBe(200);
    expect(after.headers['last-modified']).toBe('Mon, 31 Aug 2026 21:00:00 GMT');
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const listBefore = dueList(before.body);
    const listAfter = dueList(after.body);
    expect(listBefore.length).toBeGreaterThan(0);
    expect(listAfter).not.toEqual(listBefore);
    // What is due is reckoned from the new day: a deadline running until 31 August is current
    // at 23:59 and over at 00:01, and the next one (3 September) is listed.
    const runningTo31August = /31\s+августа\s+2026\s+г\.<\/time> <span class="badge now">идёт сейчас<\/span>/;
    expect(before.body).toMatch(runningTo31August);
    expect(after.body).not.toMatch(runningTo31August);
    expect(after.body).toMatch(/<time datetime="2026-09-03">3\s+сентября\s+2026\s+г\.<\/time>/);
    const revalidated = await t.app.inject({ url, headers: { 'if-none-match': String(before.headers.etag), 'if-modified-since': String(before.headers['last-modified']) } });
    expect(revalidated.statusCode).toBe(200);
  });
});
