/**
 * Every editor page in Chromium at 360 and 1280 px, signed in as the methodologist: axe-core finds
 * no serious or critical violation, the page fits its width, and a screenshot of each is kept.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, CHROMIUM_PATH, freePort, launchChromium, screenshot, watchErrors } from '../helpers/browser.js';
import { fitsWidth, seriousViolations } from '../helpers/browser-checks.js';
import { buildEditorApp, METHODOLOGIST, type EditorApp } from '../helpers/editor.js';

// Runs in the page (the tests' TypeScript has no DOM library).
declare const getComputedStyle: (element: unknown, pseudoElement?: string) => { readonly display: string; readonly content: string };

const suite = chromiumAvailable ? describe : describe.skip;
const title = chromiumAvailable ? 'editor pages in Chromium' : `editor pages in Chromium — SKIPPED: ${CHROMIUM_PATH} not found`;

const PAGES = [
  ['admin-home', '/admin'],
  ['admin-organization', '/admin/organizations/sosh-5'],
  ['admin-audit', '/admin/audit'],
  ['admin-data', '/admin/data'],
  ['admin-registry', '/admin/data/registry'],
  ['admin-plan-items', '/admin/data/plan/items'],
  ['admin-plan-item-1', '/admin/data/plan/items/1'],
  ['admin-plan-item-5', '/admin/data/plan/items/5'],
  ['admin-plan-item-18', '/admin/data/plan/items/18'],
  ['admin-plan-meta', '/admin/data/plan/meta'],
  ['admin-school-year', '/admin/data/school-years/2026-2027/quarters'],
  ['admin-working-days', '/admin/data/working-days/2027'],
  ['admin-preview', '/admin/data/preview'],
  ['admin-history', '/admin/history'],
  ['admin-subscriptions', '/admin/subscriptions'],
] as const;

suite(title, () => {
  let browser: Browser;
  let editor: EditorApp;
  let url: string;

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    [browser, editor] = await Promise.all([launchChromium(), buildEditorApp({ publicUrl: url })]);
    await editor.app.listen({ host: '127.0.0.1', port });
  });

  afterAll(async () => {
    await browser?.close();
    await editor?.close();
  });

  describe.each([360, 1280])('at %i px', (width) => {
    let context: BrowserContext;
    beforeAll(async () => {
      // bypassCSP: axe-core is injected as an inline script, which the pages' CSP refuses.
      context = await browser.newContext({ viewport: { width, height: 800 }, locale: 'ru-RU', bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${url}/admin/login`);
      await fitsWidth(page, width);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `admin-login-${width}`);
      await page.fill('#login', METHODOLOGIST.login);
      await page.fill('#password', METHODOLOGIST.password);
      await Promise.all([page.waitForURL(`${url}/admin`), page.click('button[type="submit"]')]);
      await page.close();
    });
    afterAll(async () => {
      await context?.close();
    });

    it.each(PAGES)('%s (%s)', async (name, path) => {
      const page = await context.newPage();
      const errors = watchErrors(page);
      const response = await page.goto(`${url}${path}`, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      await fitsWidth(page, width);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `${name}-${width}`);
      expect(errors).toEqual([]);
      await page.close();
    });

    // The form tables (school-year periods, working days, footnotes) keep their columns on wide
    // screens and stack each row on phones, every field under its column's name, none squeezed.
    it.each([
      ['/admin/data/school-years/2026-2027/quarters', 'Название'],
      ['/admin/data/working-days/2027', 'Дата'],
      ['/admin/data/plan/items/4', 'Знак'],
    ])('%s: its form tables %s', async (path, firstLabel) => {
      const page = await context.newPage();
      await page.goto(`${url}${path}`, { waitUntil: 'load' });
      const cells = await page.$$eval('table.stack tbody tr:first-child td', (tds) =>
        tds.map((td) => ({
          display: getComputedStyle(td).display,
          label: getComputedStyle(td, '::before').content,
          control: (td.querySelector('input:not([type="hidden"], [type="checkbox"]), select, textarea')?.getBoundingClientRect().width ?? 0),
        })),
      );
      expect(cells.length).toBeGreaterThan(0);
      if (width === 360) {
        expect(cells.every((c) => c.display === 'block')).toBe(true);
        expect(cells[0]?.label).toBe(`"${firstLabel}"`);
        // Each text, date or select control takes the row's width: at least 250 of the 360 px.
        for (const cell of cells.filter((c) => c.control > 0)) expect(cell.control).toBeGreaterThan(250);
      } else {
        expect(cells.every((c) => c.display === 'table-cell')).toBe(true);
        expect(cells[0]?.label).toBe('none');
      }
      await page.close();
    });
  });
});
