/**
 * The department editor's other forms in Chromium, as the methodologist, one publication after
 * another on the same data: (a) rename an organization in the registry form → its feed's
 * X-WR-CALNAME changes, UIDs stay; (b) a ГИА period in the school-year form → the preview shows
 * it; (c) upload a production-calendar file for the provisional 2027 → the feed's provisional
 * mark is gone; (d) mark one transfer by hand. Every form page: axe without serious/critical
 * violations, a screenshot.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ICAL from 'ical.js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../helpers/browser-checks.js';
import { chromiumAvailable, CHROMIUM_PATH, screenshot, signedInBrowserEditor, type SignedInBrowserEditor } from '../helpers/browser.js';
import { feedEvents, type EditorApp } from '../helpers/editor.js';

const suite = chromiumAvailable ? describe : describe.skip;
const title = chromiumAvailable ? 'the department editor’s forms in Chromium' : `the department editor’s forms in Chromium — SKIPPED: ${CHROMIUM_PATH} not found`;

const XML_2027 = path.resolve(import.meta.dirname, '../../sources/production-calendar/ru/2027.xml');
const UNVERIFIED_2027 = 'производственный календарь 2027 года не сверен';

suite(title, () => {
  let running: SignedInBrowserEditor;
  let editor: EditorApp;
  let url: string;
  let page: Page;
  let errors: string[];

  const calendarName = async (feed: string) => {
    const response = await editor.app.inject(feed);
    return String(new ICAL.Component(ICAL.parse(response.body)).getFirstPropertyValue('x-wr-calname'));
  };
  const unfolded = async (feed: string) => (await editor.app.inject(feed)).body.replace(/\r\n[ \t]/g, '');
  const onDisk = async (file: string) => JSON.parse(await readFile(path.join(editor.copy.dataDir, file), 'utf8'));

  /** The text of an element with the pages' typography (no-break spaces) undone. */
  const shownText = async (selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\u00a0/g, ' ');

  /** axe finds nothing serious or critical, and the page is kept as a screenshot. */
  async function checked(name: string): Promise<void> {
    expect(await seriousViolations(page), name).toEqual([]);
    await screenshot(page, `department-editor-forms-${name}`);
  }

  /** Each test publishes once; it also runs alone (`-t`), so the number is not fixed. */
  const nextRevision = async () => Math.max(...(await editor.state.revisions.ids())) + 1;

  async function publishDraft(comment: string): Promise<void> {
    const revision = await nextRevision();
    await page.goto(`${url}/admin/data/preview`);
    await page.fill('input[name="comment"]', comment);
    await Promise.all([page.waitForURL(new RegExp(`/admin/history\\?published=${revision}$`)), page.click('button:has-text("Опубликовать")')]);
    expect(await shownText(`#revision-${revision}`)).toContain(comment);
  }

  beforeAll(async () => {
    running = await signedInBrowserEditor();
    ({ editor, url, page, errors } = running);
  });

  afterAll(async () => {
    await running?.close();
  });

  it('(a) renames an organization in the registry form: the feed’s title changes, its UIDs stay', async () => {
    const feed = '/feeds/organizations/sosh-8.ics';
    const uids = (await feedEvents(editor.app, feed)).map((e) => e.uid).sort();
    expect(await calendarName(feed)).toContain('МБОУ «СОШ № 8»');
    await page.goto(`${url}/admin/data/registry`);
    await Promise.all([page.waitForURL(/registry\/sosh-8$/), page.click('a[href="/admin/data/registry/sosh-8"]')]);
    await page.fill('input[name="shortName"]', 'МБОУ «СОШ № 8 имени героев Севера»');
    await page.fill('input[name="name"]', 'Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 8 имени героев Севера» г. Инты');
    await checked('registry');
    await Promise.all([page.waitForURL(/registry\/sosh-8$/), page.click('button:has-text("Сохранить в черновик")')]);
    await expect(page.locator('.problems').count()).resolves.toBe(0);
    await publishDraft('Школа № 8 переименована');

    const name = await calendarName(feed);
    expect(name).toContain('МБОУ «СОШ № 8 имени героев Севера»');
    expect((await feedEvents(editor.app, feed)).map((e) => e.uid).sort()).toEqual(uids);
    await page.goto(`${url}/organizations/sosh-8`);
    expect((await page.title()).replace(/\u00a0/g, ' ')).toContain('СОШ № 8 имени героев Севера');
  });

  it('(b) enters a ГИА period in the school-year form; the preview shows it; publishes', async () => {
    const item20 = async () => (await feedEvents(editor.app, '/feeds/general.ics')).filter((e) => e.item === '20').map((e) => e.start);
    expect(await item20()).not.toContain('2027-07-05');
    await page.goto(`${url}/admin/data/school-years/2026-2027/quarters`);
    await page.fill('input[name="gia.0.name"]', 'ГИА-2027, основной период');
    await page.fill('input[name="gia.0.end"]', '2027-07-05');
    await page.fill('input[name="gia.0.source"]', 'Расписание ГИА-2027, приказ Минпросвещения и Рособрнадзора');
    await checked('school-year-gia');
    await Promise.all([page.waitForURL(/school-years\/2026-2027\/quarters$/), page.click('button:has-text("Сохранить в черновик")')]);
    await expect(page.locator('.problems').count()).resolves.toBe(0);
    await expect(page.inputValue('input[name="gia.0.end"]')).resolves.toBe('2027-07-05');

    await page.goto(`${url}/admin/data/preview`);
    const row = page.locator('table.changes tr', { hasText: 'п. 20' });
    await expect(row.count()).resolves.toBeGreaterThan(0);
    expect(await shownText('table.changes tr:has-text("п. 20")')).toContain('п. 20, ГИА-2027, основной период: сроки не известны → 5 июля');
    await checked('preview-gia');
    await publishDraft('ГИА-2027: основной период');
    expect(await item20()).toContain('2027-07-05');
  });

  it('(c) uploads the 2027 production calendar through the form: published, the provisional mark gone', async () => {
    expect(await unfolded('/feeds/all.ics')).toContain(UNVERIFIED_2027);
    await page.goto(`${url}/admin/data`);
    await page.fill('form[action="/admin/data/working-days"] input[name="year"]', '2027');
    await Promise.all([page.waitForURL(/working-days\/2027$/), page.click('form[action="/admin/data/working-days"] button')]);
    await checked('working-days-upload');
    await page.setInputFiles('input[name="file"]', XML_2027);
    const revision = await nextRevision();
    await Promise.all([page.waitForURL(new RegExp(`working-days/2027\\?uploaded=${revision}$`)), page.click('button:has-text("Загрузить и опубликовать")')]);
    expect(await shownText('.notice')).toContain(`Опубликована редакция ${revision}: производственный календарь 2027 года загружен из файла xmlcalendar`);
    await checked('working-days-uploaded');
    expect((await onDisk('working-days/2027.json')).verified).toBe(true);
    expect(await unfolded('/feeds/all.ics')).not.toContain(UNVERIFIED_2027);
    expect(await unfolded('/feeds/organizations/sosh-5.ics')).not.toContain(UNVERIFIED_2027);
  });

  it('(d) marks one transfer by hand in the working-days form and publishes', async () => {
    const before = (await onDisk('working-days/2027.json')).days.length as number;
    await page.goto(`${url}/admin/data/working-days/2027`);
    await page.fill(`input[name="days.${before}.date"]`, '2027-12-30');
    await page.selectOption(`select[name="days.${before}.type"]`, 'nonWorking');
    await page.fill(`input[name="days.${before}.movedFrom"]`, '2027-12-25');
    await page.fill('input[name="comment"]', 'Перенос выходного с 25 на 30 декабря 2027 года');
    await checked('working-days-by-hand');
    const revision = await nextRevision();
    await Promise.all([page.waitForURL(new RegExp(`/admin/history\\?published=${revision}$`)), page.click('button:has-text("Опубликовать календарь")')]);
    expect(await shownText(`#revision-${revision}`)).toContain('Перенос выходного с 25 на 30 декабря 2027 года');
    const file = await onDisk('working-days/2027.json');
    expect(file.days).toHaveLength(before + 1);
    expect(file.days).toContainEqual({ date: '2027-12-30', type: 'nonWorking', movedFrom: '2027-12-25' });
    expect(editor.app.dataStore.current.workingDays.find((w) => w.year === 2027)!.days.some((d) => d.date === '2027-12-30')).toBe(true);
    expect(errors).toEqual([]);
  });
});
