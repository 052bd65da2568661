/**
 * Hostile requests, each with the answer it must get: path traversal, NUL bytes, 10 kB query
 * strings, repeated parameters, invalid UTF-8, huge date ranges, unknown methods, overlong
 * URLs. Never a 5xx, never a stack trace or a file path in the body; on /feeds and /api every
 * error is application/problem+json. Most go through app.inject; the ones inject would
 * normalize away (a raw `..` in the request line, an oversized request line) go over a socket.
 */
import { connect } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helpers/app.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const K10 = 'a'.repeat(10_000);

interface Row {
  readonly name: string;
  readonly method?: string;
  readonly url: string;
  readonly headers?: Record<string, string>;
  readonly payload?: string;
  /** Acceptable statuses (more than one where either is right, e.g. 404 or 405 for a method no route has). */
  readonly status: readonly number[];
}

const ROWS: readonly Row[] = [
  // path traversal
  { name: 'dot segments to /etc/passwd under /feeds', url: '/feeds/../../etc/passwd', status: [404] },
  { name: 'encoded slashes to /etc/passwd under /feeds', url: '/feeds/..%2f..%2fetc%2fpasswd', status: [404] },
  { name: 'encoded traversal to package.json under /assets', url: '/assets/..%2f..%2fpackage.json', status: [404] },
  { name: 'encoded traversal in an asset name', url: '/assets/%2e%2e%2f%2e%2e%2fpackage.json', status: [404] },
  { name: 'encoded traversal as an organization id (page)', url: '/organizations/..%2F..', status: [404] },
  { name: 'encoded traversal as an organization id (feed)', url: '/feeds/organizations/..%2F..%2Fplan.json.ics', status: [404] },
  { name: 'encoded traversal as an organization id (API)', url: '/api/organizations/..%2F..%2Fplan.json', status: [400, 404] },
  { name: 'backslash traversal', url: '/feeds/..%5c..%5cplan.json', status: [404] },
  // NUL
  { name: '%00 in a feed type', url: '/feeds/general%00.ics', status: [404] },
  { name: '%00 after the feed name', url: '/feeds/general.ics%00', status: [404] },
  { name: '%00 in an organization id (API)', url: '/api/organizations/sosh-6%00', status: [400, 404] },
  { name: '%00 in an organization id (page)', url: '/organizations/sosh-6%00', status: [404] },
  { name: '%00 in a feed option', url: '/feeds/general.ics?reminders=7%00', status: [400] },
  { name: '%00 in an API date', url: '/api/occurrences?from=2025-09-01%00&to=2026-08-31', status: [400] },
  // 10 kB query strings
  { name: '10 kB option value', url: `/feeds/general.ics?items=${K10}`, status: [400] },
  { name: '10 kB unknown parameter', url: `/feeds/general.ics?x=${K10}`, status: [400] },
  { name: '10 kB unknown API parameter', url: `/api/occurrences?from=2025-09-01&to=2026-08-31&q=${K10}`, status: [400] },
  // One item 5 000 times is still one valid choice: refusing it or reading it as `items=1` are both right.
  { name: '10 kB list of one item repeated', url: `/feeds/general.ics?items=${'1,'.repeat(5_000)}1`, status: [200, 400] },
  { name: '10 kB list of items the plan does not have', url: `/feeds/general.ics?items=${Array.from({ length: 2_000 }, (_, i) => 1000 + i).join(',')}`, status: [400] },
  { name: '10 kB search on the organizations page', url: `/organizations?q=${K10}`, status: [400] },
  // repeated parameters
  { name: 'reminders twice', url: '/feeds/general.ics?reminders=1&reminders=2', status: [400] },
  { name: 'daily twice', url: '/feeds/general.ics?daily=0&daily=1', status: [400] },
  { name: 'from twice', url: '/api/occurrences?from=2025-09-01&from=2025-10-01&to=2026-08-31', status: [400] },
  { name: 'a thousand repeated parameters', url: `/api/occurrences?${'type=general&'.repeat(1_000)}from=2025-09-01&to=2026-08-31`, status: [400] },
  // invalid UTF-8
  { name: 'invalid UTF-8 in a feed path', url: '/feeds/%ff%fe.ics', status: [400, 404] },
  { name: 'invalid UTF-8 in an API path', url: '/api/organizations/%ff%fe', status: [400, 404] },
  { name: 'invalid UTF-8 in a feed option', url: '/feeds/general.ics?items=%ff%fe', status: [400] },
  { name: 'invalid UTF-8 in an API date', url: '/api/occurrences?from=%ff%fe&to=2026-08-31', status: [400] },
  { name: 'overlong UTF-8 encoding of "/"', url: '/feeds/%c0%af..%c0%afplan.json', status: [400, 404] },
  // huge or impossible ranges
  { name: 'range of ten millennia', url: '/api/occurrences?from=0001-01-01&to=9999-12-31', status: [400] },
  { name: 'range of eleven years', url: '/api/occurrences?from=2020-01-01&to=2030-12-31', status: [400] },
  { name: 'a date past the JS Date range', url: '/api/occurrences?from=2025-09-01&to=+275760-09-13', status: [400] },
  { name: 'a day that does not exist', url: '/api/occurrences?from=2025-02-30&to=2025-03-01', status: [400] },
  { name: 'range backwards', url: '/api/occurrences?from=2026-08-31&to=2025-09-01', status: [400] },
  { name: '10 000 reminder days', url: '/feeds/general.ics?reminders=10000', status: [400] },
  { name: 'a thousand reminders', url: `/feeds/general.ics?reminders=${Array.from({ length: 1_000 }, (_, i) => i).join(',')}`, status: [400] },
  // methods
  { name: 'PROPFIND', method: 'PROPFIND', url: '/feeds/general.ics', status: [405] },
  { name: 'TRACE', method: 'TRACE', url: '/feeds/general.ics', status: [405] },
  { name: 'DELETE', method: 'DELETE', url: '/feeds/general.ics', status: [405] },
  { name: 'POST with a JSON body', method: 'POST', url: '/feeds/general.ics', headers: { 'content-type': 'application/json' }, payload: '{"a":1}', status: [405] },
  { name: 'POST to the API with a 100 kB body', method: 'POST', url: '/api/occurrences', headers: { 'content-type': 'text/plain' }, payload: 'x'.repeat(100_000), status: [405] },
  { name: 'PUT with broken JSON', method: 'PUT', url: '/api/plan', headers: { 'content-type': 'application/json' }, payload: '{', status: [405] },
  { name: 'PATCH an organization', method: 'PATCH', url: '/api/organizations/sosh-6', headers: { 'content-type': 'application/json' }, payload: '{"name":"x"}', status: [405] },
  // overlong URLs
  { name: '20 kB feed type', url: `/feeds/${'a'.repeat(20_000)}.ics`, status: [404, 414] },
  { name: '20 kB organization id (API)', url: `/api/organizations/${'a'.repeat(20_000)}`, status: [400, 404, 414] },
  { name: '5 000 path segments', url: `/${'a/'.repeat(5_000)}`, status: [404, 414] },
  // headers
  { name: '10 kB If-None-Match', url: '/feeds/general.ics', headers: { 'if-none-match': `"${K10}"` }, status: [200] },
  { name: 'unparsable If-Modified-Since', url: '/feeds/general.ics', headers: { 'if-modified-since': 'yesterday, probably' }, status: [200] },
  { name: 'absurd Accept-Encoding', url: '/feeds/general.ics', headers: { 'accept-encoding': 'gzip;q=NaN, br;q=-1, *;q=2' }, status: [200] },
];

// Rejected by the router before any route runs; answered by `frameworkErrors` (src/http/plugins/problems.ts).
const ROUTER_LEVEL = new Set([
  'invalid UTF-8 in a feed path',
  'invalid UTF-8 in an API path',
  'overlong UTF-8 encoding of "/"',
  '20 kB feed type',
  '20 kB organization id (API)',
]);

/** What must never reach a client: a stack frame, a source or data file path, an internal error name. */
const LEAKS = [/\n\s+at\s/, /\bat [\w.<>]+ \(/, /node_modules/, new RegExp(ROOT.replaceAll('/', '\\/')), /\/(?:src|dist)\/[\w/-]+\.(?:ts|js)/, /\.ts:\d+/, /\bTypeError\b|\bRangeError\b|\bReferenceError\b/];

function isApiOrFeed(url: string): boolean {
  return url.startsWith('/api/') || url.startsWith('/feeds/');
}

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
});

afterAll(async () => {
  await t?.close();
});

describe('hostile requests through app.inject', () => {
  it.each(ROWS)('$name → $status', async (row) => {
    const response = await t.app.inject({
      method: (row.method ?? 'GET') as 'GET',
      url: row.url,
      ...(row.headers === undefined ? {} : { headers: row.headers }),
      ...(row.payload === undefined ? {} : { payload: row.payload }),
    });
    expect(row.status).toContain(response.statusCode);
    expect(response.statusCode).toBeLessThan(500);
    for (const leak of LEAKS) expect(response.body).not.toMatch(leak);
    if (response.statusCode >= 400 && isApiOrFeed(row.url)) {
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = JSON.parse(response.body) as { status?: unknown; detail?: unknown };
      expect(problem.status).toBe(response.statusCode);
      expect(typeof problem.detail).toBe('string');
    }
  });

  it('answers problem+json for router-level errors too (invalid UTF-8 in a path, an overlong path parameter)', async () => {
    for (const row of ROWS.filter((r) => ROUTER_LEVEL.has(r.name))) {
      const response = await t.app.inject({ method: 'GET', url: row.url });
      expect(response.headers['content-type'], row.name).toMatch(/^application\/problem\+json/);
      const problem = JSON.parse(response.body) as { status?: unknown; detail?: unknown };
      expect(problem.status, row.name).toBe(response.statusCode);
      expect(problem.detail, row.name).toMatch(/[а-я]/);
    }
  });
});

/** One request over a socket, exactly as written: status line and body. */
function rawExchange(port: number, request: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error('timeout')));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text });
    });
    socket.end(request);
  });
}

describe('hostile requests over a socket (what inject would normalize)', () => {
  let port: number;

  beforeAll(async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = t.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    port = address.port;
  });

  const RAW: readonly { name: string; target: string; status: readonly number[] }[] = [
    { name: 'raw dot segments under /feeds', target: '/feeds/../../etc/passwd', status: [400, 404] },
    { name: 'raw dot segments under /assets', target: '/assets/../../package.json', status: [400, 404] },
    { name: 'raw dot segments to data/', target: '/feeds/organizations/../../data/organizations.json', status: [400, 404] },
    { name: 'absolute-form target', target: 'http://127.0.0.1/../../etc/passwd', status: [400, 404] },
    { name: 'a raw NUL byte in the path', target: '/feeds/general\u0000.ics', status: [400] },
    { name: 'a 100 kB request line', target: `/feeds/general.ics?items=${'9'.repeat(100_000)}`, status: [400, 414, 431] },
  ];

  it.each(RAW)('$name → $status', async ({ target, status }) => {
    const response = await rawExchange(port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    expect(status).toContain(response.status);
    for (const leak of LEAKS) expect(response.text).not.toMatch(leak);
  });
});
