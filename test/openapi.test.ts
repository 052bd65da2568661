/**
 * The OpenAPI document: the committed file is what the app generates, a real validator accepts
 * it, it describes every machine-facing route with shared components, and the app serves it at
 * /openapi.json with Swagger UI at /docs from local assets.
 */
import { compileErrors, validate } from '@readme/openapi-parser';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOpenapi, main, OPENAPI_FILE } from '../src/cli/openapi.js';
import { buildApp } from '../src/http/app.js';
import { openState } from '../src/state/index.js';
import { buildTestApp, copyData, LOADED_AT, PUBLIC_URL, storeFor, testConfig, type TestApp } from './helpers/app.js';
import { chromiumAvailable, freePort, launchChromium, watchErrors } from './helpers/browser.js';

type Json = Record<string, unknown>;
type Operation = { operationId?: string; tags?: string[]; responses: Record<string, { content?: Record<string, { schema?: Json }> }> };

let committedText: string;
let committed: Json;
beforeAll(async () => {
  committedText = await readFile(OPENAPI_FILE, 'utf8');
  committed = JSON.parse(committedText) as Json;
});

const operations = (doc: Json): [string, Operation][] =>
  Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]): [string, Operation] => [`${method.toUpperCase()} ${path}`, operation]),
  );

describe('the committed document', () => {
  it('is exactly what npm run openapi generates (run it and commit the file when this fails)', async () => {
    const generated = await generateOpenapi({ planFile: 'plan.json', dataDir: 'data' });
    expect(committedText).toBe(generated);
    expect(committedText.endsWith('}\n')).toBe(true);
  });

  it('is written by the CLI, whose --check fails on a stale file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'eo-openapi-'));
    const out = path.join(dir, 'openapi.json');
    const quiet = () => undefined;
    try {
      expect(await main(['--out', out], quiet, quiet)).toBe(0);
      expect(await readFile(out, 'utf8')).toBe(committedText);
      expect(await main(['--check', '--out', out], quiet, quiet)).toBe(0);
      await writeFile(out, committedText.replace('"3.1.0"', '"3.0.3"'));
      expect(await main(['--check', '--out', out], quiet, quiet)).toBe(1);
      expect(await main(['--bogus'], quiet, quiet)).toBe(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is valid OpenAPI 3.1 for @readme/openapi-parser', async () => {
    expect(committed.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(committed) as never);
    expect(result.valid ? [] : compileErrors(result)).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('would be refused by the validator with a dangling reference (the check is real)', async () => {
    const broken = structuredClone(committed) as { components: { schemas: Json } };
    delete broken.components.schemas.Occurrence;
    expect((await validate(broken as never)).valid).toBe(false);
  });

  it('uses a relative server, so it does not depend on where the service runs', () => {
    expect(committed.servers).toEqual([{ url: '/' }]);
  });

  it('describes the API, the feeds and the service routes, and not the HTML pages', () => {
    expect(Object.keys(committed.paths as Json)).toEqual([
      '/admin/api/draft',
      '/admin/api/draft/preview',
      '/admin/api/organizations/{id}/settings',
      '/admin/api/publish',
      '/admin/api/revisions',
      '/admin/api/revisions/{id}',
      '/admin/api/revisions/{id}/restore',
      '/admin/api/working-days/{year}',
      '/api/occurrences',
      '/api/occurrences.csv',
      '/api/organization-types',
      '/api/organizations',
      '/api/organizations.csv',
      '/api/organizations/{id}',
      '/api/plan',
      '/api/plan.csv',
      '/feeds/all.ics',
      '/feeds/organizations/{id}.ics',
      '/feeds/{type}.ics',
      '/healthz',
      '/openapi.json',
    ]);
    for (const [name, operation] of operations(committed)) {
      // The public API is read-only; only the editor's API (with a token) writes.
      expect(name.startsWith('GET ') || name.split(' ')[1]?.startsWith('/admin/api/'), name).toBe(true);
      expect(operation.operationId, name).toMatch(/^[a-z][A-Za-z]+$/);
      expect(operation.tags?.length, name).toBe(1);
    }
  });

  it('has ProblemDetails as a component, referenced by every 4xx and 5xx response', () => {
    const schemas = (committed.components as { schemas: Json }).schemas;
    expect(schemas.ProblemDetails).toMatchObject({ type: 'object', required: ['type', 'title', 'status', 'detail', 'instance'] });
    let errors = 0;
    for (const [name, operation] of operations(committed)) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        errors++;
        expect(response.content, `${name} ${status}`).toEqual({ 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } });
      }
    }
    expect(errors).toBeGreaterThan(15);
  });

  it('gives the feeds a text/calendar body and the API named JSON documents', () => {
    const paths = committed.paths as Record<string, { get: Operation }>;
    for (const feed of ['/feeds/all.ics', '/feeds/{type}.ics', '/feeds/organizations/{id}.ics']) {
      expect(paths[feed]?.get.responses['200']?.content).toEqual({ 'text/calendar': { schema: { type: 'string' } } });
    }
    const documents: Record<string, string> = {
      '/api/plan': 'PlanDocument',
      '/api/organization-types': 'OrganizationTypeList',
      '/api/organizations': 'OrganizationList',
      '/api/organizations/{id}': 'Organization',
      '/api/occurrences': 'OccurrencesDocument',
    };
    for (const [path, name] of Object.entries(documents)) {
      expect(paths[path]?.get.responses['200']?.content).toEqual({ 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } });
      expect(paths[path]?.get.responses['304']).toBeDefined();
    }
  });

  it('reuses named components instead of inlining them', () => {
    const schemas = (committed.components as { schemas: Json }).schemas;
    expect(Object.keys(schemas).filter((name) => name.startsWith('def-'))).toEqual([]);
    const refs = (name: string) => committedText.split(`"$ref": "#/components/schemas/${name}"`).length - 1;
    expect(refs('OrganizationTypeId')).toBeGreaterThan(5);
    expect(refs('FeedUrls')).toBeGreaterThanOrEqual(3);
    expect(refs('StandingDuty')).toBe(2);
    // Documented where the decision lives: schedules carry a list of rules.
    expect(JSON.stringify(schemas.Schedule)).toContain('список');
    const occurrence = JSON.stringify(schemas.Occurrence);
    expect(occurrence).toContain('включительно');
    expect(occurrence).toContain('+03:00');
  });
});

describe('served by the app', () => {
  let t: TestApp;
  let stateDir: string;
  beforeAll(async () => {
    stateDir = await mkdtemp(path.join(tmpdir(), 'eo-openapi-state-'));
    t = await buildTestApp({ editor: { state: openState(stateDir) } });
  });
  afterAll(async () => {
    await t.close();
    await rm(stateDir, { recursive: true, force: true });
  });

  it('serves /openapi.json as the committed document with the public URL as its server', async () => {
    const res = await t.app.inject({ url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.json()).toEqual({ ...committed, servers: [{ url: PUBLIC_URL }] });
    const again = await t.app.inject({ url: '/openapi.json', headers: { 'if-none-match': String(res.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect((await t.app.inject({ url: '/docs/json' })).json()).toEqual(res.json());
  });

  it('serves Swagger UI at /docs with every asset from this server and a strict CSP', async () => {
    const res = await t.app.inject({ url: '/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'self'");
    const assets = [...res.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] as string);
    expect(assets.length).toBeGreaterThanOrEqual(5);
    for (const asset of assets) {
      expect(asset, 'a local path').toMatch(/^\/docs\/static\//);
      const served = await t.app.inject({ url: asset });
      expect(served.statusCode, asset).toBe(200);
      expect(served.body).not.toMatch(/<script[^>]+src="https?:/);
    }
  });
});

describe.skipIf(!chromiumAvailable)('Swagger UI in a browser', () => {
  it('renders every operation without errors, loading nothing from another origin', async () => {
    const copy = await copyData();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const stateDir = await mkdtemp(path.join(tmpdir(), 'eo-openapi-state-'));
    const app = await buildApp({ store: await storeFor(copy), config: testConfig(copy, { publicUrl: url }), clock: () => LOADED_AT, editor: { state: openState(stateDir) } });
    const browser = await launchChromium();
    try {
      await app.listen({ host: '127.0.0.1', port });
      const page = await browser.newPage();
      const errors = watchErrors(page);
      const origins = new Set<string>();
      page.on('request', (request) => origins.add(new URL(request.url()).origin));
      await page.goto(`${url}/docs`);
      await page.waitForSelector('.opblock-summary-path', { timeout: 20_000 });
      const shown = await page.$$eval('.opblock-summary-path', (nodes) => nodes.map((node) => node.textContent ?? ''));
      // One entry per operation: a path with GET and PUT is shown twice.
      expect(shown.sort()).toEqual(operations(committed).map(([name]) => name.split(' ')[1]).sort());
      expect(errors).toEqual([]);
      expect([...origins]).toEqual([url]);
    } finally {
      await browser.close();
      await app.close();
      await copy.remove();
      await rm(stateDir, { recursive: true, force: true });
    }
  });
});
