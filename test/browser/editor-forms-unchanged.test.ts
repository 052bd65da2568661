/**
 * Every editor form, opened in Chromium and submitted unchanged, leaves the data byte for byte as
 * it was. The pages set Russian typography (no-break spaces after «№» and before dashes, „quotes“,
 * en dashes in ranges) on everything they show; a form value that went through it would be
 * written back into the draft or the files, and the next publication would change every name.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileText } from '../../src/admin/editor/files.js';
import { chromiumAvailable, CHROMIUM_PATH, signedInBrowserEditor, type SignedInBrowserEditor } from '../helpers/browser.js';
import { METHODOLOGIST, type EditorApp } from '../helpers/editor.js';

const suite = chromiumAvailable ? describe : describe.skip;
const title = chromiumAvailable ? 'editor forms submitted unchanged in Chromium' : `editor forms submitted unchanged in Chromium — SKIPPED: ${CHROMIUM_PATH} not found`;

/** Forms that save into the draft: [form, page, its submit button]. */
const DRAFT_FORMS = [
  ['registry: an organization with «» and №', '/admin/data/registry/sosh-5', 'Сохранить в черновик'],
  ['registry: a school with a preschool group', '/admin/data/registry/sosh-6', 'Сохранить в черновик'],
  ['school year with ГИА periods (quarters)', '/admin/data/school-years/2025-2026/quarters', 'Сохранить в черновик'],
  ['school year (trimesters)', '/admin/data/school-years/2025-2026/trimesters', 'Сохранить в черновик'],
  ['school year (half-years)', '/admin/data/school-years/2025-2026/halfYears', 'Сохранить в черновик'],
  ['provisional school year', '/admin/data/school-years/2026-2027/quarters', 'Сохранить в черновик'],
  ['plan as JSON', '/admin/data/plan', 'Сохранить в черновик'],
  ['registry as JSON', '/admin/data/organizations', 'Сохранить в черновик'],
  ['plan item with a fixed date (п. 3)', '/admin/data/plan/items/3', 'Сохранить в черновик'],
  ['plan item at term ends (п. 19)', '/admin/data/plan/items/19', 'Сохранить в черновик'],
  ['daily plan item (п. 18)', '/admin/data/plan/items/18', 'Сохранить в черновик'],
  ['plan metadata and the day-off policy', '/admin/data/plan/meta', 'Сохранить в черновик'],
] as const;

const DOCUMENTS = { plan: 'plan.json', organizations: 'data/organizations.json', schoolYears: 'data/school-years.json' } as const;

suite(title, () => {
  let running: SignedInBrowserEditor;
  let editor: EditorApp;
  let url: string;
  let page: Page;
  let errors: string[];
  const published = new Map<string, string>();

  const onDisk = (file: string) => readFile(path.join(editor.copy.dir, file), 'utf8');

  async function submitUnchanged(address: string, button: string): Promise<void> {
    await page.goto(`${url}${address}`);
    // The save answers 303: wait for the page it leads to, or its load could still be running
    // when the next test navigates (an aborted request, counted as an error).
    const landed = page.waitForResponse((response) => response.request().isNavigationRequest() && response.request().redirectedFrom() !== null);
    await page.click(`button:text-is("${button}")`);
    await landed;
    await page.waitForLoadState('load');
    expect(page.url(), address).not.toContain('/admin/login');
  }

  beforeAll(async () => {
    running = await signedInBrowserEditor();
    ({ editor, url, page, errors } = running);
    for (const file of [...Object.values(DOCUMENTS), 'data/working-days/2026.json']) published.set(file, await onDisk(file));
  });

  afterAll(async () => {
    await running?.close();
  });

  it.each(DRAFT_FORMS)('%s: the draft stays byte-identical to the published files', async (_form, address, button) => {
    await submitUnchanged(address, button);
    const token = await editor.state.accounts.issueToken(METHODOLOGIST.login, new Date());
    const draft = (await editor.app.inject({ url: '/admin/api/draft', headers: { authorization: `Bearer ${token}` } })).json();
    expect(await editor.state.drafts.read(), 'a draft was saved').toBeDefined();
    for (const [name, file] of Object.entries(DOCUMENTS)) expect(fileText(draft[name]), `${address} → ${file}`).toBe(published.get(file));
    expect(errors).toEqual([]);
  });

  it.each(['sosh-5', 'gimnaziya-3', 'ososh', 'sosh-6'])('settings of %s: data/organizations.json stays byte-identical', async (id) => {
    await submitUnchanged(`/admin/organizations/${id}`, 'Сохранить');
    await expect(page.locator('.problems').count()).resolves.toBe(0);
    expect(await onDisk('data/organizations.json')).toBe(published.get('data/organizations.json'));
    expect(errors).toEqual([]);
  });

  it('the upload form given the file the year was imported from: the year stays byte-identical', async () => {
    await page.goto(`${url}/admin/data/working-days/2026`);
    await page.setInputFiles('input[name="file"]', path.resolve(import.meta.dirname, '../../sources/production-calendar/ru/2026.xml'));
    await Promise.all([page.waitForURL(/working-days\/2026\?uploaded=\d+$/), page.click('button:text-is("Загрузить и опубликовать")')]);
    expect(await onDisk('data/working-days/2026.json')).toBe(published.get('data/working-days/2026.json'));
    expect(errors).toEqual([]);
  });

  it('the working-days form: every day, holiday name and transfer stays as it was', async () => {
    await submitUnchanged('/admin/data/working-days/2026', 'Опубликовать календарь');
    expect(page.url()).toMatch(/\/admin\/history\?published=\d+$/);
    const before = JSON.parse(published.get('data/working-days/2026.json')!);
    const after = JSON.parse(await onDisk('data/working-days/2026.json'));
    // Only the source changes: it now says the transfers were marked by hand, on the file's basis.
    expect(after.source).toBe(`Переносы отмечены вручную в редакторе календаря; основа — ${before.source}`);
    expect(JSON.stringify({ ...after, source: before.source }, null, 2)).toBe(JSON.stringify(before, null, 2));
    expect(errors).toEqual([]);
  });
});
