/**
 * Every page the service renders, at 360 and 1280 px in Chromium: loads without errors, fits its
 * width, axe-core finds no serious or critical violation; a screenshot of each is kept in
 * test-results/screenshots/ (<page>-<width>.png).
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMethodologistTable } from '../../src/render/html/site.js';
import { DEFAULT_FEED_OPTIONS } from '../../src/render/feed-options.js';
import { SubscriptionStats } from '../../src/stats/subscriptions.js';
import { chromiumAvailable, CHROMIUM_PATH, launchChromium, screenshot, serveHtml, startApp, watchErrors, type RunningApp } from '../helpers/browser.js';
import { firstScreen, fitsWidth, seriousViolations } from '../helpers/browser-checks.js';
import { EVERY_PAGE } from '../helpers/page-list.js';
import { TODAY } from '../helpers/pages.js';

const WIDTHS = [360, 1280] as const;
const suite = chromiumAvailable ? describe : describe.skip;
const title = chromiumAvailable ? 'every page in Chromium' : `every page in Chromium — SKIPPED: ${CHROMIUM_PATH} not found (apt-get install chromium)`;

suite(title, () => {
  let browser: Browser;
  let app: RunningApp;
  const contexts = new Map<number, BrowserContext>();

  beforeAll(async () => {
    [browser, app] = await Promise.all([launchChromium(), startApp()]);
    for (const width of WIDTHS) {
      // bypassCSP: axe-core is injected as an inline script, which the pages' CSP refuses.
      contexts.set(width, await browser.newContext({ viewport: { width, height: 800 }, locale: 'ru-RU', bypassCSP: true }));
    }
  });

  afterAll(async () => {
    for (const context of contexts.values()) await context.close();
    await browser?.close();
    await app?.close();
  });

  describe.each(WIDTHS)('at %i px', (width) => {
    it.each(EVERY_PAGE)('$name ($path)', async ({ name, path, status }) => {
      const page = await (contexts.get(width) as BrowserContext).newPage();
      const errors = watchErrors(page);
      const response = await page.goto(`${app.url}${path}`, { waitUntil: 'load' });
      expect(response?.status()).toBe(status ?? 200);
      await fitsWidth(page, width);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `${name}-${width}`);
      await firstScreen(page, `${name}-${width}`);
      // The page's own status is expected (Chromium also logs it); nothing else may fail.
      const own = [`HTTP ${status}: ${app.url}${path}`, `console: Failed to load resource: the server responded with a status of ${status} `];
      expect(errors.filter((e) => !(status !== undefined && own.some((o) => e.startsWith(o))))).toEqual([]);
      await page.close();
    });

    it('the methodologist’s table', async () => {
      const stats = new SubscriptionStats();
      stats.record('/feeds/organizations/sosh-5.ics', 'Google-Calendar-Importer', TODAY);
      const data = app.pages.app.dataStore.current;
      // Not mounted by this service (the /admin context serves it); here it is served as a plain page using the app's assets.
      const html = await renderMethodologistTable(
        { data, publicUrl: app.url, today: '2026-08-20', options: DEFAULT_FEED_OPTIONS, device: 'other' },
        {
          base: app.url,
          siteTitle: data.plan.meta.shortTitle,
          assets: { css: '/assets/app.css', js: '/assets/app.js' },
          identity: { department: data.plan.meta.issuer, updated: '2026-11-29', version: data.plan.meta.version, sampleRegistry: true },
        },
        stats.counts(TODAY),
      );
      const site = await serveHtml(html);
      try {
        const page = await (contexts.get(width) as BrowserContext).newPage();
        const errors = watchErrors(page);
        await page.goto(site.url, { waitUntil: 'load' });
        expect(await seriousViolations(page)).toEqual([]);
        await screenshot(page, `methodologist-${width}`);
        expect(errors).toEqual([]);
        await page.close();
      } finally {
        await site.close();
      }
    });
  });
});
