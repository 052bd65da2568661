/**
 * Telling subscribers (/changes, Atom feeds, «Изменено…» notes) and the registry's history:
 * a renamed organization keeps its UIDs, a removed one answers 410, a changed id 301.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- the tests edit the data files’ JSON freely */
import { XMLParser } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/http/app.js';
import { buildEditorApp, feedEvents, LOADED_AT, METHODOLOGIST, type EditorApp } from './helpers/editor.js';
import { storeFor, testConfig } from './helpers/app.js';
import { readFileSync } from 'node:fs';

// Publications count up from the bundled plan's version (bumped whenever the data is).
const BUNDLED_VERSION = (JSON.parse(readFileSync('plan.json', 'utf8')) as { meta: { version: string } }).meta.version;
const version = (publications: number): string =>
  BUNDLED_VERSION.replace(/\d+$/, (last) => String(Number(last) + publications));


let editor: EditorApp;
let token: string;
beforeEach(async () => {
  editor = await buildEditorApp();
  token = await editor.state.accounts.issueToken(METHODOLOGIST.login, new Date());
});
afterEach(async () => {
  await editor.close();
});

const auth = () => ({ authorization: `Bearer ${token}` });

async function publishEdit(edit: (draft: any) => void, comment: string) {
  const current = await editor.app.inject({ url: '/admin/api/draft', headers: auth() });
  const draft = current.json();
  edit(draft);
  const saved = await editor.app.inject({ method: 'PUT', url: '/admin/api/draft', headers: { ...auth(), 'if-match': String(current.headers.etag) }, payload: draft });
  expect(saved.json().problems).toEqual([]);
  const published = await editor.app.inject({ method: 'POST', url: '/admin/api/publish', headers: auth(), payload: { comment } });
  expect(published.statusCode).toBe(201);
  return published.json();
}

const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');
const atomEntries = (xml: string) => {
  const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry' }).parse(xml);
  const text = (value: unknown) => (typeof value === 'object' && value !== null ? String((value as Record<string, unknown>)['#text']) : String(value));
  return ((parsed.feed.entry ?? []) as Record<string, unknown>[]).map((e) => ({ title: text(e['title']), id: text(e['id']), content: text(e['content']) }));
};

describe('telling subscribers', () => {
  it('lists a publication on /changes, in /changes.atom and the affected organizations’ feeds, and notes the change in the event', async () => {
    await publishEdit((d) => {
      d.schoolYears.years.find((y: any) => y.id === '2025-2026').systems.quarters.terms[1].end = '2025-12-26';
    }, 'Конец второй четверти по приказу');
    const atom = await editor.app.inject('/changes.atom');
    expect(atom.statusCode).toBe(200);
    expect(atom.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const [entry, ...rest] = atomEntries(atom.body);
    expect(rest).toEqual([]);
    expect(entry?.title).toBe(`Версия ${version(1)}: Конец второй четверти по приказу`);
    expect(entry?.content).toContain('п. 19, 2-я четверть 2025/26: 30 декабря → 26 декабря');
    expect(entry?.content).toContain('/plan#item-19');
    // Same data, same bytes: no clock in the feed.
    expect((await editor.app.inject('/changes.atom')).body).toBe(atom.body);

    expect(atomEntries((await editor.app.inject('/organizations/sosh-5/changes.atom')).body)).toHaveLength(1);
    const preschool = editor.app.dataStore.current.registry.organizations.find((o) => o.types.length === 1 && o.types[0] === 'preschool')!;
    expect(atomEntries((await editor.app.inject(`/organizations/${preschool.id}/changes.atom`)).body)).toEqual([]);

    const page = await editor.app.inject('/changes');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Конец второй четверти по приказу');
    expect(page.body).toMatch(/п\. 19, 2-я четверть 2025\/26: 30\u00a0декабря → 26\u00a0декабря<\/a> — \d+ лент/);

    const feed = unfold((await editor.app.inject('/feeds/organizations/sosh-5.ics')).body);
    expect(feed).toMatch(/DESCRIPTION:Изменено \d\d\.\d\d\.\d{4}: было — 30 декабря\./);
  });
});

describe('the registry’s history', () => {
  it('renames an organization: the feed’s title changes, its UIDs stay', async () => {
    const before = await feedEvents(editor.app, '/feeds/organizations/sosh-5.ics');
    const revision = await publishEdit((d) => {
      d.organizations.organizations.find((o: any) => o.id === 'sosh-5').name = 'Школа № 5 имени первооткрывателей';
    }, 'Школа переименована');
    expect(revision.changes.map((c: any) => c.kind)).toContain('feedRenamed');
    const feed = unfold((await editor.app.inject('/feeds/organizations/sosh-5.ics')).body);
    expect(feed).toContain('Школа № 5 имени первооткрывателей');
    const after = await feedEvents(editor.app, '/feeds/organizations/sosh-5.ics');
    expect(after.map((e) => e.uid).sort()).toEqual(before.map((e) => e.uid).sort());
  });

  it('removes an organization: its feed, page, JSON and Atom answer 410 with a link to the list, also after a restart', async () => {
    await publishEdit((d) => {
      d.organizations.organizations = d.organizations.organizations.filter((o: any) => o.id !== 'sosh-5');
    }, 'Школа № 5 закрыта');
    const check = async (app: typeof editor.app) => {
      const feed = await app.inject('/feeds/organizations/sosh-5.ics');
      expect(feed.statusCode).toBe(410);
      expect(feed.json().detail).toMatch(/исключена из реестра .*Список организаций: https:\/\/eo\.example\.test\/organizations$/);
      const page = await app.inject('/organizations/sosh-5');
      expect(page.statusCode).toBe(410);
      expect(page.body).toContain('исключена из реестра');
      expect(page.body).toContain('href="/organizations"');
      expect((await app.inject('/api/organizations/sosh-5')).statusCode).toBe(410);
      expect((await app.inject('/organizations/sosh-5/changes.atom')).statusCode).toBe(410);
      // A widget framed on a school's site: a short page whose link leaves the frame, never raw JSON.
      const widget = await app.inject('/embed/organizations/sosh-5');
      expect(widget.statusCode).toBe(410);
      expect(widget.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(widget.body).toContain('class="embed');
      expect(widget.body).toMatch(/<a href="\/organizations" target="_blank" rel="noopener">Список организаций<\/a>/);
      expect(String(widget.headers['content-security-policy'])).toContain('frame-ancestors *');
    };
    await check(editor.app);
    const restarted = await buildApp({ store: await storeFor(editor.copy), config: testConfig(editor.copy), clock: () => LOADED_AT });
    try {
      await check(restarted);
    } finally {
      await restarted.close();
    }
    expect((await editor.app.inject('/feeds/organizations/no-such-school.ics')).statusCode).toBe(404);
  });

  it('changes an id: the old URLs answer 301 to the new ones', async () => {
    await publishEdit((d) => {
      const school = d.organizations.organizations.find((o: any) => o.id === 'sosh-5');
      school.id = 'school-5';
      school.previousIds = ['sosh-5'];
    }, 'Новый идентификатор школы № 5');
    const feed = await editor.app.inject('/feeds/organizations/sosh-5.ics?reminders=1');
    expect(feed.statusCode).toBe(301);
    expect(feed.headers.location).toBe('/feeds/organizations/school-5.ics?reminders=1');
    expect((await editor.app.inject('/organizations/sosh-5')).headers.location).toBe('/organizations/school-5');
    expect((await editor.app.inject('/feeds/organizations/school-5.ics')).statusCode).toBe(200);
    // A former id can never be handed to another organization.
    const current = await editor.app.inject({ url: '/admin/api/draft', headers: auth() });
    const draft = current.json();
    draft.organizations.organizations[0].id = 'sosh-5';
    const saved = await editor.app.inject({ method: 'PUT', url: '/admin/api/draft', headers: { ...auth(), 'if-match': String(current.headers.etag) }, payload: draft });
    expect(saved.json().problems.map((p: any) => p.message).join('\n')).toContain('sosh-5 — идентификатор организации из реестра');
  });
});

describe('the change feeds as HTTP documents', () => {
  it('carry an ETag and answer 304 to a client that has them, compressed on request', async () => {
    const first = await editor.app.inject('/changes.atom');
    expect(first.headers.etag).toBeDefined();
    const again = await editor.app.inject({ url: '/changes.atom', headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
    const gzip = await editor.app.inject({ url: '/changes', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect((await editor.app.inject('/organizations/no-such-school/changes.atom')).statusCode).toBe(404);
  });
});
