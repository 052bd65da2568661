/**
 * The department's editor in Chromium: a methodologist enters the confirmed 2027/28 quarters,
 * the preview lists the moved term ends per feed, she publishes, the type and organization feeds
 * (ical.js) carry the new dates without provisional marks and with a higher SEQUENCE,
 * /changes.atom has the entry, history shows the revision, and restoring brings the old dates back.
 */
import { XMLParser } from 'fast-xml-parser';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, CHROMIUM_PATH, screenshot, startBrowserEditor, watchErrors, type BrowserEditor } from '../helpers/browser.js';
import { feedEvents, METHODOLOGIST, type EditorApp } from '../helpers/editor.js';

const suite = chromiumAvailable ? describe : describe.skip;
const title = chromiumAvailable ? 'the department editor in Chromium' : `the department editor in Chromium — SKIPPED: ${CHROMIUM_PATH} not found`;

const termEnd2027 = (events: Awaited<ReturnType<typeof feedEvents>>) => events.find((e) => e.item === '19' && e.summary.includes('2-я четверть 2027/28'));

suite(title, () => {
  let running: BrowserEditor;
  let context: BrowserContext;
  let editor: EditorApp;
  let url: string;

  beforeAll(async () => {
    running = await startBrowserEditor(1100);
    ({ context, editor, url } = running);
  });

  afterAll(async () => {
    await running?.close();
  });

  it('enters confirmed 2027/28 quarters, previews, publishes, and restores the previous revision', async () => {
    const feeds = ['/feeds/general.ics', '/feeds/organizations/sosh-5.ics'];
    const before = await Promise.all(feeds.map(async (f) => termEnd2027(await feedEvents(editor.app, f))!));
    for (const event of before) {
      expect(event.start).toBe('2027-12-30');
      expect(event.summary).toContain('(предварительно)');
    }

    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${url}/admin/login`);
    await page.fill('#login', METHODOLOGIST.login);
    await page.fill('#password', METHODOLOGIST.password);
    await Promise.all([page.waitForURL(`${url}/admin`), page.click('button[type="submit"]')]);
    await Promise.all([page.waitForURL(`${url}/admin/data`), page.click('.editor-bar a[href="/admin/data"]')]);
    await page.fill('input[name="year"]', '2027-2028');
    await page.selectOption('select[name="system"]', 'quarters');
    await Promise.all([page.waitForURL(/school-years\/2027-2028\/quarters$/), page.click('button:has-text("Открыть")')]);
    await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Скопировать предыдущий год")')]);
    await expect(page.inputValue('input[name="terms.0.start"]')).resolves.toBe('2027-09-01');
    await page.fill('input[name="terms.1.end"]', '2027-12-28');
    await page.fill('input[name="holidays.1.start"]', '2027-12-29');
    await page.check('input[name="confirmed"]');
    await Promise.all([page.waitForURL(/school-years\/2027-2028\/quarters$/), page.click('button:has-text("Сохранить в черновик")')]);
    await expect(page.locator('.problems').count()).resolves.toBe(0);

    await page.goto(`${url}/admin/data/preview`);
    const row = page.locator('table.changes tr', { hasText: 'п. 19, 2-я четверть 2027/28: 30 декабря → 28 декабря' });
    await expect(row.count()).resolves.toBe(1);
    await row.locator('summary').click();
    const feedNames = await row.locator('li').allTextContents();
    expect(feedNames).toEqual(expect.arrayContaining(['весь план', 'лента «общеобразовательные организации»']));
    expect(feedNames.length).toBeGreaterThan(10);
    await screenshot(page, 'department-editor-preview');
    await page.fill('input[name="comment"]', 'Учебный график 2027/28 по рекомендации Минпросвещения');
    await Promise.all([page.waitForURL(/\/admin\/history\?published=2$/), page.click('button:has-text("Опубликовать")')]);
    await expect(page.locator('#revision-2').textContent()).resolves.toContain('Учебный график 2027/28 по рекомендации Минпросвещения');

    const after = await Promise.all(feeds.map(async (f) => termEnd2027(await feedEvents(editor.app, f))!));
    after.forEach((event, i) => {
      expect(event.uid).toBe(before[i]!.uid);
      expect(event.start).toBe('2027-12-28');
      expect(event.summary).not.toContain('(предварительно)');
      expect(event.sequence).toBeGreaterThan(before[i]!.sequence);
    });

    const atom = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'entry' }).parse((await editor.app.inject('/changes.atom')).body);
    const entry = atom.feed.entry[0];
    expect(entry.title['#text'] ?? entry.title).toContain('Учебный график 2027/28');
    expect(entry.content['#text']).toContain('п. 19, 2-я четверть 2027/28: 30 декабря → 28 декабря');

    await Promise.all([page.waitForURL(/published=3$/), page.click('#revision-1 button:has-text("Восстановить")')]);
    const restored = await Promise.all(feeds.map(async (f) => termEnd2027(await feedEvents(editor.app, f))!));
    restored.forEach((event, i) => {
      expect(event.start).toBe('2027-12-30');
      expect(event.sequence).toBeGreaterThan(after[i]!.sequence);
    });
    expect(errors).toEqual([]);
  });
});
