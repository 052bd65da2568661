import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_KINDS, type ProblemKind } from '../src/api/problem.js';
import type { FeedRenderer } from '../src/http/routes/feeds.js';
import { MAX_RANGE_DAYS } from '../src/api/schemas/occurrences.js';
import { MAX_REMINDERS, REMINDER_OFFSETS_TEXT } from '../src/api/feed-query.js';
import { buildTestApp, countingRenderer, PUBLIC_URL, type TestApp } from './helpers/app.js';
import { buildPagesApp } from './helpers/pages.js';

let t: TestApp;
let failFeeds = false;

beforeAll(async () => {
  const good = countingRenderer();
  const renderFeed: FeedRenderer = (...args) => {
    if (failFeeds) throw new Error('renderer failure for the internal-error problem');
    return good.render(...args);
  };
  t = await buildTestApp({ renderFeed });
});

afterAll(async () => {
  await t?.close();
});

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

/** The path to inject for a type URI of this app (served at the public URL's root). */
function pathOf(typeUri: string): string {
  expect(typeUri.startsWith(`${PUBLIC_URL}/`), typeUri).toBe(true);
  return typeUri.slice(PUBLIC_URL.length);
}

const KINDS = Object.keys(PROBLEM_KINDS) as ProblemKind[];

describe('problem type pages', () => {
  it.each(KINDS)('/problems/%s is a Russian HTML page with the headers of the other pages', async (kind) => {
    const res = await get(`/problems/${kind}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body.startsWith('<!DOCTYPE html>\n<html lang="ru"')).toBe(true);
    expect(res.body).toContain(`<h1>${PROBLEM_KINDS[kind].title}</h1>`);
    expect(res.body).toContain(`HTTP ${PROBLEM_KINDS[kind].status}`);
    expect(res.body).toContain(`<code>${PUBLIC_URL}/problems/${kind}</code>`);
    expect(res.body).toContain('href="/"');
    expect(res.body).toContain('href="/docs"');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.headers['etag']).toBeDefined();
  });

  it('invalid-parameter lists the options with the limits the service enforces', async () => {
    const { body } = await get('/problems/invalid-parameter');
    expect(body).toContain(`${REMINDER_OFFSETS_TEXT} через запятую, не более ${MAX_REMINDERS} значений`);
    expect(body).toContain('<code>daily=0</code>');
    expect(body).toContain('<code>items=3,8,12</code>');
    expect(body).toContain(`период не длиннее ${MAX_RANGE_DAYS} дней`);
    expect(body).toContain('Неизвестные и повторяющиеся параметры отклоняются');
    expect(body).toContain('href="/plan"');
  });

  it('not-found links to the organizations and to every type feed, each of which the service serves', async () => {
    const { body } = await get('/problems/not-found');
    expect(body).toContain('href="/organizations"');
    const feeds = [...body.matchAll(/href="(\/feeds\/[^"]+)"/g)].map((m) => m[1] ?? '');
    expect(feeds).toEqual(['/feeds/all.ics', '/feeds/general.ics', '/feeds/preschool.ics', '/feeds/additional.ics']);
    for (const feed of feeds) expect((await get(feed)).statusCode, feed).toBe(200);
  });

  it('internal-error tells whom to give the request id', async () => {
    const { body } = await get('/problems/internal-error');
    expect(body).toContain('администратору сервиса (Отдел образования администрации муниципального образования городского округа «Инта»)');
    expect(body).toContain('номер запроса из поля <code>detail</code>');
  });

  it('revalidates by ETag and serves HEAD', async () => {
    const first = await get('/problems/not-found');
    const again = await get('/problems/not-found', { 'if-none-match': String(first.headers['etag']) });
    expect(again.statusCode).toBe(304);
    const head = await t.app.inject({ method: 'HEAD', url: '/problems/not-found' });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
  });

  it.each(['/problems/nope', '/problems/constructor', '/problems/%3Cb%3Ex%3C%2Fb%3E'])('%s is the Russian 404 page', async (url) => {
    const res = await get(url);
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.body).toContain('<html lang="ru"');
    expect(res.body).toContain('Страница не найдена');
    expect(res.body).toContain('invalid-parameter, not-found, unauthorized, forbidden, conflict, gone, precondition-failed, invalid-document, precondition-required, internal-error');
    expect(res.body).not.toContain('<b>x</b>');
  });

  it('are not in the OpenAPI document', async () => {
    const document = (await get('/openapi.json')).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(document.paths).some((p) => p.startsWith('/problems'))).toBe(false);
  });
});

describe('the type URI of a real problem response', () => {
  it.each([
    ['/feeds/general.ics?daily=2', 400, 'invalid-parameter'],
    ['/api/occurrences?from=2025-01-01&to=2029-01-01', 400, 'invalid-parameter'],
    ['/feeds/organizations/nope.ics', 404, 'not-found'],
    ['/no/such/address', 404, 'not-found'],
    // A feed no other test here renders: a cached one would not reach the failing renderer.
    ['/feeds/organizations/licey-1.ics?reminders=2', 500, 'internal-error'],
  ])('%s → %i, its type dereferences to the %s page', async (url, status, kind) => {
    failFeeds = status === 500;
    let res;
    try {
      res = await get(url);
    } finally {
      failFeeds = false;
    }
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toBe('application/problem+json');
    const problem = res.json<{ type: string; title: string }>();
    expect(problem.type).toBe(`${PUBLIC_URL}/problems/${kind}`);
    const page = await get(pathOf(problem.type));
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain(`<h1>${problem.title}</h1>`);
  });
});

describe('under a path prefix', () => {
  it('links stay below the prefix', async () => {
    const pages = await buildPagesApp({ publicUrl: `${PUBLIC_URL}/eo` });
    try {
      const res = await pages.app.inject({ url: '/problems/not-found' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`<code>${PUBLIC_URL}/eo/problems/not-found</code>`);
      const links = [...res.body.matchAll(/href="([^"#]+)"/g)].map((m) => m[1] ?? '');
      expect(links).toContain('/eo/organizations');
      expect(links).toContain('/eo/docs');
      expect(links.filter((l) => !l.startsWith('/eo/') && !l.startsWith('data:'))).toEqual([]);
    } finally {
      await pages.close();
    }
  });
});
