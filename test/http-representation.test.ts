import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isNotModified } from '../src/http/conditional.js';
import { negotiateEncoding } from '../src/http/negotiate.js';
import { buildRepresentation, contentDisposition, type Representation } from '../src/http/representation.js';
import { RepresentationCache } from '../src/http/representation-cache.js';

describe('negotiateEncoding', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip', 'gzip'],
    ['x-gzip', 'gzip'],
    ['gzip, deflate, br', 'br'],
    ['BR;Q=0.5, gzip;q=0.5', 'br'],
    ['br;q=0.4, gzip;q=0.8', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=0, br;q=0', 'identity'],
    ['*', 'br'],
    ['*;q=0, gzip;q=0.1', 'gzip'],
    ['*, br;q=0', 'gzip'],
    ['identity', 'identity'],
    ['deflate, compress', 'identity'],
    ['br;q=abc, gzip', 'gzip'],
    ['gzip;q=1.5', 'identity'],
  ])('%j → %s', (header, coding) => {
    expect(negotiateEncoding(header)).toBe(coding);
  });
});

describe('representations', () => {
  const lastModified = new Date('2026-11-29T00:00:00.750Z');
  const build = (body: string) => buildRepresentation({ body, contentType: 'text/plain; charset=utf-8', lastModified });

  it('tags bytes, not time: equal bodies, equal tags; different bodies, different tags', async () => {
    const [a, b, c] = await Promise.all([build('один'), build('один'), build('два')]);
    expect(a?.etags).toEqual(b?.etags);
    expect(a?.etags.identity).not.toBe(c?.etags.identity);
    expect(new Set(Object.values(a?.etags ?? {})).size).toBe(3);
    expect(a?.lastModified).toBe('Sun, 29 Nov 2026 00:00:00 GMT');
  });

  it('answers conditionals by tag first, then by date in whole seconds', async () => {
    const r: Representation = await build('тело');
    expect(isNotModified(r, r.etags.br, undefined)).toBe(true);
    expect(isNotModified(r, '"x", W/"y"', r.lastModified)).toBe(false);
    expect(isNotModified(r, undefined, r.lastModified)).toBe(true);
    expect(isNotModified(r, undefined, 'Sat, 28 Nov 2026 23:59:59 GMT')).toBe(false);
    expect(isNotModified(r, undefined, undefined)).toBe(false);
  });

  it('writes an ASCII file name and the exact one', () => {
    expect(contentDisposition('inline', 'gis-eo-all.ics')).toBe(`inline; filename="gis-eo-all.ics"; filename*=UTF-8''gis-eo-all.ics`);
    expect(contentDisposition('attachment', 'план "ЭО".ics')).toBe(
      `attachment; filename="____ ____.ics"; filename*=UTF-8''%D0%BF%D0%BB%D0%B0%D0%BD%20%22%D0%AD%D0%9E%22.ics`,
    );
  });
});

describe('RepresentationCache', () => {
  const rep = (body: string) => buildRepresentation({ body, contentType: 'text/plain', lastModified: new Date(0) });

  it('shares one build between concurrent requests and evicts the least recently used', async () => {
    const cache = new RepresentationCache(2);
    let builds = 0;
    const get = (key: string) =>
      cache.get(key, () => {
        builds += 1;
        return rep(key);
      });
    await Promise.all([get('a'), get('a'), get('a')]);
    expect(builds).toBe(1);
    await get('b');
    await get('a'); // a is now the most recently used
    await get('c'); // evicts b
    expect(cache.size).toBe(2);
    await get('a');
    expect(builds).toBe(3);
    await get('b');
    expect(builds).toBe(4);
  });

  it('compresses each coding once, on first demand, to bytes that decompress to the body', async () => {
    const body = 'ГИС ЭО '.repeat(2000);
    const r = await rep(body);
    const first = await r.body('br');
    expect(await r.body('br')).toBe(first);
    expect(brotliDecompressSync(first).toString('utf8')).toBe(body);
    expect(gunzipSync(await r.body('gzip')).toString('utf8')).toBe(body);
    expect(await r.body('identity')).toBe(r.identity);
  });

  it('forgets a failed build so the next request retries', async () => {
    const cache = new RepresentationCache(5);
    await expect(cache.get('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(
      cache.get('k', () => {
        throw new Error('sync boom');
      }),
    ).rejects.toThrow('sync boom');
    const ok = await cache.get('k', () => rep('ok'));
    expect(ok.identity.toString()).toBe('ok');
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new RepresentationCache(0)).toThrow(RangeError);
  });
});
