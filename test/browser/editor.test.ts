/**
 * The editor in Chromium: a school signs in, changes its term dates and week, sees the preview
 * with the changed dates highlighted, saves, and its feed (read by ical.js) has the new dates
 * with a higher SEQUENCE; another organization's page is refused, and signing out ends it.
 */
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, CHROMIUM_PATH, screenshot, startBrowserEditor, watchErrors, type BrowserEditor } from '../helpers/browser.js';
import { feedEvents, METHODOLOGIST, municipalQuarters, putSettings, SCHOOL, type EditorApp } from '../helpers/editor.js';

const suite = chromiumAvailable ? describe : describe.skip;
const title = chromiumAvailable ? 'the editor in Chromium' : `the editor in Chromium — SKIPPED: ${CHROMIUM_PATH} not found (apt-get install chromium)`;

suite(title, () => {
  let running: BrowserEditor;
  let context: BrowserContext;
  let editor: EditorApp;
  let url: string;

  beforeAll(async () => {
    running = await startBrowserEditor();
    ({ context, editor, url } = running);
    // The school keeps its own calendar for 2025/26 (as entered from the municipal one).
    const token = await editor.state.accounts.issueToken(METHODOLOGIST.login, new Date());
    const seeded = await putSettings(editor.app, token, 'sosh-5', { monthChoices: { '1': 9 }, schoolYears: { '2025-2026': municipalQuarters(editor.app, '2025-2026') } });
    expect(seeded.statusCode).toBe(200);
  });

  afterAll(async () => {
    await running?.close();
  });

  it('a school signs in, previews its changed term dates and week, saves, and its feed carries them with a higher SEQUENCE', async () => {
    const before = await feedEvents(editor.app, '/feeds/organizations/sosh-5.ics');
    const termEnd = before.find((e) => e.item === '19' && e.start === '2025-12-30');
    const daily = before.find((e) => e.item === '18' && e.uid.includes('2025-2026'));
    expect(termEnd && daily).toBeTruthy();

    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${url}/admin/organizations/sosh-5`);
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    await page.fill('#login', SCHOOL.login);
    await page.fill('#password', SCHOOL.password);
    await Promise.all([page.waitForURL(`${url}/admin`), page.click('button[type="submit"]')]);
    await Promise.all([page.waitForURL(/\/admin\/organizations\/sosh-5/), page.click('a[href="/admin/organizations/sosh-5"]')]);
    await page.goto(`${url}/admin/organizations/sosh-5?year=2025-2026`);
    await expect(page.isChecked('#f-ownCalendar')).resolves.toBe(true);
    await page.fill('input[name="terms.1.end"]', '2025-12-26');
    await page.selectOption('#f-weekDays', '6');
    await Promise.all([page.waitForLoadState('load'), page.click('button[value="preview"]')]);
    const changed = page.locator('tr.changed mark');
    await expect(changed.first().textContent()).resolves.toBe('26\u00a0декабря 2025\u00a0г.');
    await expect(page.locator('#preview li[data-changed="true"]').count()).resolves.toBeGreaterThan(0);
    await screenshot(page, 'editor-preview');
    // Nothing is public before saving.
    expect(await feedEvents(editor.app, '/feeds/organizations/sosh-5.ics')).toEqual(before);

    await Promise.all([page.waitForURL(/saved=1/), page.click('button[value="save"]')]);
    await expect(page.locator('.saved').textContent()).resolves.toContain('Сохранено.');
    await expect(page.inputValue('input[name="terms.1.end"]')).resolves.toBe('2025-12-26');
    await expect(page.inputValue('#f-weekDays')).resolves.toBe('6');

    const after = await feedEvents(editor.app, '/feeds/organizations/sosh-5.ics');
    const moved = after.find((e) => e.uid === termEnd?.uid);
    expect(moved?.start).toBe('2025-12-26');
    expect(moved?.sequence).toBeGreaterThan(termEnd?.sequence ?? Infinity);
    expect(after.find((e) => e.uid === daily?.uid)?.sequence).toBeGreaterThan(daily?.sequence ?? Infinity);
    // The public page shows the new term end too.
    const publicPage = await (await fetch(`${url}/organizations/sosh-5`)).text();
    expect(publicPage).toContain('26\u00a0декабря');
    expect(errors).toEqual([]);

    const other = await page.goto(`${url}/admin/organizations/sosh-6`);
    expect(other?.status()).toBe(403);
    await expect(page.locator('h1').textContent()).resolves.toBe('Доступ запрещён');

    await page.goto(`${url}/admin`);
    await Promise.all([page.waitForURL(`${url}/admin/login`), page.click('.editor-bar button')]);
    await page.goto(`${url}/admin`);
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    const actions = (await editor.state.audit.entries()).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['login', 'settings-changed', 'logout']));
    await page.close();
  });
});
