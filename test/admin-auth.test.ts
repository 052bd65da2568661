/**
 * The editor's sign-in and access rules over inject: anonymous requests, the session cookie,
 * CSRF, failed-login throttling, EDITOR=off, disabled accounts, and the audit entries of each.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/http/app.js';
import { configFromEnv } from '../src/http/config.js';
import type { AuditEntry } from '../src/state/index.js';
import { copyData, storeFor, testConfig } from './helpers/app.js';
import { Agent, buildEditorApp, METHODOLOGIST, SCHOOL, type EditorApp } from './helpers/editor.js';

let editor: EditorApp;
beforeEach(async () => {
  editor = await buildEditorApp();
});
afterEach(async () => {
  await editor.close();
});

const actions = async (): Promise<AuditEntry['action'][]> => (await editor.state.audit.entries()).map((e) => e.action);

describe('anonymous requests', () => {
  it('redirect every page but the login form to it, and answer the API with 401 problem+json', async () => {
    for (const url of ['/admin', '/admin/organizations/sosh-5', '/admin/audit']) {
      const response = await editor.app.inject(url);
      expect(response.statusCode, url).toBe(303);
      expect(response.headers.location).toBe('/admin/login');
    }
    const api = await editor.app.inject('/admin/api/organizations/sosh-5/settings');
    expect(api.statusCode).toBe(401);
    expect(api.headers['content-type']).toBe('application/problem+json');
    expect(api.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(api.json()).toMatchObject({ type: 'https://eo.example.test/problems/unauthorized', status: 401 });
    const bad = await editor.app.inject({ url: '/admin/api/organizations/sosh-5/settings', headers: { authorization: 'Bearer eo_not-a-token' } });
    expect(bad.statusCode).toBe(401);
  });

  it('get no-store, noindex, the CSP and no CORS on every /admin response', async () => {
    for (const url of ['/admin/login', '/admin', '/admin/api/organizations/sosh-5/settings', '/admin/nowhere']) {
      const response = await editor.app.inject(url);
      expect(response.headers['cache-control'], url).toBe('no-store');
      expect(response.headers['x-robots-tag'], url).toMatch(/noindex/);
      expect(response.headers['content-security-policy'], url).toMatch(/frame-ancestors 'none'/);
      expect(response.headers['access-control-allow-origin'], url).toBeUndefined();
    }
    const preflight = await editor.app.inject({ method: 'OPTIONS', url: '/admin/api/organizations/sosh-5/settings', headers: { origin: 'https://evil.example', 'access-control-request-method': 'PUT' } });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    // The public app keeps its CORS.
    expect((await editor.app.inject('/api/plan')).headers['access-control-allow-origin']).toBe('*');
  });
});

describe('signing in', () => {
  it('shows a Russian form with login, password and _csrf, and signs in with a strict session cookie', async () => {
    const form = await editor.app.inject('/admin/login');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="login"');
    expect(form.body).toContain('name="password"');
    expect(form.body).toMatch(/name="_csrf" value="[^"]+"/);
    expect(form.body).toContain('Вход в редактор');
    const agent = new Agent(editor.app);
    const response = await agent.login(SCHOOL.login, SCHOOL.password);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin');
    const cookie = [response.headers['set-cookie']].flat().find((c) => c?.startsWith('eo_admin_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Secure/); // PUBLIC_URL is https
    expect(cookie).toMatch(/Path=\/admin/);
    expect(cookie).toMatch(/Expires=/);
    const home = await agent.get('/admin');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('/admin/organizations/sosh-5');
    expect(home.body).not.toContain('/admin/organizations/sosh-6');
  });

  it('has no Secure cookie when PUBLIC_URL is http', async () => {
    const plain = await buildEditorApp({ publicUrl: 'http://127.0.0.1:3999' });
    try {
      const response = await new Agent(plain.app).login(SCHOOL.login, SCHOOL.password);
      const cookie = [response.headers['set-cookie']].flat().find((c) => c?.startsWith('eo_admin_session='));
      expect(cookie).toBeDefined();
      expect(cookie).not.toMatch(/Secure/);
    } finally {
      await plain.close();
    }
  });

  it('answers a wrong password and an unknown login with the same generic message', async () => {
    const agent = new Agent(editor.app);
    const wrong = await agent.login(SCHOOL.login, 'неверный пароль 123');
    const unknown = await agent.login('nobody', 'неверный пароль 123');
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.body).toContain('Неверный логин или пароль.');
    }
    expect(await actions()).toEqual(['login-failed', 'login-failed']);
  });

  it('refuses a sign-in without a CSRF token (403) and signs nobody in', async () => {
    const agent = new Agent(editor.app);
    await agent.get('/admin/login');
    const response = await agent.post('/admin/login', { login: SCHOOL.login, password: SCHOOL.password });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('Доступ запрещён');
    expect((await agent.get('/admin')).statusCode).toBe(303);
    expect(await actions()).toEqual([]);
  });

  it('locks an account out after more than 10 failures in 15 minutes: 429 with Retry-After, logged', async () => {
    for (let i = 0; i < 10; i++) {
      const agent = new Agent(editor.app, `10.0.0.${i + 1}`);
      expect((await agent.login(SCHOOL.login, `не тот пароль ${i}`)).statusCode).toBe(401);
    }
    const eleventh = await new Agent(editor.app, '10.0.1.1').login(SCHOOL.login, 'ещё один неверный');
    expect(eleventh.statusCode).toBe(429);
    expect(Number(eleventh.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(eleventh.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    expect(eleventh.body).toContain('Слишком много неудачных попыток');
    // Even the right password waits now.
    expect((await new Agent(editor.app, '10.0.2.1').login(SCHOOL.login, SCHOOL.password)).statusCode).toBe(429);
    expect((await actions()).filter((a) => a === 'login-throttled').length).toBe(2);
    // Another account is not affected.
    expect((await new Agent(editor.app, '10.0.3.1').login(METHODOLOGIST.login, METHODOLOGIST.password)).statusCode).toBe(303);
  });

  it('locks an address out after more than 10 failures, whatever logins it tries', async () => {
    const agent = new Agent(editor.app, '192.0.2.7');
    for (let i = 0; i < 10; i++) expect((await agent.login(`guess${i}`, 'пароль наугад 1234')).statusCode).toBe(401);
    expect((await agent.login('guess10', 'пароль наугад 1234')).statusCode).toBe(429);
    expect((await new Agent(editor.app, '192.0.2.8').login(SCHOOL.login, SCHOOL.password)).statusCode).toBe(303);
  });

  it('behind a trusted proxy (TRUST_PROXY) counts failures per client from X-Forwarded-For, not per proxy', async () => {
    const proxied = await buildEditorApp({ trustProxy: ['127.0.0.1'] });
    try {
      const client = (address: string) => new Agent(proxied.app, '127.0.0.1', { 'x-forwarded-for': address });
      const attacker = client('198.51.100.66');
      for (let i = 0; i < 10; i++) expect((await attacker.login(`guess${i}`, 'пароль наугад 1234')).statusCode).toBe(401);
      expect((await attacker.login('guess10', 'пароль наугад 1234')).statusCode).toBe(429);
      // Another client behind the same proxy still signs in, and the audit log names its address.
      expect((await client('198.51.100.2').login(SCHOOL.login, SCHOOL.password)).statusCode).toBe(303);
      const audit = await readFile(path.join(proxied.stateDir, 'audit.jsonl'), 'utf8');
      expect(audit).toContain('"address":"198.51.100.2"');
      // Without TRUST_PROXY the header is ignored: through a proxy, everyone is the proxy's address.
      const direct = new Agent(editor.app, '127.0.0.1', { 'x-forwarded-for': '198.51.100.3' });
      await direct.login(SCHOOL.login, SCHOOL.password);
      expect(await readFile(path.join(editor.stateDir, 'audit.jsonl'), 'utf8')).not.toContain('198.51.100.3');
    } finally {
      await proxied.close();
    }
  });

  it('ends a session left idle for longer than its idle time', async () => {
    const quick = await buildEditorApp({ editor: { idleMinutes: 0.04 } });
    try {
      const agent = new Agent(quick.app);
      const login = await agent.login(SCHOOL.login, SCHOOL.password);
      const cookie = String([login.headers['set-cookie']].flat().find((c) => c?.startsWith('eo_admin_session='))?.split(';')[0]);
      expect((await quick.app.inject({ url: '/admin', headers: { cookie } })).statusCode).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 3000));
      // The browser would drop the cookie; the server refuses it anyway.
      expect((await quick.app.inject({ url: '/admin', headers: { cookie } })).statusCode).toBe(303);
    } finally {
      await quick.close();
    }
  });

  it('signs out with CSRF; the session ends', async () => {
    const agent = new Agent(editor.app);
    await agent.login(SCHOOL.login, SCHOOL.password);
    expect((await agent.post('/admin/logout', {})).statusCode).toBe(403);
    const csrf = await agent.csrf('/admin');
    const out = await agent.post('/admin/logout', { _csrf: csrf });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/admin/login');
    expect((await agent.get('/admin')).statusCode).toBe(303);
    expect(await actions()).toEqual(['login', 'logout']);
  });
});

describe('access', () => {
  it('keeps a school to its own organization: page and API answer 403 for another', async () => {
    const agent = new Agent(editor.app);
    await agent.login(SCHOOL.login, SCHOOL.password);
    expect((await agent.get('/admin/organizations/sosh-5')).statusCode).toBe(200);
    expect((await agent.get('/admin/organizations/sosh-6')).statusCode).toBe(403);
    expect((await agent.get('/admin/audit')).statusCode).toBe(403);
    const token = await editor.state.accounts.issueToken(SCHOOL.login, new Date());
    const auth = { authorization: `Bearer ${token}` };
    const get = await editor.app.inject({ url: '/admin/api/organizations/sosh-6/settings', headers: auth });
    expect(get.statusCode).toBe(403);
    expect(get.json()).toMatchObject({ type: 'https://eo.example.test/problems/forbidden' });
    const put = await editor.app.inject({ method: 'PUT', url: '/admin/api/organizations/sosh-6/settings', headers: { ...auth, 'if-match': '*' }, payload: { weekDays: 6 } });
    expect(put.statusCode).toBe(403);
    expect((await editor.app.inject({ url: '/admin/api/organizations/sosh-5/settings', headers: auth })).statusCode).toBe(200);
  });

  it('ends the session and the token of a disabled account at once', async () => {
    const agent = new Agent(editor.app);
    await agent.login(SCHOOL.login, SCHOOL.password);
    const token = await editor.state.accounts.issueToken(SCHOOL.login, new Date());
    const auth = { authorization: `Bearer ${token}` };
    expect((await agent.get('/admin')).statusCode).toBe(200);
    expect((await editor.app.inject({ url: '/admin/api/organizations/sosh-5/settings', headers: auth })).statusCode).toBe(200);
    await editor.state.accounts.disable(SCHOOL.login);
    expect((await agent.get('/admin')).statusCode).toBe(303);
    expect((await editor.app.inject({ url: '/admin/api/organizations/sosh-5/settings', headers: auth })).statusCode).toBe(401);
    expect((await new Agent(editor.app).login(SCHOOL.login, SCHOOL.password)).statusCode).toBe(401);
  });

  it('lets a session write through the API only with the CSRF token as well', async () => {
    const agent = new Agent(editor.app);
    await agent.login(SCHOOL.login, SCHOOL.password);
    const get = await agent.get('/admin/api/organizations/sosh-5/settings');
    expect(get.statusCode).toBe(200);
    const put = (headers: Record<string, string>) =>
      agent.request({ method: 'PUT', url: '/admin/api/organizations/sosh-5/settings', headers: { 'if-match': String(get.headers.etag), ...headers }, payload: { weekDays: 6 } });
    const without = await put({});
    expect(without.statusCode).toBe(403);
    expect(without.json()).toMatchObject({ type: 'https://eo.example.test/problems/forbidden' });
    expect((await put({ 'x-csrf-token': await agent.csrf('/admin') })).statusCode).toBe(200);
  });

  it('lets a methodologist open any organization and the audit log', async () => {
    const agent = new Agent(editor.app);
    await agent.login(METHODOLOGIST.login, METHODOLOGIST.password);
    expect((await agent.get('/admin/organizations/sosh-6')).statusCode).toBe(200);
    const audit = await agent.get('/admin/audit');
    expect(audit.statusCode).toBe(200);
    expect(audit.body).toContain('data-action="login"');
    expect((await agent.get('/admin/organizations/no-such-school')).statusCode).toBe(404);
  });
});

describe('EDITOR=off', () => {
  it('is read from the environment, on by default', () => {
    expect(configFromEnv({}).editor).toBe(true);
    expect(configFromEnv({}).stateDir).toBe('state');
    expect(configFromEnv({ EDITOR: 'off', STATE_DIR: '/var/lib/eo' })).toMatchObject({ editor: false, stateDir: '/var/lib/eo' });
    // EDITOR is also the text-editor variable npm sets for every script: only `off` turns the web editor off.
    expect(configFromEnv({ EDITOR: 'vi' }).editor).toBe(true);
  });

  it('answers every /admin route with 404', async () => {
    const copy = await copyData();
    const app = await buildApp({ store: await storeFor(copy), config: testConfig(copy) });
    try {
      for (const [method, url] of [['GET', '/admin'], ['GET', '/admin/login'], ['POST', '/admin/login'], ['GET', '/admin/api/organizations/sosh-5/settings'], ['PUT', '/admin/api/organizations/sosh-5/settings']] as const) {
        expect((await app.inject({ method, url })).statusCode, `${method} ${url}`).toBe(404);
      }
    } finally {
      await app.close();
      await copy.remove();
    }
  });
});
