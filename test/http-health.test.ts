/** /healthz: who sees what. Degraded is public; where and why the data broke is for the server's operators. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helpers/app.js';

interface Health {
  status: string;
  reload: { ok: boolean; error?: { issueCount: number; issues?: { file: string; path: string; message: string }[]; at: string } };
}

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
  await t.copy.writeText('data/organizations.json', '{"organizations": [');
  expect((await t.store.reload()).ok).toBe(false);
});

afterAll(async () => {
  await t?.close();
});

async function health(remoteAddress: string, headers: Record<string, string> = {}) {
  const res = await t.app.inject({ url: '/healthz', remoteAddress, headers: { origin: 'https://elsewhere.example', ...headers } });
  expect(res.statusCode).toBe(200);
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.headers['access-control-allow-origin']).toBeUndefined();
  expect(res.headers['access-control-expose-headers']).toBeUndefined();
  return { body: res.body, health: res.json<Health>() };
}

describe('/healthz when degraded', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])('shows the files and messages to a request from this machine (%s)', async (address) => {
    const { health: h } = await health(address);
    expect(h.status).toBe('degraded');
    const issues = h.reload.error?.issues ?? [];
    expect(issues.length).toBeGreaterThan(0);
    expect(h.reload.error?.issueCount).toBe(issues.length);
    expect(issues[0]?.file).toBe(`${t.copy.dataDir}/organizations.json`);
  });

  it.each([
    ['another machine', '203.0.113.7', {}],
    ['another machine over IPv6', '2001:db8::1', {}],
    ['a proxy on this machine (X-Forwarded-For)', '127.0.0.1', { 'x-forwarded-for': '203.0.113.7' }],
    ['a proxy on this machine (Forwarded)', '127.0.0.1', { forwarded: 'for=203.0.113.7' }],
    ['a proxy on this machine (X-Real-IP)', '::1', { 'x-real-ip': '203.0.113.7' }],
  ])('says only that it is degraded, how many problems and when, to %s', async (_name, address, headers) => {
    const { body, health: h } = await health(address, headers);
    expect(h.status).toBe('degraded');
    expect(h.reload.ok).toBe(false);
    expect(h.reload.error?.issueCount).toBeGreaterThan(0);
    expect(h.reload.error?.issues).toBeUndefined();
    expect(body).not.toContain(t.copy.dir);
    expect(body).not.toContain('organizations.json');
    expect(Object.keys(h.reload.error ?? {}).sort()).toEqual(['at', 'issueCount']);
  });
});
