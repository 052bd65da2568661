import ICAL from 'ical.js';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataModified } from '../src/domain/model.js';
import { ORGANIZATION_TYPE_IDS } from '../src/domain/schema.js';
import { buildTestApp, countingRenderer, PUBLIC_URL, type TestApp } from './helpers/app.js';

let t: TestApp;
let renderer: ReturnType<typeof countingRenderer>;

beforeEach(async () => {
  renderer = countingRenderer();
  t = await buildTestApp({ renderFeed: renderer.render });
});
afterEach(async () => t.close());

const firstOrganization = () => [...t.store.current.organizationsById.keys()][0] ?? '';

describe('feeds: 200', () => {
  it('serves the feed with type, disposition, validators, caching and security headers', async () => {
    const res = await t.app.inject({ url: '/feeds/general.ics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('inline; filename="gis-eo-general.ics"');
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(res.headers['last-modified']).toBe(dataModified(t.store.current).toUTCString());
    expect(res.headers['cache-control']).toBe('public, max-age=3600, stale-while-revalidate=86400');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
    expect(res.body).toContain(`X-DATA-VERSION:${t.store.current.version}`);
    expect(renderer.calls).toEqual([`${t.store.current.version} general `]);
  });

  it('serves the whole plan and each organization', async () => {
    const all = await t.app.inject({ url: '/feeds/all.ics' });
    expect(all.statusCode).toBe(200);
    expect(all.headers['content-disposition']).toContain('filename="gis-eo-all.ics"');
    const id = firstOrganization();
    const org = await t.app.inject({ url: `/feeds/organizations/${id}.ics` });
    expect(org.statusCode).toBe(200);
    expect(org.headers['content-disposition']).toContain(`filename="gis-eo-${id}.ics"`);
    expect(org.body).toContain(`X-ORGANIZATION:${t.store.current.organizationsById.get(id)?.name}`);
  });

  it('answers each type\'s feed, its 304 and a bad option, and any other name 404', async () => {
    for (const type of ORGANIZATION_TYPE_IDS) {
      const res = await t.app.inject({ url: `/feeds/${type}.ics` });
      expect(res.statusCode, type).toBe(200);
      expect(res.headers['content-disposition']).toBe(`inline; filename="gis-eo-${type}.ics"`);
      const again = await t.app.inject({ url: `/feeds/${type}.ics`, headers: { 'if-none-match': String(res.headers.etag) } });
      expect(again.statusCode, type).toBe(304);
      expect((await t.app.inject({ url: `/feeds/${type}.ics?reminders=4` })).statusCode, type).toBe(400);
    }
    for (const url of ['/feeds/school.ics', '/feeds/GENERAL.ics', '/feeds/general.ics.ics']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/^application\/problem\+json/);
      expect(res.json<{ detail: string }>().detail, url).toContain('Допустимые типы: general, preschool, additional');
    }
  });

  it('gives the plain feed the new version\'s bytes and tag after a reload', async () => {
    const first = await t.app.inject({ url: '/feeds/general.ics' });
    await t.copy.editJson('plan.json', (plan) => {
      (plan['meta'] as Record<string, unknown>)['version'] = '2099.1';
    });
    expect((await t.store.reload()).ok).toBe(true);
    const second = await t.app.inject({ url: '/feeds/general.ics', headers: { 'if-none-match': String(first.headers.etag) } });
    expect(second.statusCode).toBe(200);
    expect(second.headers.etag).not.toBe(first.headers.etag);
    expect(second.body).toContain(`X-DATA-VERSION:${t.store.current.version}`);
    expect(renderer.calls).toEqual([`${first.body.match(/X-DATA-VERSION:(\S+)/)?.[1]} general `, `${t.store.current.version} general `]);
  });

  it('lets any origin read it, with the validators and file name exposed', async () => {
    const res = await t.app.inject({ url: '/feeds/all.ics', headers: { origin: 'https://calendar.example.org' } });
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(String(res.headers['access-control-expose-headers']).split(/,\s*/)).toEqual(['ETag', 'Last-Modified', 'Content-Disposition']);
  });

  it('hands canonical options to the renderer', async () => {
    await t.app.inject({ url: '/feeds/all.ics?reminders=7,1,7&daily=1&items=12,3' });
    // daily=1 is the default (daily duties in), so the canonical options leave it out.
    expect(renderer.calls).toEqual([`${t.store.current.version} all reminders=1,7&items=3,12`]);
  });
});

describe('feeds: compression', () => {
  it('sends brotli when accepted, gzip when brotli is refused, identity otherwise; all decode to the same bytes', async () => {
    const identity = await t.app.inject({ url: '/feeds/all.ics' });
    const br = await t.app.inject({ url: '/feeds/all.ics', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    const gz = await t.app.inject({ url: '/feeds/all.ics', headers: { 'accept-encoding': 'br;q=0, gzip' } });
    const none = await t.app.inject({ url: '/feeds/all.ics', headers: { 'accept-encoding': 'gzip;q=0, br;q=0' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(brotliDecompressSync(br.rawPayload).equals(identity.rawPayload)).toBe(true);
    expect(gunzipSync(gz.rawPayload).equals(identity.rawPayload)).toBe(true);
    expect(none.rawPayload.equals(identity.rawPayload)).toBe(true);
    expect(Number(br.headers['content-length'])).toBe(br.rawPayload.length);
    expect(br.rawPayload.length).toBeLessThan(identity.rawPayload.length);

    const tag = String(identity.headers.etag);
    expect(br.headers.etag).toBe(`${tag.slice(0, -1)}-br"`);
    expect(gz.headers.etag).toBe(`${tag.slice(0, -1)}-gz"`);
    expect(br.headers.vary).toBe('Accept-Encoding');
  });

  it('renders and compresses once per data version and options, however many requests and encodings', async () => {
    await Promise.all(
      ['br', 'gzip', 'identity', 'br', 'gzip'].map((coding) =>
        t.app.inject({ url: '/feeds/preschool.ics?reminders=3', headers: { 'accept-encoding': coding } }),
      ),
    );
    await t.app.inject({ method: 'HEAD', url: '/feeds/preschool.ics?reminders=3,3' });
    expect(renderer.calls).toHaveLength(1);
    await t.app.inject({ url: '/feeds/preschool.ics?reminders=5' });
    await t.app.inject({ url: '/feeds/preschool.ics' });
    expect(renderer.calls).toHaveLength(3);
  });
});

describe('feeds: conditional requests', () => {
  async function first(headers: Record<string, string> = {}) {
    return t.app.inject({ url: '/feeds/additional.ics', headers });
  }

  it('answers 304 to If-None-Match with the current tag, in any form', async () => {
    const { headers } = await first();
    const tag = String(headers.etag);
    for (const ifNoneMatch of [tag, `W/${tag}`, `"other", ${tag}`, `${tag.slice(0, -1)}-gz"`, '*']) {
      const res = await first({ 'if-none-match': ifNoneMatch });
      expect(res.statusCode, ifNoneMatch).toBe(304);
      expect(res.rawPayload).toHaveLength(0);
      expect(res.headers.etag).toBe(tag);
      expect(res.headers['cache-control']).toBe('public, max-age=3600, stale-while-revalidate=86400');
      expect(res.headers.vary).toBe('Accept-Encoding');
    }
  });

  it('lets If-None-Match win over If-Modified-Since', async () => {
    const res = await first({ 'if-none-match': '"stale"', 'if-modified-since': 'Fri, 01 Jan 2100 00:00:00 GMT' });
    expect(res.statusCode).toBe(200);
  });

  it('answers 304 to If-Modified-Since at or after Last-Modified, 200 before it or when unreadable', async () => {
    const { headers } = await first();
    const lastModified = String(headers['last-modified']);
    const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString();
    const later = new Date(Date.parse(lastModified) + 86_400_000).toUTCString();
    expect((await first({ 'if-modified-since': lastModified })).statusCode).toBe(304);
    expect((await first({ 'if-modified-since': later })).statusCode).toBe(304);
    expect((await first({ 'if-modified-since': earlier })).statusCode).toBe(200);
    expect((await first({ 'if-modified-since': 'yesterday' })).statusCode).toBe(200);
  });
});

describe('feeds: HEAD', () => {
  it('gives the GET headers, the right Content-Length and no body', async () => {
    for (const coding of ['identity', 'br', 'gzip']) {
      const get = await t.app.inject({ url: '/feeds/all.ics', headers: { 'accept-encoding': coding } });
      const head = await t.app.inject({ method: 'HEAD', url: '/feeds/all.ics', headers: { 'accept-encoding': coding } });
      expect(head.statusCode).toBe(200);
      expect(head.rawPayload).toHaveLength(0);
      expect(head.headers['content-length']).toBe(String(get.rawPayload.length));
      for (const name of ['content-type', 'content-encoding', 'content-disposition', 'etag', 'last-modified', 'cache-control', 'vary']) {
        expect(head.headers[name], `${coding} ${name}`).toBe(get.headers[name]);
      }
    }
  });
});

it('links problems to the configured public URL', async () => {
  const res = await t.app.inject({ url: '/feeds/nothing.ics' });
  expect(res.json<{ type: string }>().type).toBe(`${PUBLIC_URL}/problems/not-found`);
});

describe('with the real renderer and the bundled data', () => {
  let real: TestApp;
  beforeEach(async () => {
    real = await buildTestApp();
  });
  afterEach(async () => real.close());

  it('serves parseable calendars with the same bytes and tags from every fresh app', async () => {
    const other = await buildTestApp();
    try {
      for (const url of ['/feeds/all.ics', '/feeds/general.ics', `/feeds/organizations/${[...real.store.current.organizationsById.keys()][0]}.ics`]) {
        const a = await real.app.inject({ url, headers: { 'accept-encoding': 'br' } });
        const b = await other.app.inject({ url, headers: { 'accept-encoding': 'br' } });
        expect(a.statusCode, url).toBe(200);
        expect(a.headers.etag).toBe(b.headers.etag);
        const text = brotliDecompressSync(a.rawPayload).toString('utf8');
        const calendar = new ICAL.Component(ICAL.parse(text));
        expect(calendar.name).toBe('vcalendar');
        expect(calendar.getAllSubcomponents('vevent').length, url).toBeGreaterThan(0);
      }
    } finally {
      await other.close();
    }
  });

  it('narrows the feed by options', async () => {
    const all = await real.app.inject({ url: '/feeds/general.ics' });
    const item = real.store.current.plan.items[0]?.number ?? 1;
    const one = await real.app.inject({ url: `/feeds/general.ics?items=${item}` });
    expect(one.statusCode).toBe(200);
    expect(one.headers.etag).not.toBe(all.headers.etag);
    expect(one.rawPayload.length).toBeLessThan(all.rawPayload.length);
  });
});
