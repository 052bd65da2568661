/**
 * A school's own settings through the editor (form, preview, save) and the API (ETag, If-Match,
 * 412/428/422): validated like start-up, written atomically, the ledger stamped so SEQUENCE
 * rises, the store reloaded so feed, page and JSON change at once; concurrent and crashed saves.
 */
import { readdir, readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDataset } from '../src/data/load.js';
import { writeFileAtomic } from '../src/data/write-atomic.js';
import { resolveStamp } from '../src/render/ics/history.js';
import { Agent, buildEditorApp, feedEvents, METHODOLOGIST, municipalQuarters, putSettings, SCHOOL, type EditorApp } from './helpers/editor.js';

const URL5 = '/admin/api/organizations/sosh-5/settings';
const FEED5 = '/feeds/organizations/sosh-5.ics';

let editor: EditorApp;
let methodologist: string;
beforeEach(async () => {
  editor = await buildEditorApp();
  methodologist = await editor.state.accounts.issueToken(METHODOLOGIST.login, new Date());
});
afterEach(async () => {
  await editor.close();
});

const registryText = () => readFile(`${editor.copy.dataDir}/organizations.json`, 'utf8');
const settingsOnDisk = async (id: string) => (JSON.parse(await registryText()) as { organizations: { id: string; settings?: unknown }[] }).organizations.find((o) => o.id === id)?.settings;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
/** The hidden and date fields of a form page, as a browser would send them. */
const fields = (body: string): Record<string, string> => Object.fromEntries([...body.matchAll(/<input type="(?:hidden|date)" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1] as string, m[2] as string]));

describe('the settings form', () => {
  it('previews with changed dates highlighted, saves, and the feed shows the new dates with a higher SEQUENCE', async () => {
    const own = municipalQuarters(editor.app, '2025-2026');
    expect((await putSettings(editor.app, methodologist, 'sosh-5', { monthChoices: { '1': 9 }, schoolYears: { '2025-2026': own } })).statusCode).toBe(200);
    const before = await feedEvents(editor.app, FEED5);
    const termEnd = before.find((e) => e.item === '19' && e.start === '2025-12-30');
    expect(termEnd).toBeDefined();

    const agent = new Agent(editor.app);
    await agent.login(SCHOOL.login, SCHOOL.password);
    const page = await agent.get('/admin/organizations/sosh-5?year=2025-2026');
    expect(page.statusCode).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] as string;
    const version = /name="version" value="([^"]+)"/.exec(page.body)?.[1] as string;
    // Its own calendar, entered without a mark, is approved: the box is ticked, and a browser sends it.
    expect(page.body).toMatch(/name="calendarConfirmed"[^>]* checked/);
    const form: Record<string, string> = { _csrf: csrf, version, year: '2025-2026', ownCalendar: 'on', calendarConfirmed: 'on', weekDays: '6', termSystem: '', 'monthChoices.1': '9' };
    own.terms.forEach((t, i) => Object.assign(form, { [`terms.${i}.name`]: t.name, [`terms.${i}.start`]: t.start, [`terms.${i}.end`]: t.end }));
    own.holidays.forEach((h, i) => Object.assign(form, { [`holidays.${i}.name`]: h['name'], [`holidays.${i}.start`]: h['start'], [`holidays.${i}.end`]: h['end'], ...(h['grades'] ? { [`holidays.${i}.grades`]: (h['grades'] as number[]).join(',') } : {}) }));
    form['terms.1.end'] = '2025-12-26';

    const preview = await agent.post('/admin/organizations/sosh-5', { ...form, intent: 'preview' });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toMatch(/<tr class="changed" data-changed="true">[^]*?<mark>26\u00a0декабря 2025\u00a0г\.<\/mark>/);
    expect(preview.body).toContain('Пока вы не нажали «Сохранить», ничего не изменено.');
    expect(await feedEvents(editor.app, FEED5)).toEqual(before);

    const saved = await agent.post('/admin/organizations/sosh-5', { ...form, _csrf: /name="_csrf" value="([^"]+)"/.exec(preview.body)?.[1] as string, intent: 'save' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/admin/organizations/sosh-5?year=2025-2026&saved=1');
    expect(await settingsOnDisk('sosh-5')).toMatchObject({ weekDays: 6, schoolYears: { '2025-2026': { terms: [{}, { end: '2025-12-26' }, {}, {}] } } });
    expect((await settingsOnDisk('sosh-5') as { schoolYears: Record<string, { provisional?: boolean }> }).schoolYears['2025-2026']?.provisional).toBeUndefined();

    const after = await feedEvents(editor.app, FEED5);
    const moved = after.find((e) => e.uid === termEnd?.uid);
    expect(moved).toMatchObject({ start: '2025-12-26' });
    expect(moved?.sequence).toBeGreaterThan(termEnd?.sequence ?? 0);
    const daily = after.find((e) => e.item === '18' && e.uid.includes('2025-2026'));
    expect(daily?.sequence).toBeGreaterThan(before.find((e) => e.uid === daily?.uid)?.sequence ?? 0);
    // The JSON API and the page changed too.
    const json = (await editor.app.inject('/api/organizations/sosh-5')).json() as { settings: { weekDays: number } };
    expect(json.settings.weekDays).toBe(6);
    expect((await agent.get('/admin/organizations/sosh-5?year=2025-2026&saved=1')).body).toContain('Сохранено.');
    // The committed-ledger check (npm run stamp -- --check) agrees with what the save wrote.
    const { stampLedger } = await import('../scripts/stamp-history.js');
    const ledger = await stampLedger(editor.copy.planFile, editor.copy.dataDir);
    expect(ledger.current).toBe(ledger.next);

    const entries = await editor.state.audit.entries();
    const change = entries.find((e) => e.action === 'settings-changed' && e.login === SCHOOL.login);
    expect(change).toMatchObject({ organization: 'sosh-5', via: 'session', before: { monthChoices: { '1': 9 } }, after: { weekDays: 6 } });
  });

  it('shows the validators’ Russian message next to the wrong field and saves nothing', async () => {
    const agent = new Agent(editor.app);
    await agent.login(SCHOOL.login, SCHOOL.password);
    const page = await agent.get('/admin/organizations/sosh-5?year=2025-2026');
    const own = municipalQuarters(editor.app, '2025-2026');
    const form: Record<string, string> = { _csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] as string, version: /name="version" value="([^"]+)"/.exec(page.body)?.[1] as string, year: '2025-2026', ownCalendar: 'on', intent: 'save' };
    own.terms.forEach((t, i) => Object.assign(form, { [`terms.${i}.name`]: t.name, [`terms.${i}.start`]: t.start, [`terms.${i}.end`]: t.end }));
    form['terms.0.end'] = '2025-02-30';
    const before = await registryText();
    const response = await agent.post('/admin/organizations/sosh-5', form);
    expect(response.statusCode).toBe(422);
    expect(response.body).toMatch(/name="terms\.0\.end"[^]*?<span class="field-error" role="alert"><strong>Ошибка:<\/strong> [^<]*дат/i);
    expect(await registryText()).toBe(before);
  });

  it('keeps «(предварительно)» on an own calendar started from a provisional year until the school ticks «утверждён»', async () => {
    const agent = new Agent(editor.app);
    await agent.login(SCHOOL.login, SCHOOL.password);
    // The term ends (п. 19) follow the school calendar alone; daily duties also wait for the 2027 production calendar.
    const marked = (events: { uid: string; item: string; summary: string }[]) => events.filter((e) => e.item === '19' && e.uid.includes('2026-2027') && e.summary.includes('(предварительно)')).length;
    const before = marked(await feedEvents(editor.app, FEED5));
    expect(before).toBeGreaterThan(0);
    const save = async (confirmed: boolean) => {
      const page = await agent.get('/admin/organizations/sosh-5?year=2026-2027');
      const form: Record<string, string> = { ...fields(page.body), ownCalendar: 'on', intent: 'save', ...(confirmed ? { calendarConfirmed: 'on' } : {}) };
      return { page, saved: await agent.post('/admin/organizations/sosh-5', form) };
    };
    // The municipal 2026/27 is not approved: the form says its dates are provisional, the box is not ticked.
    const first = await save(false);
    expect(first.page.body).not.toMatch(/name="calendarConfirmed"[^>]* checked/);
    expect(first.page.body).toContain('Даты в форме — из муниципального графика, а он на этот год ещё не утверждён.');
    expect(first.saved.statusCode).toBe(303);
    expect(await settingsOnDisk('sosh-5')).toMatchObject({ schoolYears: { '2026-2027': { provisional: true } } });
    expect(marked(await feedEvents(editor.app, FEED5))).toBe(before);
    // Ticked: the school's dates are firm, and the marks go.
    const second = await save(true);
    expect(second.page.body).not.toMatch(/name="calendarConfirmed"[^>]* checked/);
    expect(second.saved.statusCode).toBe(303);
    expect(marked(await feedEvents(editor.app, FEED5))).toBe(0);
    expect((await agent.get('/admin/organizations/sosh-5?year=2026-2027')).body).toMatch(/name="calendarConfirmed"[^>]* checked/);
  });

  it('refuses a form without CSRF (403) and changes nothing', async () => {
    const agent = new Agent(editor.app);
    await agent.login(SCHOOL.login, SCHOOL.password);
    const before = await registryText();
    const response = await agent.post('/admin/organizations/sosh-5', { weekDays: '6', intent: 'save', version: 'x' });
    expect(response.statusCode).toBe(403);
    expect(await registryText()).toBe(before);
  });

  it('answers a stale save with a conflict page showing the other’s change', async () => {
    const agent = new Agent(editor.app);
    await agent.login(SCHOOL.login, SCHOOL.password);
    const page = await agent.get('/admin/organizations/sosh-5');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] as string;
    const version = /name="version" value="([^"]+)"/.exec(page.body)?.[1] as string;
    expect((await putSettings(editor.app, methodologist, 'sosh-5', { monthChoices: { '1': 1 } })).statusCode).toBe(200);
    const response = await agent.post('/admin/organizations/sosh-5', { _csrf: csrf, version, weekDays: '6', 'monthChoices.1': '9', intent: 'save' });
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('Настройки уже изменили');
    expect(response.body).toMatch(/class="conflict-current">[^<]*&quot;1&quot;: 1/);
    expect(await settingsOnDisk('sosh-5')).toEqual({ monthChoices: { '1': 1 } });
    expect((await editor.state.audit.entries()).some((e) => e.action === 'settings-conflict')).toBe(true);
  });
});

describe('the settings API', () => {
  it('serves the settings with an ETag; PUT needs If-Match (428), refuses a stale one (412), reports each problem by JSON pointer (422)', async () => {
    const get = await editor.app.inject({ url: URL5, headers: auth(methodologist) });
    expect(get.statusCode).toBe(200);
    expect(get.json()).toEqual({ monthChoices: { '1': 9 } });
    const etag = String(get.headers.etag);
    expect(etag).toMatch(/^"settings-[0-9a-f]{20}"$/);
    expect(get.headers['cache-control']).toBe('no-store');

    const missing = await editor.app.inject({ method: 'PUT', url: URL5, headers: auth(methodologist), payload: { weekDays: 6 } });
    expect(missing.statusCode).toBe(428);
    expect(missing.json()).toMatchObject({ type: 'https://eo.example.test/problems/precondition-required', status: 428 });

    const invalid = await editor.app.inject({ method: 'PUT', url: URL5, headers: { ...auth(methodologist), 'if-match': etag }, payload: { weekDays: 7, monthChoices: { '1': 5 }, colour: 'red' } });
    expect(invalid.statusCode).toBe(422);
    const problems = (invalid.json() as { problems: { pointer: string; message: string }[] }).problems;
    expect(problems.map((p) => p.pointer)).toEqual(expect.arrayContaining(['/weekDays']));
    expect(problems.every((p) => /[а-я]/i.test(p.message))).toBe(true);

    const ok = await editor.app.inject({ method: 'PUT', url: URL5, headers: { ...auth(methodologist), 'if-match': etag }, payload: { weekDays: 6, monthChoices: { '1': 9 } } });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).not.toBe(etag);
    const stale = await editor.app.inject({ method: 'PUT', url: URL5, headers: { ...auth(methodologist), 'if-match': etag }, payload: { weekDays: 5 } });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ type: 'https://eo.example.test/problems/precondition-failed' });
    expect(stale.headers.etag).toBe(ok.headers.etag);
    expect(await settingsOnDisk('sosh-5')).toEqual({ weekDays: 6, monthChoices: { '1': 9 } });
  });

  it('keeps an organization’s ETag when another organization or the plan changes', async () => {
    const etag = String((await editor.app.inject({ url: URL5, headers: auth(methodologist) })).headers.etag);
    expect((await putSettings(editor.app, methodologist, 'sosh-6', { weekDays: 6 })).statusCode).toBe(200);
    await editor.copy.editJson('plan.json', (plan) => {
      (plan['meta'] as Record<string, unknown>)['version'] = '2099.1';
    });
    await editor.app.dataStore.reload();
    expect((await editor.app.inject({ url: URL5, headers: auth(methodologist) })).headers.etag).toBe(etag);
    const put = await editor.app.inject({ method: 'PUT', url: URL5, headers: { ...auth(methodologist), 'if-match': etag }, payload: { weekDays: 6 } });
    expect(put.statusCode).toBe(200);
  });

  it('of two concurrent saves from the same version, lets one win and refuses the other with 412; the file holds exactly the winner’s change', async () => {
    const school = await editor.state.accounts.issueToken(SCHOOL.login, new Date());
    const etag = String((await editor.app.inject({ url: URL5, headers: auth(school) })).headers.etag);
    const bodies = [{ weekDays: 6 }, { monthChoices: { '1': 1 } }];
    const responses = await Promise.all(bodies.map((payload, i) => editor.app.inject({ method: 'PUT', url: URL5, headers: { ...auth(i === 0 ? school : methodologist), 'if-match': etag }, payload })));
    const codes = responses.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 412]);
    const winner = bodies[responses.findIndex((r) => r.statusCode === 200)];
    expect(await settingsOnDisk('sosh-5')).toEqual(winner);
    await expect(loadDataset({ planFile: editor.copy.planFile, dataDir: editor.copy.dataDir })).resolves.toBeDefined();
    const changes = (await editor.state.audit.entries()).filter((e) => e.action === 'settings-changed');
    expect(changes).toHaveLength(1);
    expect(changes[0]?.via).toMatch(/^token:/);
  });

  it('leaves the old file intact when the process dies between writing and renaming', async () => {
    const crashing = await buildEditorApp({ editor: { writeHooks: { beforeRename: () => Promise.reject(new Error('simulated crash')) } } });
    try {
      const token = await crashing.state.accounts.issueToken(METHODOLOGIST.login, new Date());
      const before = await readFile(`${crashing.copy.dataDir}/organizations.json`, 'utf8');
      const response = await putSettings(crashing.app, token, 'sosh-5', { weekDays: 6 });
      expect(response.statusCode).toBe(500);
      expect(await readFile(`${crashing.copy.dataDir}/organizations.json`, 'utf8')).toBe(before);
      expect((await readdir(crashing.copy.dataDir)).filter((n) => n.endsWith('.tmp') || n === '.publishing')).toEqual([]);
      expect(crashing.app.dataStore.current.organizationsById.get('sosh-5')?.settings).toEqual({ monthChoices: { '1': 9 } });
    } finally {
      await crashing.close();
    }
  });
});

describe('writeFileAtomic', () => {
  it('replaces the file, or leaves the old bytes when interrupted before the rename', async () => {
    const file = `${editor.copy.dir}/atomic.json`;
    await writeFileAtomic(file, 'old');
    await expect(writeFileAtomic(file, 'new', { beforeRename: () => { throw new Error('crash'); } })).rejects.toThrow('crash');
    expect(await readFile(file, 'utf8')).toBe('old');
    await writeFileAtomic(file, 'new');
    expect(await readFile(file, 'utf8')).toBe('new');
  });
});

describe('the ledger when an organization’s event stops being the shared one', () => {
  it('raises SEQUENCE past the shared entry’s instead of starting at 0', () => {
    const history = { 'i18.s0.r0.quarters.2025-2026': { hash: 'aaaaaaaaaaaaaaaa', sequence: 3, modified: '2026-01-01T00:00:00Z' } };
    expect(resolveStamp(history, 'i18.s0.r0.quarters.2025-2026.org-sosh-5', 'bbbbbbbbbbbbbbbb', '2026-02-01T00:00:00Z', 'i18.s0.r0.quarters.2025-2026')).toEqual({ sequence: 4, modified: '2026-02-01T00:00:00Z' });
    expect(resolveStamp(history, 'new-key', 'bbbbbbbbbbbbbbbb', '2026-02-01T00:00:00Z')).toEqual({ sequence: 0, modified: '2026-02-01T00:00:00Z' });
  });
});

describe('malformed requests to the API', () => {
  it('answer with their own 4xx status as problem+json', async () => {
    const notJson = await editor.app.inject({ method: 'PUT', url: URL5, headers: { ...auth(methodologist), 'if-match': '*', 'content-type': 'application/xml' }, payload: '<weekDays>6</weekDays>' });
    expect(notJson.statusCode).toBe(415);
    expect(notJson.headers['content-type']).toBe('application/problem+json');
    const broken = await editor.app.inject({ method: 'PUT', url: URL5, headers: { ...auth(methodologist), 'if-match': '*', 'content-type': 'application/json' }, payload: '{"weekDays":' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ status: 400 });
  });
});

describe('a new term system', () => {
  it('shows its terms after the preview and saves without complaint when no date was edited', async () => {
    const agent = new Agent(editor.app);
    await agent.login(SCHOOL.login, SCHOOL.password);
    const page = await agent.get('/admin/organizations/sosh-5?year=2025-2026');
    const first = { ...fields(page.body), termSystem: 'trimesters', 'monthChoices.1': '9', intent: 'preview' };
    const preview = await agent.post('/admin/organizations/sosh-5', first);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('1-й триместр');
    const saved = await agent.post('/admin/organizations/sosh-5', { ...fields(preview.body), termSystem: 'trimesters', 'monthChoices.1': '9', intent: 'save' });
    expect(saved.statusCode).toBe(303);
    expect(await settingsOnDisk('sosh-5')).toEqual({ termSystem: 'trimesters', monthChoices: { '1': 9 } });
  });
});

describe('dates edited without ticking «own calendar»', () => {
  it('are not dropped silently: the form says to tick it, and nothing is saved', async () => {
    const agent = new Agent(editor.app);
    await agent.login(SCHOOL.login, SCHOOL.password);
    const page = await agent.get('/admin/organizations/sosh-5?year=2025-2026');
    const form: Record<string, string> = { ...fields(page.body), intent: 'save', 'monthChoices.1': '9' };
    const original = form['terms.1.end'] as string;
    form['terms.1.end'] = '2025-12-26';
    const before = await registryText();
    const response = await agent.post('/admin/organizations/sosh-5', form);
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('отметьте его, чтобы сохранить свои даты');
    expect(response.body).toContain('value="2025-12-26"');
    expect(await registryText()).toBe(before);
    // The date put back, without the tick: simply the municipal calendar, saved.
    const again: Record<string, string> = { ...fields(response.body), 'terms.1.end': original, weekDays: '6', 'monthChoices.1': '9', intent: 'save' };
    expect((await agent.post('/admin/organizations/sosh-5', again)).statusCode).toBe(303);
    expect(await settingsOnDisk('sosh-5')).toEqual({ monthChoices: { '1': 9 }, weekDays: 6 });
  });
});
