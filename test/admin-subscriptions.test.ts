/** The methodologist's table of organizations and subscriptions, mounted in the editor. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Agent, buildEditorApp, METHODOLOGIST, SCHOOL, type EditorApp } from './helpers/editor.js';

let editor: EditorApp;
beforeEach(async () => {
  editor = await buildEditorApp();
});
afterEach(async () => {
  await editor.close();
});

describe('/admin/subscriptions', () => {
  it('shows the methodologist every organization with its links and the clients that polled its feed', async () => {
    // Clients are told apart by User-Agent only (no addresses kept): Google's one fetcher, which
    // shares its cache across accounts anyway, counts once; Apple's device is another client.
    for (const [ua, address] of [
      ['Google-Calendar-Importer', '192.0.2.1'],
      ['Google-Calendar-Importer', '192.0.2.2'],
      ['iOS/17.0 (21A329) dataaccessd/1.0', '192.0.2.3'],
    ] as const) {
      expect((await editor.app.inject({ url: '/feeds/organizations/sosh-5.ics', headers: { 'user-agent': ua }, remoteAddress: address })).statusCode).toBe(200);
    }
    const agent = new Agent(editor.app);
    expect((await agent.login(METHODOLOGIST.login, METHODOLOGIST.password)).statusCode).toBe(303);
    const page = await agent.request({ method: 'GET', url: '/admin/subscriptions' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    const organizations = editor.app.dataStore.current.registry.organizations;
    for (const organization of organizations) expect(page.body).toContain(`/organizations/${organization.id}/memo`);
    const row = page.body.slice(page.body.indexOf('/organizations/sosh-5/memo'));
    expect(row.slice(0, row.indexOf('</tr>'))).toMatch(/<strong>2<\/strong><br><span class="hint">Google: 1, Apple: 1<\/span>/);
    expect(page.body).toContain(`Без подписчиков за 30 дней: <strong>${organizations.length - 1}</strong>`);
    expect(page.body).toContain('Вы вошли как');
  });

  it('is the methodologist’s only: a school gets 403, an anonymous visitor the sign-in form', async () => {
    const school = new Agent(editor.app);
    await school.login(SCHOOL.login, SCHOOL.password);
    expect((await school.request({ method: 'GET', url: '/admin/subscriptions' })).statusCode).toBe(403);
    const anonymous = await editor.app.inject('/admin/subscriptions');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/\/admin\/login/);
  });
});
