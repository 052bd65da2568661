/**
 * The static export served by Debian's nginx with deploy/nginx.conf: the same bytes, types,
 * caching and CORS headers as the service, conditional requests, and the precompressed files.
 * And deploy/nginx-proxy.conf in front of two replicas of the service.
 * CI installs nginx (.ci/run); elsewhere the test is skipped when nginx is absent.
 */
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import http2 from 'node:http2';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../src/data/load.js';
import { createDataStore } from '../src/data/store.js';
import { buildApp } from '../src/http/app.js';
import { exportClock, exportSite } from '../src/static-export/site.js';
import { organizationPaths } from '../src/static-export/urls.js';
import { copyData, PUBLIC_URL, type DataCopy } from './helpers/app.js';
import { FORMER, REMOVED, RENAMED, withRegistryHistory } from './helpers/registry-history.js';
import { nginxMissing, request, startNginx, startProxyNginx, type RequestInit, type RunningNginx, type RunningProxy } from './helpers/nginx.js';

const DATE = '2026-02-03';
const missing = nginxMissing();
const ORGANIZATION = 'sosh-6';

if (missing !== undefined && process.env.CI) {
  describe('nginx', () => {
    it('is installed: CI must run the static-export test', () => {
      throw new Error(`CI is set but nginx cannot run: ${missing}`);
    });
  });
}

describe.skipIf(missing !== undefined)(`static export behind nginx${missing === undefined ? '' : ` (skipped: ${missing})`}`, () => {
  let copy: DataCopy;
  let work: string;
  let root: string;
  let nginx: RunningNginx | undefined;
  let app: FastifyInstance;

  beforeAll(async () => {
    copy = await copyData();
    // A removed organization and a changed id: their URLs answer 410 and 301 below.
    await withRegistryHistory(copy);
    work = await mkdtemp(path.join(tmpdir(), 'eo-calendar-export-'));
    // nginx's workers (www-data when the test runs as root) must reach the export.
    await chmod(work, 0o755);
    root = path.join(work, 'site');
    await exportSite({ planFile: copy.planFile, dataDir: copy.dataDir, publicUrl: PUBLIC_URL, date: DATE, out: root, concurrency: 8 });
    const clock = exportClock(DATE);
    const store = await createDataStore(() => loadDataset({ planFile: copy.planFile, dataDir: copy.dataDir }), { clock });
    app = await buildApp({ store, config: { publicUrl: PUBLIC_URL, planFile: copy.planFile, dataDir: copy.dataDir, cacheEntries: 500 }, clock });
    nginx = await startNginx(root);
  });

  afterAll(async () => {
    await nginx?.stop();
    await app?.close();
    await copy?.remove();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const origin = () => {
    if (nginx === undefined) throw new Error('nginx is not running');
    return nginx.origin;
  };

  async function service(url: string, headers: Record<string, string> = {}) {
    const response = await app.inject({ method: 'GET', url, headers });
    expect(response.statusCode, url).toBe(200);
    return { body: response.rawPayload, headers: response.headers };
  }

  // Shared documents are exported compressed (the service's bytes); an organization's files
  // are exported as they are and compressed by nginx per request.
  describe.each([
    ['a type feed', '/feeds/general.ics', 'exported'],
    ['an organization feed', `/feeds/organizations/${ORGANIZATION}.ics`, 'on the fly'],
    ['the JSON plan', '/api/plan', 'exported'],
    ['an organization\'s JSON', `/api/organizations/${ORGANIZATION}`, 'on the fly'],
  ] as const)('%s (%s)', (_name, url, compressed) => {
    it('comes back byte-identical to the service, with the same Content-Type, Cache-Control and CORS', async () => {
      const [served, expected] = await Promise.all([request(`${origin()}${url}`), service(url)]);
      expect(served.status).toBe(200);
      expect(served.body.equals(expected.body)).toBe(true);
      expect(served.headers['content-type']).toBe(expected.headers['content-type']);
      expect(served.headers['cache-control']).toBe(expected.headers['cache-control']);
      expect(served.headers['access-control-allow-origin']).toBe('*');
      expect(served.headers['x-content-type-options']).toBe('nosniff');
      expect(served.headers.etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    });

    it('answers 304 to If-None-Match with its ETag and to If-Modified-Since with its Last-Modified', async () => {
      const first = await request(`${origin()}${url}`);
      const etag = String(first.headers.etag);
      const lastModified = String(first.headers['last-modified']);
      const byTag = await request(`${origin()}${url}`, { headers: { 'if-none-match': etag } });
      expect(byTag.status).toBe(304);
      expect(byTag.body.length).toBe(0);
      expect(byTag.headers.etag).toBe(etag);
      expect((await request(`${origin()}${url}`, { headers: { 'if-none-match': '"other"' } })).status).toBe(200);
      expect((await request(`${origin()}${url}`, { headers: { 'if-modified-since': lastModified } })).status).toBe(304);
      const later = new Date(Date.parse(lastModified) + 86_400_000).toUTCString();
      expect((await request(`${origin()}${url}`, { headers: { 'if-modified-since': later } })).status).toBe(304);
      const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString();
      expect((await request(`${origin()}${url}`, { headers: { 'if-modified-since': earlier } })).status).toBe(200);
    });

    it(`sends gzip to gzip clients and br to brotli clients, compressed ${compressed}`, async () => {
      const plain = await service(url);
      const file = path.join(root, ...url.split('/'));
      for (const [coding, decode, extension] of [
        ['gzip', gunzipSync, 'gz'],
        ['br', brotliDecompressSync, 'br'],
      ] as const) {
        const served = await request(`${origin()}${url}`, { headers: { 'accept-encoding': coding } });
        expect(served.status).toBe(200);
        expect(served.headers['content-encoding']).toBe(coding);
        expect(served.headers.vary).toMatch(/Accept-Encoding/i);
        expect(served.headers['content-type']).toBe(plain.headers['content-type']);
        expect(decode(served.body).equals(plain.body)).toBe(true);
        const etag = String(served.headers.etag);
        if (compressed === 'exported') {
          // The exported file, byte for byte the service's compressed answer, with its own strong validator.
          const fromService = await service(url, { 'accept-encoding': coding });
          expect(served.body.equals(fromService.body)).toBe(true);
          expect(etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
        } else {
          // Nothing compressed beside the file: nginx compressed it, and weakened its validator.
          const siblings = await readdir(path.dirname(file));
          expect(siblings.filter((name) => name.startsWith(`${path.basename(file)}.`) && name.endsWith(`.${extension}`))).toEqual([]);
          expect(etag).toMatch(/^W\/"[0-9a-f]+-[0-9a-f]+"$/);
        }
        // The compressed answer revalidates with the tag it came with.
        const again = await request(`${origin()}${url}`, { headers: { 'accept-encoding': coding, 'if-none-match': etag } });
        expect(again.status).toBe(304);
      }
    });
  });

  it('answers HEAD with the headers and no body', async () => {
    const head = await request(`${origin()}/feeds/all.ics`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(Number(head.headers['content-length'])).toBe((await service('/feeds/all.ics')).body.length);
    expect(head.body.length).toBe(0);
  });

  it('serves every exported URL under the service\'s path, with the bytes and the page headers the service sends', async () => {
    const marker = JSON.parse(await readFile(path.join(root, '.eo-calendar-export'), 'utf8')) as { urls: number };
    const urls = await exportedUrls(root);
    expect(urls.length).toBe(marker.urls);
    for (const url of urls) {
      const [served, expected] = await Promise.all([request(`${origin()}${url}`), service(url)]);
      expect(served.status, url).toBe(200);
      expect(served.body.equals(expected.body), url).toBe(true);
      for (const header of ['content-type', 'cache-control', 'content-security-policy', 'x-frame-options', 'referrer-policy', 'x-content-type-options']) {
        expect(served.headers[header], `${url} ${header}`).toBe(expected.headers[header]);
      }
    }
  });

  /** What the service answers, any status. */
  const asked = (url: string, method: 'GET' | 'HEAD' = 'GET') => app.inject({ method, url });
  const HISTORY_HEADERS = [
    'content-type', 'cache-control', 'location', 'content-security-policy', 'x-frame-options', 'referrer-policy',
    'x-content-type-options', 'access-control-allow-origin', 'access-control-expose-headers', 'etag', 'last-modified',
  ];

  describe.each(organizationPaths(REMOVED))('a removed organization\'s %s', (url) => {
    it('answers 410 with the service\'s Russian body and headers, with and without a query', async () => {
      for (const query of ['', '?reminders=7,1', '?daily=0&items=3', '?compact=1', '?nonsense']) {
        const [served, expected] = await Promise.all([request(`${origin()}${url}${query}`), asked(`${url}${query}`)]);
        expect(expected.statusCode, `${url}${query}`).toBe(410);
        expect(served.status, `${url}${query}`).toBe(410);
        for (const header of HISTORY_HEADERS) expect(served.headers[header], `${url}${query} ${header}`).toBe(expected.headers[header]);
        if (String(expected.headers['content-type']).startsWith('text/html')) {
          // The page: Russian, with the way to the list of organizations.
          expect(served.body.equals(expected.rawPayload), `${url}${query}`).toBe(true);
          expect(served.body.toString('utf8')).toContain('исключена из реестра');
          expect(served.body.toString('utf8')).toContain('href="/organizations"');
          continue;
        }
        // problem+json: the same document; a static body cannot echo the query in `instance`.
        const problem = JSON.parse(served.body.toString('utf8')) as Record<string, unknown>;
        expect(problem).toEqual({ ...expected.json(), instance: url });
        expect(problem.detail).toMatch(/исключена из реестра .*Список организаций: https:\/\/eo\.example\.test\/organizations$/);
        if (query === '') expect(served.body.equals(expected.rawPayload), url).toBe(true);
      }
    });

    it('answers HEAD with the headers alone, and is never compressed or revalidated', async () => {
      const head = await request(`${origin()}${url}`, { method: 'HEAD' });
      expect(head.status).toBe(410);
      expect(head.body.length).toBe(0);
      expect(head.headers['content-length']).toBe((await asked(url, 'HEAD')).headers['content-length']);
      const gzip = await request(`${origin()}${url}`, { headers: { 'accept-encoding': 'gzip, br', 'if-none-match': '*' } });
      expect(gzip.status).toBe(410);
      expect(gzip.headers['content-encoding']).toBeUndefined();
    });
  });

  describe.each(organizationPaths(FORMER))('a former id\'s %s', (url) => {
    it('answers 301 to the same URL with the new id, as the service does, the query kept', async () => {
      for (const query of ['', '?reminders=7,1', '?compact=1']) {
        const [served, expected] = await Promise.all([request(`${origin()}${url}${query}`), asked(`${url}${query}`)]);
        expect(expected.statusCode, `${url}${query}`).toBe(301);
        expect(served.status, `${url}${query}`).toBe(301);
        expect(served.headers.location).toBe(`${url.replace(FORMER, RENAMED)}${query}`);
        for (const header of HISTORY_HEADERS) expect(served.headers[header], `${url}${query} ${header}`).toBe(expected.headers[header]);
        expect(served.headers['content-length']).toBe('0');
        expect(served.body.length).toBe(0);
      }
      // The new URL is in the export.
      expect((await request(`${origin()}${url.replace(FORMER, RENAMED)}`)).status).toBe(200);
    });
  });

  it('answers other methods on those URLs as before: a preflight for the removed feed, 405 for a POST', async () => {
    const url = `/feeds/organizations/${REMOVED}.ics`;
    const preflight = await request(`${origin()}${url}`, {
      method: 'OPTIONS',
      headers: { origin: 'https://school.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect((await app.inject({ method: 'OPTIONS', url, headers: { origin: 'https://school.example', 'access-control-request-method': 'GET' } })).statusCode).toBe(204);
    expect((await request(`${origin()}/organizations/${FORMER}`, { method: 'POST' })).status).not.toBe(301);
  });

  it('keeps the files behind those answers private', async () => {
    for (const url of ['/_nginx/history.map', `/_nginx/page/410/organizations/${REMOVED}.html`, '/_nginx/cors/301', '/_nginx/', '/_nginx']) {
      expect((await request(`${origin()}${url}`)).status, url).toBe(404);
    }
  });

  it('serves versioned assets as immutable', async () => {
    const served = await request(`${origin()}/assets/app.css?v=abc`);
    expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers a CORS preflight for feeds and JSON', async () => {
    for (const url of ['/feeds/general.ics', '/api/plan']) {
      const preflight = await request(`${origin()}${url}`, {
        method: 'OPTIONS',
        headers: { origin: 'https://school.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' },
      });
      expect(preflight.status, url).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe('*');
      expect(preflight.headers['access-control-allow-headers']).toBe('if-none-match');
    }
  });

  it('has no URL the service does not have, and hides the export marker', async () => {
    for (const url of ['/feeds/unknown.ics', '/feeds/general.ics?reminders=1', '/api/plan?x=1', '/api/occurrences', '/api/plan.json', '/organizations.html', '/organizations/nope', '/.eo-calendar-export', '/index.html.gz']) {
      expect((await request(`${origin()}${url}`)).status, url).toBe(404);
    }
  });
});

/** URL paths of an export's files, by the mapping deploy/nginx.conf applies in reverse. */
async function exportedUrls(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const urls: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || entry.name.startsWith('.') || /\.(gz|br)$/.test(entry.name)) continue;
    const file = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    // What nginx reads to answer removed and renamed organizations, served under their URLs.
    if (file.startsWith('_nginx/')) continue;
    if (file === 'index.html') urls.push('/');
    else if (file.endsWith('.html')) urls.push(`/${file.slice(0, -'.html'.length)}`);
    else if (file.startsWith('api/') && file.endsWith('.json')) urls.push(`/${file.slice(0, -'.json'.length)}`);
    else urls.push(`/${file}`);
  }
  return urls.sort();
}

describe.skipIf(missing !== undefined)(`two replicas behind deploy/nginx-proxy.conf${missing === undefined ? '' : ` (skipped: ${missing})`}`, () => {
  let copy: DataCopy;
  let nginx: RunningProxy | undefined;
  const replicas: { app: FastifyInstance; hits: number }[] = [];

  beforeAll(async () => {
    copy = await copyData();
    const clock = exportClock(DATE);
    for (let i = 0; i < 2; i += 1) {
      // Each replica loads the files itself, as separate processes would.
      const store = await createDataStore(() => loadDataset({ planFile: copy.planFile, dataDir: copy.dataDir }), { clock });
      const app = await buildApp({ store, config: { publicUrl: PUBLIC_URL, planFile: copy.planFile, dataDir: copy.dataDir, cacheEntries: 100 }, clock });
      const replica = { app, hits: 0 };
      app.addHook('onRequest', async () => {
        replica.hits += 1;
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      replicas.push(replica);
    }
    nginx = await startProxyNginx(replicas.map(({ app }) => `127.0.0.1:${(app.server.address() as { port: number }).port}`));
  });

  afterAll(async () => {
    await nginx?.stop();
    for (const { app } of replicas) await app.close();
    await copy?.remove();
  });

  const running = () => {
    if (nginx === undefined) throw new Error('nginx is not running');
    return nginx;
  };
  /** A request through the proxy's HTTPS server, trusting its certificate. */
  const proxied = (url: string, init: RequestInit = {}) => request(`${running().origin}${url}`, { ...init, ca: running().ca });

  it('answers from either replica with the same bytes and ETag, and a 304 from one for the other\'s ETag', async () => {
    const url = `/feeds/organizations/${ORGANIZATION}.ics`;
    const expected = (await replicas[0]!.app.inject({ method: 'GET', url })).rawPayload;
    const answers = [];
    for (let i = 0; i < 6; i += 1) answers.push(await proxied(url));
    expect(replicas.every(({ hits }) => hits >= 2)).toBe(true);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body.equals(expected)).toBe(true);
      expect(answer.headers.etag).toBe(answers[0]?.headers.etag);
      expect(answer.headers['content-type']).toBe('text/calendar; charset=utf-8');
    }
    const before = replicas.map(({ hits }) => hits);
    for (let i = 0; i < 4; i += 1) {
      const revalidated = await proxied(url, { headers: { 'if-none-match': String(answers[0]?.headers.etag) } });
      expect(revalidated.status).toBe(304);
    }
    expect(replicas.every(({ hits }, i) => hits > (before[i] ?? 0))).toBe(true);
  });

  it('passes the service\'s compressed bytes through without compressing again', async () => {
    const url = '/api/plan';
    const fromService = await replicas[0]!.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    const served = await proxied(url, { headers: { 'accept-encoding': 'gzip' } });
    expect(served.headers['content-encoding']).toBe('gzip');
    expect(served.body.equals(fromService.rawPayload)).toBe(true);
    expect(served.headers['access-control-allow-origin']).toBe('*');
  });

  it('passes /healthz through for monitoring', async () => {
    const health = await proxied('/healthz');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body.toString('utf8'))).toMatchObject({ status: 'ok', reload: { ok: true } });
  });

  it('terminates TLS 1.2+ with HSTS, and redirects plain HTTP to HTTPS', async () => {
    const served = await proxied('/feeds/general.ics');
    expect(served.status).toBe(200);
    expect(served.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(['TLSv1.2', 'TLSv1.3']).toContain(served.tlsProtocol);
    const refused = await proxied('/no/such/path');
    expect(refused.status).toBe(404);
    expect(refused.headers['strict-transport-security']).toBe('max-age=31536000');
    const redirect = await request(`${running().httpOrigin}/feeds/general.ics?reminders=1`, { headers: { host: 'eo.example.test' } });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe('https://eo.example.test/feeds/general.ics?reminders=1');
  });

  it('speaks HTTP/2 and gives the same bytes', async () => {
    const url = `/feeds/organizations/${ORGANIZATION}.ics`;
    const expected = (await replicas[0]!.app.inject({ method: 'GET', url })).rawPayload;
    const session = http2.connect(running().origin, { ca: running().ca });
    try {
      const { status, body } = await new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
        const stream = session.request({ ':path': url });
        const chunks: Buffer[] = [];
        let status = 0;
        stream.on('response', (headers) => (status = Number(headers[':status'])));
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => resolve({ status, body: Buffer.concat(chunks) }));
        stream.on('error', reject);
      });
      expect(status).toBe(200);
      expect(body.equals(expected)).toBe(true);
    } finally {
      session.close();
    }
  });

  /** `count` requests at once, each on its own connection, as a burst from one address. */
  const burst = async (url: string, count: number) => {
    const answers = await Promise.all(Array.from({ length: count }, () => proxied(url)));
    return answers.map((a) => a.status);
  };

  it('limits a burst of uncacheable requests (query strings, /api/occurrences) with 429', async () => {
    for (const url of ['/api/occurrences?from=2026-02-01&to=2026-02-28', '/feeds/general.ics?reminders=1']) {
      // One bucket per client address for every dynamic URL: let the previous burst's drain
      // (20 at 5 a second) before the next.
      await new Promise((resolve) => setTimeout(resolve, 4_500));
      const statuses = await burst(url, 40);
      expect(statuses.every((s) => s === 200 || s === 429), statuses.join()).toBe(true);
      expect(statuses.filter((s) => s === 429).length, url).toBeGreaterThan(0);
      expect(statuses.filter((s) => s === 200).length, url).toBeGreaterThan(0);
    }
  });

  it('refuses with the service\'s kind of answer: Russian problem+json pointing at its page, HSTS, Retry-After', async () => {
    const url = '/api/occurrences?from=2026-03-01&to=2026-03-31';
    const answers = await Promise.all(Array.from({ length: 40 }, () => proxied(url)));
    const refused = answers.find((a) => a.status === 429);
    expect(refused, 'no 429 in the burst').toBeDefined();
    expect(refused?.headers['content-type']).toBe('application/problem+json');
    expect(refused?.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(refused?.headers['retry-after']).toBe('1');
    expect(refused?.headers['cache-control']).toBe('no-store');
    const problem = JSON.parse(refused?.body.toString('utf8') ?? '') as { type: string; status: number; title: string; detail: string; instance: string };
    expect(problem).toMatchObject({ status: 429, title: 'Слишком много запросов', instance: url, type: 'https://127.0.0.1/problems/too-many-requests' });
    expect(problem.detail).toMatch(/^Слишком много запросов/);
    // The page it points to is the service's.
    expect((await proxied('/problems/too-many-requests')).status).toBe(200);
    // A target that JSON could not hold as it is (a raw backslash: the URL parser leaves it in a
    // query) is left out rather than breaking the document.
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    const odd = await Promise.all(Array.from({ length: 40 }, () => proxied('/api/occurrences?from=a\\b{c}')));
    const oddRefused = odd.find((a) => a.status === 429);
    expect(JSON.parse(oddRefused?.body.toString('utf8') ?? '')).toMatchObject({ status: 429, instance: '' });
  });

  it('never limits the static feeds, pages, versioned assets or /healthz', async () => {
    for (const url of ['/feeds/general.ics', `/feeds/organizations/${ORGANIZATION}.ics`, '/', '/assets/app.css?v=1', '/healthz']) {
      const statuses = await burst(url, 40);
      expect(statuses.filter((s) => s !== 200), url).toEqual([]);
    }
  });
});
