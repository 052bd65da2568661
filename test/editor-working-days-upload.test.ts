/** Uploading a production-calendar file from the editor's form: the API's operation, its messages, its guards. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CALENDAR_BYTES } from '../src/admin/editor/working-days-upload.js';
import { Agent, type EditorApp, METHODOLOGIST, SCHOOL, signedInEditor } from './helpers/editor.js';

let editor: EditorApp;
let agent: Agent;
beforeEach(async () => {
  ({ editor, agent } = await signedInEditor());
});
afterEach(() => editor.close());

const XML_2027 = readFile('sources/production-calendar/ru/2027.xml');
const UNVERIFIED = 'производственный календарь 2027 года не сверен';
const onDisk = (file: string) => readFile(path.join(editor.copy.dataDir, file), 'utf8');
const all = async () => (await editor.app.inject('/feeds/all.ics')).body.replace(/\r\n[ \t]/g, '');

type Part = readonly [name: string, value: string | Uint8Array, filename?: string];

/** A multipart/form-data body exactly as a browser's FormData serializes it. */
async function multipart(parts: readonly Part[]): Promise<{ payload: Buffer; type: string }> {
  const form = new FormData();
  for (const [name, value, filename] of parts) {
    if (typeof value === 'string' && filename === undefined) form.append(name, value);
    else form.append(name, new Blob([value], { type: 'text/xml' }), filename ?? 'calendar.xml');
  }
  const encoded = new Response(form);
  return { payload: Buffer.from(await encoded.arrayBuffer()), type: encoded.headers.get('content-type')! };
}

async function upload(year: string, parts: readonly Part[], who = agent): Promise<LightMyRequestResponse> {
  const { payload, type } = await multipart(parts);
  return who.request({ method: 'POST', url: `/admin/data/working-days/${year}/upload`, headers: { 'content-type': type }, payload });
}

const withToken = async (year: string, file: string | Uint8Array, who = agent): Promise<Part[]> => [['_csrf', await who.csrf(`/admin/data/working-days/${year}`)], ['file', file, `${year}.xml`]];

/** Windows-1251 bytes of a text whose only non-ASCII characters are Cyrillic letters. */
function cp1251(text: string): Uint8Array {
  return Uint8Array.from([...text], (c) => {
    const code = c.codePointAt(0)!;
    if (code < 0x80) return code;
    if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
    if (c === 'Ё' || c === 'ё') return c === 'Ё' ? 0xa8 : 0xb8;
    throw new Error(`not in the test's Windows-1251 table: ${c}`);
  });
}

describe('the upload form', () => {
  it('publishes the file as the verified year, says what it published, the provisional mark gone', async () => {
    const page = (await agent.get('/admin/data/working-days/2027')).body;
    expect(page).toMatch(/<form method="post" action="\/admin\/data\/working-days\/2027\/upload" enctype="multipart\/form-data"><input type="hidden" name="_csrf"/);
    expect(page).toContain('<input type="file" name="file" accept=".xml,application/xml,text/xml" required>');
    expect(await all()).toContain(UNVERIFIED);

    const done = await upload('2027', await withToken('2027', await XML_2027));
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/admin/data/working-days/2027?uploaded=2');
    const shown = (await agent.get(String(done.headers.location))).body;
    const file = JSON.parse(await onDisk('working-days/2027.json'));
    const holidays = file.days.filter((d: { holiday?: string }) => d.holiday).length;
    expect(holidays).toBeGreaterThan(5);
    expect(shown).toContain(`Опубликована редакция 2: производственный календарь 2027 года загружен из файла xmlcalendar — праздничных дней ${holidays}`);
    expect(shown).toContain('пометка «предварительно» снята');
    expect(shown).toContain('href="/admin/history#revision-2"');
    expect(shown).toContain('сверен с постановлением Правительства.');
    expect(file.verified).toBe(true);
    expect(await all()).not.toContain(UNVERIFIED);
    const [revision] = await editor.state.revisions.list();
    expect(revision).toMatchObject({ id: 2, author: METHODOLOGIST.login, comment: 'Производственный календарь 2027 года загружен из файла xmlcalendar' });
    const audit = (await editor.state.audit.entries()).at(-1)!;
    expect(audit).toMatchObject({ action: 'published', login: METHODOLOGIST.login });
    expect(audit.detail).toMatch(/^производственный календарь 2027: редакция 2, версия /);
    // A notice is shown only for a revision that published a verified calendar of that year.
    expect((await agent.get('/admin/data/working-days/2027?uploaded=1')).body).not.toContain('Опубликована редакция');
  });

  it('writes exactly what the API writes for the same file', async () => {
    await upload('2027', await withToken('2027', await XML_2027));
    const viaForm = await onDisk('working-days/2027.json');
    const api = await signedInEditor();
    try {
      const token = await api.editor.state.accounts.issueToken(METHODOLOGIST.login, new Date());
      const put = await api.editor.app.inject({ method: 'PUT', url: '/admin/api/working-days/2027', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml' }, payload: await XML_2027 });
      expect(put.statusCode).toBe(201);
      expect(await readFile(path.join(api.editor.copy.dataDir, 'working-days/2027.json'), 'utf8')).toBe(viaForm);
      expect(put.json().comment).toBe((await editor.state.revisions.list())[0]!.comment);
    } finally {
      await api.editor.close();
    }
  });

  type Case = readonly [what: string, year: string, content: () => Promise<string | Uint8Array> | string | Uint8Array, status: number, message: string];
  it.each<Case>([
    ['malformed XML', '2027', () => '<calendar year="2027"><days><day d="01.01"', 422, 'Производственный календарь не загружен, ничего не опубликовано: некорректный XML (строка 1)'],
    ['a file of another year', '2028', () => XML_2027, 422, 'Производственный календарь не загружен, ничего не опубликовано: в файле календарь 2027 года, а на странице — 2028.'],
    ['a Windows-1251 file', '2027', async () => cp1251((await XML_2027).toString('utf8')), 422, 'файл, похоже, сохранён в кодировке Windows-1251 — сохраните его как UTF-8'],
    ['a file over the limit', '2027', () => new Uint8Array(CALENDAR_BYTES + 1).fill(0x20), 413, 'ничего не опубликовано: файл больше 1 МБ — это не производственный календарь.'],
    ['an empty file', '2027', () => '', 422, 'ничего не опубликовано: файл пуст.'],
  ])('shows the API’s Russian message for %s on the form and publishes nothing', async (_what, year, content, status, message) => {
    const refused = await upload(year, await withToken(year, await content()));
    expect(refused.statusCode).toBe(status);
    expect(refused.body).toContain(message.replace(/"/g, '&quot;'));
    expect(refused.body).toMatch(/<div class="problems" role="alert"><p id="upload-error">/);
    expect(refused.body).toContain('aria-invalid="true" aria-describedby="upload-error"');
    expect(await editor.state.revisions.ids()).toEqual([1]);
    expect(JSON.parse(await onDisk('working-days/2027.json')).verified).toBe(false);
  });

  it('gives the API the same Windows-1251 refusal (it used to read the bytes as UTF-8)', async () => {
    const token = await editor.state.accounts.issueToken(METHODOLOGIST.login, new Date());
    const put = await editor.app.inject({ method: 'PUT', url: '/admin/api/working-days/2027', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml' }, payload: Buffer.from(cp1251((await XML_2027).toString('utf8'))) });
    expect(put.statusCode).toBe(422);
    expect(put.json().detail).toContain('файл, похоже, сохранён в кодировке Windows-1251');
  });

  it('takes only its named parts: a second file, another field, a text instead of the file or no file are refused', async () => {
    const xml = await XML_2027;
    const base = await withToken('2027', xml);
    const twoFiles = await upload('2027', [...base, ['file', xml, 'again.xml']]);
    expect(twoFiles.statusCode).toBe(413);
    expect(twoFiles.body).toContain('выберите один файл');
    const extra = await upload('2027', [['_csrf', base[0]![1]], ['comment', 'x'], base[1]!]);
    expect(extra.statusCode).toBe(400);
    expect(extra.body).toContain('в форме лишние поля');
    const text = await upload('2027', [base[0]!, ['file', 'not a file']]);
    expect(text.statusCode).toBe(400);
    expect(text.body).toContain('в форме лишние поля');
    const none = await upload('2027', [base[0]!]);
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('выберите файл календаря');
    expect(await editor.state.revisions.ids()).toEqual([1]);
  });

  it('refuses anonymous (303 to sign-in), a school (403) and a missing or wrong CSRF token (403)', async () => {
    const xml = await XML_2027;
    const anonymous = await upload('2027', [['file', xml, '2027.xml']], new Agent(editor.app));
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/admin\/login/);
    const school = new Agent(editor.app);
    await school.login(SCHOOL.login, SCHOOL.password);
    const schoolToken = await school.csrf('/admin');
    expect((await upload('2027', [['_csrf', schoolToken], ['file', xml, '2027.xml']], school)).statusCode).toBe(403);
    const missing = await upload('2027', [['file', xml, '2027.xml']]);
    expect(missing.statusCode).toBe(403);
    expect(missing.body).toContain('нет действующего проверочного кода');
    expect((await upload('2027', [['_csrf', 'forged'], ['file', xml, '2027.xml']])).statusCode).toBe(403);
    expect(await editor.state.revisions.ids()).toEqual([1]);
  });

  it('is the only editor form that reads multipart', async () => {
    const { payload, type } = await multipart(await withToken('2027', await XML_2027));
    const elsewhere = await agent.request({ method: 'POST', url: '/admin/data/working-days/2027', headers: { 'content-type': type }, payload });
    expect(elsewhere.statusCode).toBe(415);
    expect(await editor.state.revisions.ids()).toEqual([1]);
  });
});
