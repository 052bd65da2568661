import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { isNotModified } from '../src/http/conditional.js';
import { negotiateEncoding } from '../src/http/negotiate.js';
import { buildRepresentation, contentDisposition, REPRESENTATION_OVERHEAD_BYTES, type Representation } from '../src/http/representation.js';
import { FAILURE_TTL_MS, RepresentationCache } from '../src/http/representation-cache.js';
import { sendRepresentation } from '../src/http/send-representation.js';

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
    // Another coding's tag still names this content; a client's no-cache asks for the body.
    expect(isNotModified(r, `"x", ${r.etags.gzip}`, undefined)).toBe(true);
    expect(isNotModified(r, `W/${r.etags.identity}`, undefined)).toBe(true);
    expect(isNotModified(r, '*', undefined)).toBe(true);
    expect(isNotModified(r, r.etags.br, undefined, 'no-cache')).toBe(false);
    expect(isNotModified(r, undefined, 'not a date')).toBe(false);
  });

  it('writes an ASCII file name and the exact one', () => {
    expect(contentDisposition('inline', 'gis-eo-all.ics')).toBe(`inline; filename="gis-eo-all.ics"`);
    expect(contentDisposition('attachment', 'план "ЭО".ics')).toBe(
      `attachment; filename="???? \\"??\\".ics"; filename*=UTF-8''%D0%BF%D0%BB%D0%B0%D0%BD%20%22%D0%AD%D0%9E%22.ics`,
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

  it('counts identity and compressed copies against the byte budget', async () => {
    const body = 'ГИС ЭО '.repeat(4000); // 52 000 bytes, compresses well
    const cache = new RepresentationCache(100, 1_000_000);
    const r = await cache.get('k', () => rep(body));
    const identityOnly = cache.bytes;
    expect(identityOnly).toBe(r.identity.length + REPRESENTATION_OVERHEAD_BYTES + 'k'.length);
    const br = await r.body('br');
    const gzip = await r.body('gzip');
    expect(cache.bytes).toBe(identityOnly + br.length + gzip.length);
    expect(r.byteLength).toBe(r.identity.length + br.length + gzip.length + REPRESENTATION_OVERHEAD_BYTES);
  });

  it('evicts by bytes, and serves without keeping a representation over an eighth of the budget', async () => {
    const cache = new RepresentationCache(1000, 80_000);
    let builds = 0;
    const get = (key: string, size: number) =>
      cache.get(key, () => {
        builds += 1;
        return rep('x'.repeat(size));
      });
    for (let i = 0; i < 50; i += 1) {
      await get(`small-${i}`, 4000);
      expect(cache.bytes).toBeLessThanOrEqual(80_000);
    }
    expect(cache.size).toBeLessThan(20);
    const huge = await get('huge', 20_000);
    expect(huge.identity.length).toBe(20_000);
    await get('huge', 20_000);
    expect(builds).toBe(52);
  });

  it('remembers a failed build for a few seconds, then tries again', async () => {
    let now = 1_000_000;
    const cache = new RepresentationCache(5, 1_000_000, () => now);
    let builds = 0;
    const failing = () => {
      builds += 1;
      throw new Error('boom');
    };
    await expect(cache.get('k', failing)).rejects.toThrow('boom');
    await expect(cache.get('k', failing)).rejects.toThrow('boom');
    expect(builds).toBe(1);
    now += FAILURE_TTL_MS + 10;
    await expect(cache.get('k', () => Promise.reject(new Error('async boom')))).rejects.toThrow('async boom');
    now += FAILURE_TTL_MS + 10;
    const ok = await cache.get('k', () => rep('ok'));
    expect(ok.identity.toString()).toBe('ok');
  });

  it('has a body at hand without a promise once its coding is compressed', async () => {
    const body = 'ГИС ЭО '.repeat(500);
    const r = await rep(body);
    expect(r.bodyIfReady('identity')).toBe(r.identity);
    expect(r.bodyIfReady('br')).toBeUndefined();
    expect(r.bodyIfReady('gzip')).toBeUndefined();
    const compressing = r.body('br');
    expect(r.bodyIfReady('br')).toBeUndefined();
    const br = await compressing;
    expect(r.bodyIfReady('br')).toBe(br);
    expect(r.bodyIfReady('gzip')).toBeUndefined();
    const gzip = await r.body('gzip');
    expect(r.bodyIfReady('gzip')).toBe(gzip);
    expect(gunzipSync(gzip).toString('utf8')).toBe(body);
  });

  it('refuses a capacity or a budget that is not a positive integer', () => {
    expect(() => new RepresentationCache(0)).toThrow(RangeError);
    expect(() => new RepresentationCache(10, 0.5)).toThrow(RangeError);
  });
});

describe('sendRepresentation', () => {
  it('answers at once when the bytes are at hand, and waits only for the first compression of a coding', async () => {
    const body = 'BEGIN:VCALENDAR\r\n'.repeat(300);
    const r = await buildRepresentation({ body, contentType: 'text/calendar; charset=utf-8', lastModified: new Date(0) });
    const answers: string[] = [];
    const app = Fastify();
    app.get('/', async (request, reply) => {
      const answer = sendRepresentation(request, reply, r, 'public, max-age=60');
      answers.push(answer === reply ? 'now' : 'later');
      return answer;
    });
    const get = (headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') => app.inject({ method, url: '/', headers });
    try {
      const identity = await get();
      expect(identity.statusCode).toBe(200);
      expect(identity.body).toBe(body);
      const notModified = await get({ 'if-none-match': r.etags.identity, 'accept-encoding': 'br' });
      expect(notModified.statusCode).toBe(304);
      expect(notModified.headers.etag).toBe(r.etags.br);
      expect(notModified.rawPayload.length).toBe(0);
      const first = await get({ 'accept-encoding': 'br' });
      const again = await get({ 'accept-encoding': 'br' });
      expect(first.headers['content-encoding']).toBe('br');
      expect(again.rawPayload).toEqual(first.rawPayload);
      expect(brotliDecompressSync(again.rawPayload).toString('utf8')).toBe(body);
      const head = await get({ 'accept-encoding': 'gzip' }, 'HEAD');
      expect(head.headers['content-length']).toBe(String((await r.body('gzip')).length));
      expect(head.rawPayload.length).toBe(0);
      expect(answers).toEqual(['now', 'now', 'later', 'now', 'later']);
    } finally {
      await app.close();
    }
  });
});
