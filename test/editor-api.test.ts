/**
 * The department editor's API: draft (ETag/If-Match), preview, publish (201/409/422), history,
 * restore (the ledger moves forward), production-calendar upload; methodologist only.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- the tests edit the data files’ JSON freely */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Agent, buildEditorApp, feedEvents, putSettings, SCHOOL, METHODOLOGIST, type EditorApp } from './helpers/editor.js';
import { readFileSync } from 'node:fs';

// Publications count up from the bundled plan's version (bumped whenever the data is).
const BUNDLED_VERSION = (JSON.parse(readFileSync('plan.json', 'utf8')) as { meta: { version: string } }).meta.version;
const version = (publications: number): string =>
  BUNDLED_VERSION.replace(/\d+$/, (last) => String(Number(last) + publications));


let editor: EditorApp;
let token: string;
let schoolToken: string;
beforeEach(async () => {
  editor = await buildEditorApp();
  token = await editor.state.accounts.issueToken(METHODOLOGIST.login, new Date());
  schoolToken = await editor.state.accounts.issueToken(SCHOOL.login, new Date());
});
afterEach(async () => {
  await editor.close();
});

const auth = (t: string) => ({ authorization: `Bearer ${t}` });

export async function getDraft(app: FastifyInstance, t: string): Promise<{ etag: string; draft: any }> {
  const response = await app.inject({ url: '/admin/api/draft', headers: auth(t) });
  expect(response.statusCode).toBe(200);
  return { etag: String(response.headers.etag), draft: response.json() };
}

async function putDraft(draft: unknown, etag: string) {
  return editor.app.inject({ method: 'PUT', url: '/admin/api/draft', headers: { ...auth(token), 'if-match': etag }, payload: draft as object });
}

const publish = (comment = 'Четверти 2025/26 по приказу') =>
  editor.app.inject({ method: 'POST', url: '/admin/api/publish', headers: auth(token), payload: { comment } });

function quarters(draft: any, year: string) {
  return draft.schoolYears.years.find((y: { id: string }) => y.id === year).systems.quarters;
}

const onDisk = async (file: string) => JSON.parse(await readFile(path.join(editor.copy.dir, file), 'utf8'));

const ROUTES = [
  { method: 'GET', url: '/admin/api/draft' },
  { method: 'PUT', url: '/admin/api/draft' },
  { method: 'GET', url: '/admin/api/draft/preview' },
  { method: 'POST', url: '/admin/api/publish' },
  { method: 'GET', url: '/admin/api/revisions' },
  { method: 'GET', url: '/admin/api/revisions/1' },
  { method: 'POST', url: '/admin/api/revisions/1/restore' },
  { method: 'PUT', url: '/admin/api/working-days/2027' },
] as const;

describe('who may use the editor API', () => {
  it('answers 401 to anonymous requests and 403 to a school account on every route, changing nothing', async () => {
    for (const route of ROUTES) {
      const anonymous = await editor.app.inject({ method: route.method, url: route.url, payload: route.method === 'GET' ? undefined : {} });
      expect(anonymous.statusCode, `${route.method} ${route.url}`).toBe(401);
      const school = await editor.app.inject({ method: route.method, url: route.url, headers: { ...auth(schoolToken), 'if-match': '*' }, payload: route.method === 'GET' ? undefined : { comment: 'x' } });
      expect(school.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(school.headers['content-type']).toContain('application/problem+json');
    }
    expect((await editor.state.revisions.list()).map((r) => r.id)).toEqual([1]);
  });

  it('refuses a school’s session on every editor page and form (403), and sends anonymous visitors to the login form', async () => {
    const pages = ['/admin/data', '/admin/data/school-years/2026-2027/quarters', '/admin/data/plan', '/admin/data/organizations', '/admin/data/preview', '/admin/history', '/admin/history/1'];
    const forms = ['/admin/data/school-years/2026-2027/quarters', '/admin/data/plan', '/admin/data/organizations', '/admin/data/publish', '/admin/data/discard', '/admin/history/1/restore'];
    for (const url of pages) expect((await editor.app.inject(url)).headers.location, url).toBe('/admin/login');
    const school = new Agent(editor.app);
    await school.login(SCHOOL.login, SCHOOL.password);
    const csrf = await school.csrf('/admin');
    for (const url of pages) expect((await school.get(url)).statusCode, url).toBe(403);
    for (const url of forms) expect((await school.post(url, { _csrf: csrf, document: '{}', comment: 'x' })).statusCode, url).toBe(403);
    expect(await editor.state.revisions.ids()).toEqual([1]);
    expect(await editor.state.drafts.read()).toBeUndefined();
  });
});

describe('draft, preview, publish', () => {
  it('keeps a draft under If-Match, previews moved term ends per feed, publishes with a higher SEQUENCE and version, lists it in history', async () => {
    const before = await feedEvents(editor.app, '/feeds/organizations/sosh-5.ics');
    const termEnd = before.find((e) => e.item === '19' && e.start === '2025-12-30')!;
    const { etag, draft } = await getDraft(editor.app, token);
    expect(draft.plan.meta.version).toBe(version(0));
    expect(Object.keys(draft)).toEqual(['plan', 'organizations', 'schoolYears']);

    quarters(draft, '2025-2026').terms[1].end = '2025-12-26';
    const missing = await editor.app.inject({ method: 'PUT', url: '/admin/api/draft', headers: auth(token), payload: draft });
    expect(missing.statusCode).toBe(428);
    expect((await putDraft(draft, '"draft-0000"')).statusCode).toBe(412);
    const saved = await putDraft(draft, etag);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({ problems: [] });
    // The old tag is stale now: a second editor holding it cannot overwrite the draft unseen.
    expect((await putDraft(draft, etag)).statusCode).toBe(412);

    const preview = (await editor.app.inject({ url: '/admin/api/draft/preview', headers: auth(token) })).json();
    expect(preview.problems).toEqual([]);
    const moved = preview.changes.find((c: any) => c.kind === 'moved' && c.item === 19);
    expect(moved.description).toBe('п. 19, 2-я четверть 2025/26: 30 декабря → 26 декабря');
    expect(moved.feeds).toEqual(expect.arrayContaining(['all', 'type:general', 'organization:sosh-5']));
    // Nothing public has changed yet.
    expect(await feedEvents(editor.app, '/feeds/organizations/sosh-5.ics')).toEqual(before);

    const published = await publish();
    expect(published.statusCode).toBe(201);
    const revision = published.json();
    expect(revision).toMatchObject({ id: 2, author: METHODOLOGIST.login, comment: 'Четверти 2025/26 по приказу', version: version(1) });
    expect(revision.changes.some((c: any) => c.description === moved.description)).toBe(true);
    expect(published.headers.location).toBe('/admin/api/revisions/2');

    const after = await feedEvents(editor.app, '/feeds/organizations/sosh-5.ics');
    const now = after.find((e) => e.uid === termEnd.uid)!;
    expect(now.start).toBe('2025-12-26');
    expect(now.sequence).toBeGreaterThan(termEnd.sequence);
    const plan = await onDisk('plan.json');
    expect(plan.meta.version).toBe(version(1));
    expect(Date.parse(plan.meta.updated)).toBeGreaterThan(Date.parse('2026-11-29T00:00:00Z'));
    expect(quarters({ schoolYears: await onDisk('data/school-years.json') }, '2025-2026').terms[1].end).toBe('2025-12-26');
    // The committed-ledger check agrees with what publishing wrote.
    const { stampLedger } = await import('../scripts/stamp-history.js');
    const ledger = await stampLedger(editor.copy.planFile, editor.copy.dataDir);
    expect(ledger.current).toBe(ledger.next);

    const history = (await editor.app.inject({ url: '/admin/api/revisions', headers: auth(token) })).json();
    expect(history.map((r: any) => r.id)).toEqual([2, 1]);
    expect(history[1]).toMatchObject({ author: 'вне редактора', comment: 'Данные при первом запуске редактора' });
    expect((await editor.state.audit.entries()).some((e) => e.action === 'published' && e.login === METHODOLOGIST.login)).toBe(true);
    // Published: the draft is the published data again.
    expect((await getDraft(editor.app, token)).draft.plan.meta.version).toBe(version(1));
  });

  it('of two editors saving from the same ETag at once, keeps one and refuses the other (412)', async () => {
    const { etag, draft } = await getDraft(editor.app, token);
    const first = structuredClone(draft);
    const second = structuredClone(draft);
    first.plan.meta.shortTitle = 'Первый';
    second.plan.meta.shortTitle = 'Второй';
    const answers = await Promise.all([putDraft(first, etag), putDraft(second, etag)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 412]);
    const winner = answers[0]!.statusCode === 200 ? 'Первый' : 'Второй';
    expect((await getDraft(editor.app, token)).draft.plan.meta.shortTitle).toBe(winner);
  });

  it('keeps an invalid draft with its problems at their pointer, and refuses to publish it (422), changing nothing', async () => {
    const { etag, draft } = await getDraft(editor.app, token);
    draft.plan.items[0].title = 7;
    quarters(draft, '2025-2026').terms[1].end = '2025-13-40';
    const saved = await putDraft(draft, etag);
    expect(saved.statusCode).toBe(200);
    const pointers = saved.json().problems.map((p: any) => p.pointer);
    expect(pointers).toContain('/plan/items/0/title');
    expect(pointers.some((p: string) => p.startsWith('/schoolYears/years/'))).toBe(true);
    expect((await getDraft(editor.app, token)).draft.plan.items[0].title).toBe(7);
    const preview = (await editor.app.inject({ url: '/admin/api/draft/preview', headers: auth(token) })).json();
    expect(preview.problems.length).toBeGreaterThan(0);
    expect(preview.changes).toEqual([]);
    const planBefore = await readFile(editor.copy.planFile, 'utf8');
    const refused = await publish();
    expect(refused.statusCode).toBe(422);
    expect(refused.json().problems.map((p: any) => p.pointer)).toContain('/plan/items/0/title');
    expect(await readFile(editor.copy.planFile, 'utf8')).toBe(planBefore);
    expect((await editor.state.revisions.ids())).toEqual([1]);
    // Not a draft at all: refused, the kept draft untouched.
    const malformed = await putDraft({ plan: {} }, (await getDraft(editor.app, token)).etag);
    expect(malformed.statusCode).toBe(422);
    expect(malformed.json().problems.map((p: any) => p.pointer)).toEqual(['/organizations', '/schoolYears']);
    expect((await publish('')).statusCode).toBe(422);
  });

  it('refuses a publish over a revision published after the draft was started (409), with what changed', async () => {
    const { etag, draft } = await getDraft(editor.app, token);
    draft.organizations.organizations[0].name = 'Школа с новым названием';
    expect((await putDraft(draft, etag)).statusCode).toBe(200);
    // Meanwhile a school changes its settings: organizations.json is not what the draft started from.
    expect((await putSettings(editor.app, schoolToken, 'sosh-5', { weekDays: 6 })).statusCode).toBe(200);
    const registry = await readFile(path.join(editor.copy.dataDir, 'organizations.json'), 'utf8');
    const refused = await publish('Переименование');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().revisions).toEqual([expect.objectContaining({ id: 2, author: 'вне редактора' })]);
    expect(await readFile(path.join(editor.copy.dataDir, 'organizations.json'), 'utf8')).toBe(registry);
    expect((await editor.state.audit.entries()).some((e) => e.action === 'publish-refused')).toBe(true);
  });

  it('restores an earlier revision as a new publication: dates back, SEQUENCE still rising, version forward', async () => {
    const { etag, draft } = await getDraft(editor.app, token);
    quarters(draft, '2025-2026').terms[1].end = '2025-12-26';
    await putDraft(draft, etag);
    expect((await publish()).statusCode).toBe(201);
    const moved = (await feedEvents(editor.app, '/feeds/general.ics')).find((e) => e.item === '19' && e.start === '2025-12-26')!;
    const restored = await editor.app.inject({ method: 'POST', url: '/admin/api/revisions/1/restore', headers: auth(token), payload: {} });
    expect(restored.statusCode).toBe(201);
    expect(restored.json()).toMatchObject({ id: 3, restoredFrom: 1, comment: 'Восстановлена редакция 1', version: version(2) });
    const back = (await feedEvents(editor.app, '/feeds/general.ics')).find((e) => e.uid === moved.uid)!;
    expect(back.start).toBe('2025-12-30');
    expect(back.sequence).toBeGreaterThan(moved.sequence);
    expect((await editor.app.inject({ method: 'POST', url: '/admin/api/revisions/99/restore', headers: auth(token), payload: {} })).statusCode).toBe(404);
  });

  it('restores the department’s documents but keeps the settings schools saved since', async () => {
    const settingsOf = async (id: string) => (await onDisk('data/organizations.json')).organizations.find((o: { id: string }) => o.id === id)?.settings;
    const before = await settingsOf('sosh-5');
    const { etag, draft } = await getDraft(editor.app, token);
    quarters(draft, '2025-2026').terms[1].end = '2025-12-26';
    await putDraft(draft, etag);
    expect((await publish()).statusCode).toBe(201);
    // After revision 2, the school saves its own settings (the sync records them as revision 3).
    expect((await putSettings(editor.app, schoolToken, 'sosh-5', { weekDays: 6 })).statusCode).toBe(200);
    const saved = await settingsOf('sosh-5');
    expect(saved).not.toEqual(before);
    expect(saved).toMatchObject({ weekDays: 6 });

    const restored = await editor.app.inject({ method: 'POST', url: '/admin/api/revisions/1/restore', headers: auth(token), payload: {} });
    expect(restored.statusCode).toBe(201);
    // The plan's data are back; the school's settings are as the school left them.
    const term = (await feedEvents(editor.app, '/feeds/general.ics')).find((e) => e.item === '19' && e.start === '2025-12-30');
    expect(term).toBeDefined();
    expect(await settingsOf('sosh-5')).toEqual(saved);
    const own = await editor.app.inject({ url: '/admin/api/organizations/sosh-5/settings', headers: auth(schoolToken) });
    expect(own.json()).toMatchObject({ weekDays: 6 });
    // The same restore again (a second click) changes nothing and makes no revision.
    const ids = await editor.state.revisions.ids();
    const again = await editor.app.inject({ method: 'POST', url: '/admin/api/revisions/1/restore', headers: auth(token), payload: {} });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: ids.at(-1) });
    expect(await editor.state.revisions.ids()).toEqual(ids);
  });
});

describe('the school-year form', () => {
  it('keeps a wrong date in the draft and shows the validators’ Russian message next to that field', async () => {
    const agent = new Agent(editor.app);
    await agent.login(METHODOLOGIST.login, METHODOLOGIST.password);
    const url = '/admin/data/school-years/2026-2027/quarters';
    const page = await agent.get(url);
    const value = (name: string) => new RegExp(`name="${name.replace(/\./g, '\\.')}" value="([^"]*)"`).exec(page.body)?.[1] ?? '';
    const form: Record<string, string> = { _csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!, draft: /name="draft" value="([^"]+)"/.exec(page.body)![1]!.replace(/&quot;/g, '"'), intent: 'save' };
    for (let i = 0; i < 4; i += 1) for (const f of ['name', 'start', 'end']) form[`terms.${i}.${f}`] = value(`terms.${i}.${f}`);
    for (let i = 0; i < 4; i += 1) for (const f of ['name', 'start', 'end', 'grades']) form[`holidays.${i}.${f}`] = value(`holidays.${i}.${f}`);
    form['terms.1.end'] = '2026-11-01';
    const saved = await agent.post(url, form);
    expect(saved.statusCode).toBe(303);
    const shown = await agent.get(url);
    expect(shown.body).toMatch(/name="terms\.1\.end" value="2026-11-01" aria-label="Конец" aria-invalid="true" aria-describedby="f-terms-1-end-error"><span class="error" id="f-terms-1-end-error">[^<]*[а-я]/);
    expect((await editor.state.drafts.read())?.base).toBe(1);
    expect(await editor.state.revisions.ids()).toEqual([1]);
  });
});

describe('after a publication', () => {
  it('runs the static-export hook with the data set just published', async () => {
    const versions: string[] = [];
    const exporting = await buildEditorApp({ editor: { afterPublish: async (data) => void versions.push(data.plan.meta.version) } });
    try {
      const t = await exporting.state.accounts.issueToken(METHODOLOGIST.login, new Date());
      const current = await exporting.app.inject({ url: '/admin/api/draft', headers: auth(t) });
      const draft = current.json();
      draft.plan.meta.shortTitle = 'План с новым кратким названием';
      await exporting.app.inject({ method: 'PUT', url: '/admin/api/draft', headers: { ...auth(t), 'if-match': String(current.headers.etag) }, payload: draft });
      expect((await exporting.app.inject({ method: 'POST', url: '/admin/api/publish', headers: auth(t), payload: { comment: 'Название' } })).statusCode).toBe(201);
      expect(versions).toEqual([version(1)]);
    } finally {
      await exporting.close();
    }
  });
});

describe('uploading a production calendar', () => {
  const upload = (year: string, body: string) =>
    editor.app.inject({ method: 'PUT', url: `/admin/api/working-days/${year}`, headers: { ...auth(token), 'content-type': 'application/xml' }, payload: body });

  it('refuses malformed XML in Russian and publishes nothing; a good file replaces the provisional year', async () => {
    const xml = await readFile('sources/production-calendar/ru/2027.xml', 'utf8');
    const all = async () => (await editor.app.inject('/feeds/all.ics')).body.replace(/\r\n[ \t]/g, '');
    expect(await all()).toContain('производственный календарь 2027 года не сверен');
    const broken = await upload('2027', '<calendar year="2027"><days><day d="01.01"');
    expect(broken.statusCode).toBe(422);
    expect(broken.json().detail).toMatch(/^Производственный календарь не загружен, ничего не опубликовано: некорректный XML/);
    expect((await upload('2028', xml)).json().detail).toContain('в файле календарь 2027 года, а в адресе — 2028');
    expect(await editor.state.revisions.ids()).toEqual([1]);

    const done = await upload('2027', xml);
    expect(done.statusCode).toBe(201);
    expect(done.json().comment).toContain('2027');
    expect((await onDisk('data/working-days/2027.json')).verified).toBe(true);
    expect(await all()).not.toContain('производственный календарь 2027 года не сверен');
  });

  it('refuses a body over the limit with its size in Russian, not a word about JSON', async () => {
    const big = await upload('2027', `<calendar year="2027">${' '.repeat(1024 * 1024)}</calendar>`);
    expect(big.statusCode).toBe(413);
    expect(big.headers['content-type']).toContain('application/problem+json');
    expect(big.json().detail).toBe('Тело запроса больше допустимого здесь (1\u00a0МБ). Ничего не изменено.');
    expect(await editor.state.revisions.ids()).toEqual([1]);
  });
});
