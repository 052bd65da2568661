/**
 * The headers every response carries (src/http/plugins/security.ts): nosniff and the two CORS
 * headers, on feeds, 304s, pages, the API documentation, errors of every kind — including the
 * ones the router answers before any hook runs — and the preflights @fastify/cors still answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t.close());

const EXPOSED = 'ETag, Last-Modified, Content-Disposition';

describe('security headers', () => {
  it('are on every response, whatever answered it', async () => {
    const feed = await t.app.inject({ url: '/feeds/general.ics', headers: { 'accept-encoding': 'gzip' } });
    const requests: { name: string; method?: 'GET' | 'HEAD' | 'POST' | 'DELETE'; url: string; headers?: Record<string, string>; status: number }[] = [
      { name: 'feed', url: '/feeds/general.ics', status: 200 },
      { name: 'feed, gzip', url: '/feeds/general.ics', headers: { 'accept-encoding': 'gzip' }, status: 200 },
      { name: 'feed, 304', url: '/feeds/general.ics', headers: { 'accept-encoding': 'gzip', 'if-none-match': String(feed.headers.etag) }, status: 304 },
      { name: 'feed, HEAD', method: 'HEAD', url: '/feeds/general.ics', status: 200 },
      { name: 'API document', url: '/api/plan', status: 200 },
      { name: 'home page', url: '/', status: 200 },
      { name: 'organization page', url: '/organizations/sosh-6', status: 200 },
      { name: 'unknown organization page', url: '/organizations/no-such-school', status: 404 },
      { name: 'Swagger UI', url: '/docs', status: 200 },
      { name: 'Swagger UI document', url: '/docs/json', status: 200 },
      { name: 'OpenAPI document', url: '/openapi.json', status: 200 },
      { name: 'problem type page', url: '/problems/not-found', status: 200 },
      { name: 'unknown route', url: '/calendar.ics', status: 404 },
      { name: 'invalid query', url: '/feeds/general.ics?reminders=abc', status: 400 },
      { name: 'unknown feed type', url: '/feeds/schools.ics', status: 404 },
      { name: 'unknown method', method: 'POST', url: '/feeds/general.ics', status: 405 },
      { name: 'DELETE', method: 'DELETE', url: '/api/plan', status: 405 },
      { name: 'invalid UTF-8 in a path (router)', url: '/feeds/%ff%fe.ics', status: 400 },
      { name: 'overlong path parameter (router)', url: `/feeds/organizations/${'a'.repeat(120)}.ics`, status: 414 },
    ];
    for (const request of requests) {
      const res = await t.app.inject({ method: request.method ?? 'GET', url: request.url, headers: request.headers ?? {} });
      expect(res.statusCode, request.name).toBe(request.status);
      expect(res.headers['x-content-type-options'], request.name).toBe('nosniff');
      expect(res.headers['access-control-allow-origin'], request.name).toBe('*');
      expect(res.headers['access-control-expose-headers'], request.name).toBe(EXPOSED);
    }
  });

  it('answers a preflight for any path, with the methods and the headers asked for', async () => {
    for (const url of ['/feeds/general.ics', '/api/occurrences', '/no-such-path']) {
      const res = await t.app.inject({
        method: 'OPTIONS',
        url,
        headers: { origin: 'https://school.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' },
      });
      expect(res.statusCode, url).toBe(204);
      expect(res.headers['access-control-allow-origin'], url).toBe('*');
      expect(res.headers['access-control-allow-methods'], url).toBe('GET, HEAD');
      expect(res.headers['access-control-allow-headers'], url).toBe('if-none-match');
      expect(res.headers['access-control-max-age'], url).toBe('86400');
      expect(res.headers['content-length'], url).toBe('0');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
    }
  });

  it('refuses an OPTIONS request that is not a preflight, as @fastify/cors does', async () => {
    const res = await t.app.inject({ method: 'OPTIONS', url: '/feeds/general.ics' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toBe('Invalid Preflight Request');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
