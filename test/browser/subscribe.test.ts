/**
 * What a new user does, in Chromium at 360 and 1280 px: finds a kindergarten from the home page
 * in one step (with and without JavaScript), gets the subscribe choice of their own device first,
 * every choice gives a valid calendar, the widget fits its frame, printing hides the controls and
 * shows the full feed URL, an unknown path is a Russian HTML 404.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FALLBACK_HEIGHT } from '../../src/render/html/components/embed-snippet.js';
import { chromiumAvailable, CHROMIUM_PATH, launchChromium, screenshot, serveHtml, startApp, watchErrors, type RunningApp } from '../helpers/browser.js';
import { choiceFeeds, expectValidFeeds, firstScreen, frameHeights, scrollsInside, type DomElement } from '../helpers/browser-checks.js';

declare const document: { querySelector(selector: string): DomElement | null };
declare const navigator: { readonly clipboard: { readText(): Promise<string> } };

const WIDTHS = [360, 1280] as const;
const AGENTS = {
  iPhone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  Android: 'Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36',
  Windows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
} as const;
const KINDERGARTEN = '/organizations/ds-4-lastochka';

const suite = chromiumAvailable ? describe : describe.skip;
const title = chromiumAvailable ? 'subscribing in Chromium' : `subscribing in Chromium — SKIPPED: ${CHROMIUM_PATH} not found (apt-get install chromium)`;

suite(title, () => {
  let browser: Browser;
  let app: RunningApp;

  beforeAll(async () => {
    [browser, app] = await Promise.all([launchChromium(), startApp()]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function withContext<T>(options: Parameters<Browser['newContext']>[0], run: (context: BrowserContext) => Promise<T>): Promise<T> {
    const context = await browser.newContext({ locale: 'ru-RU', ...options });
    try {
      return await run(context);
    } finally {
      await context.close();
    }
  }

  async function open(context: BrowserContext, path: string): Promise<{ page: Page; errors: string[] }> {
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${app.url}${path}`, { waitUntil: 'load' });
    return { page, errors };
  }

  describe.each(WIDTHS)('at %i px', (width) => {
    const viewport = { width, height: 800 };

    it('from / typing part of a kindergarten’s name and choosing it opens its page; the device remembers it', async () => {
      await withContext({ viewport }, async (context) => {
        const { page, errors } = await open(context, '/');
        await page.locator('#q').pressSequentially('ласт', { delay: 20 });
        const suggestion = page.getByRole('option', { name: /Ласточка/ });
        await suggestion.waitFor();
        await expect(page.locator('[data-search-status]').textContent()).resolves.toBe('Найдено: 1\u00a0организация');
        await screenshot(page, `home-suggestions-${width}`);
        await Promise.all([page.waitForURL(`${app.url}${KINDERGARTEN}`), suggestion.click()]);
        await expect(page.locator('h1').textContent()).resolves.toBe('МБДОУ «Детский сад №\u00a04 „Ласточка“»');
        // Back on the home page, the last organization is offered at once.
        await page.goto(`${app.url}/`);
        const last = page.locator('[data-last-org] a');
        await expect(last.getAttribute('href')).resolves.toBe(KINDERGARTEN);
        // The keyboard works too: ↓ and Enter.
        await page.locator('#q').pressSequentially('ручеёк', { delay: 10 });
        await page.getByRole('option').first().waitFor();
        await page.keyboard.press('ArrowDown');
        await Promise.all([page.waitForURL(`${app.url}/organizations/ds-16-rucheek`), page.keyboard.press('Enter')]);
        expect(errors).toEqual([]);
      });
    });

    it('without JavaScript, typing part of the name and pressing «Найти» opens the page in one step', async () => {
      await withContext({ viewport, javaScriptEnabled: false }, async (context) => {
        const { page, errors } = await open(context, '/');
        await page.locator('#q').fill('ласточ');
        await Promise.all([page.waitForURL(`${app.url}${KINDERGARTEN}`), page.getByRole('button', { name: 'Найти' }).click()]);
        await expect(page.locator('h1').textContent()).resolves.toContain('Ласточка');
        expect(errors).toEqual([]);
      });
    });

    it.each(Object.entries(AGENTS))('the subscribe block offers the app of %s first, and every choice gives a valid calendar', async (agent, userAgent) => {
      await withContext({ viewport, userAgent }, async (context) => {
        const { page, errors } = await open(context, '/organizations/sosh-5');
        const first = page.locator('details.app').first();
        const expected = { iPhone: 'apple', Android: 'google', Windows: 'outlook' }[agent];
        await expect(first.getAttribute('data-app')).resolves.toBe(expected);
        await expect(first.evaluate((d) => (d as unknown as DomElement).open)).resolves.toBe(true);
        await expect(first.locator('.button.primary').isVisible()).resolves.toBe(true);
        const feeds = await choiceFeeds(page);
        expect(Object.keys(feeds).sort()).toEqual(['apple', 'download', 'google', 'mailru', 'outlook', 'yandex']);
        for (const [choice, urls] of Object.entries(feeds)) {
          expect(urls.length, choice).toBeGreaterThan(0);
          await expectValidFeeds(urls, app.url);
        }
        if (width === 360) await firstScreen(page, `subscribe-${agent}-360`);
        expect(errors).toEqual([]);
      });
    });

    it('the widget’s iframe shows its whole content without an inner scrollbar, full and compact, with and without the host script', async () => {
      await withContext({ viewport }, async (context) => {
        const { page: source } = await open(context, '/organizations/sosh-6');
        const full = await source.locator('#snippet-org').inputValue();
        const compact = await source.locator('#snippet-compact-org').inputValue();
        await source.close();
        for (const [name, snippet, fallback] of [
          ['full', full, FALLBACK_HEIGHT.full],
          ['compact', compact, FALLBACK_HEIGHT.compact],
          ['full-no-script', full.replace(/<script>[\s\S]*<\/script>/, ''), FALLBACK_HEIGHT.full],
        ] as const) {
          const site = await serveHtml(
            `<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Сайт школы</title></head><body style="margin:8px"><h1>Сайт школы</h1>${snippet}</body></html>`,
          );
          try {
            const page = await context.newPage();
            const errors = watchErrors(page);
            await page.goto(site.url, { waitUntil: 'load' });
            const frame = page.frames().find((f) => f !== page.mainFrame());
            expect(frame).toBeDefined();
            if (!frame) return;
            await frame.waitForLoadState('load');
            await frame.locator('.widget-actions a').waitFor();
            if (!name.endsWith('no-script')) {
              // The host script sets the frame to the height the widget posts.
              await page.waitForFunction(() => /px$/.test((document.querySelector('iframe') as unknown as { style: { height: string } }).style.height));
            }
            const heights = await frameHeights(frame);
            expect(scrollsInside(heights), `${name}: ${JSON.stringify(heights)}`).toBe(false);
            expect(heights.scrollHeight, `${name} fits its fallback height`).toBeLessThanOrEqual(fallback);
            await expect(frame.getByRole('link', { name: 'Все сроки и подписка →' }).getAttribute('href')).resolves.toBe(`${app.url}/organizations/sosh-6`);
            await screenshot(page, `embed-${name}-in-iframe-${width}`);
            expect(errors).toEqual([]);
            await page.close();
          } finally {
            await site.close();
          }
        }
      });
    });

    it('print emulation hides navigation and controls and shows the full feed URL', async () => {
      await withContext({ viewport }, async (context) => {
        const { page, errors } = await open(context, '/organizations/sosh-6?reminders=1');
        await page.emulateMedia({ media: 'print' });
        for (const selector of ['.site-header nav', 'form.options', '[data-copy-from]', 'input[data-link="https"]', '.embed-snippet']) {
          await expect(page.locator(selector).first().isVisible(), selector).resolves.toBe(false);
        }
        const url = `${app.url}/feeds/organizations/sosh-6.ics?reminders=1`;
        const shown = page.locator('.subscribe .print-url');
        await expect(shown.isVisible()).resolves.toBe(true);
        await expect(shown.textContent()).resolves.toBe(url);
        // Not cut: the whole URL is inside the page's width.
        const box = await shown.boundingBox();
        expect((box?.x ?? 0) + (box?.width ?? Infinity)).toBeLessThanOrEqual(width);
        await screenshot(page, `organization-print-${width}`);
        const memo = await context.newPage();
        await memo.goto(`${app.url}/organizations/sosh-6/memo`);
        await memo.emulateMedia({ media: 'print' });
        await screenshot(memo, `memo-print-${width}`);
        await memo.close();
        expect(errors).toEqual([]);
      });
    });

    it('/plan/ opened by a browser is a Russian HTML 404 page with the search box', async () => {
      await withContext({ viewport }, async (context) => {
        const page = await context.newPage();
        const response = await page.goto(`${app.url}/plan/`);
        expect(response?.status()).toBe(404);
        expect(response?.headers()['content-type']).toBe('text/html; charset=utf-8');
        await expect(page.locator('h1').textContent()).resolves.toBe('Страница не найдена');
        await expect(page.locator('#q-error').isVisible()).resolves.toBe(true);
        const tool = await fetch(`${app.url}/plan/`);
        expect(tool.headers.get('content-type')).toBe('application/problem+json');
      });
    });
  });

  it('the QR code of the page is hidden on a phone and shown on a wide screen', async () => {
    for (const [width, visible] of [
      [360, false],
      [1280, true],
    ] as const) {
      await withContext({ viewport: { width, height: 800 } }, async (context) => {
        const { page } = await open(context, KINDERGARTEN);
        await expect(page.locator('.subscribe-card svg.qr').isVisible(), `${width}`).resolves.toBe(visible);
        await page.goto(`${app.url}${KINDERGARTEN}/memo`);
        await expect(page.locator('.memo-qr svg.qr').isVisible(), `memo ${width}`).resolves.toBe(visible);
        await page.emulateMedia({ media: 'print' });
        await expect(page.locator('.memo-qr svg.qr').isVisible(), `memo printed at ${width}`).resolves.toBe(true);
      });
    }
  });

  it('the options change the links at once and announce it; the copy button copies the new link', async () => {
    await withContext({ viewport: { width: 360, height: 800 } }, async (context) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
      const { page, errors } = await open(context, '/organizations/licey-1');
      await page.getByLabel('Только сроки').check();
      await page.getByLabel('за 7 дней').check();
      const https = `${app.url}/feeds/organizations/licey-1.ics?reminders=7&daily=0`;
      await page.waitForFunction((value) => document.querySelector('input[data-link="https"]')?.value === value, https);
      await expect(page.locator('[data-live="subscribe-org"]').getAttribute('aria-live')).resolves.toBe('polite');
      await expect(page.locator('[data-options-status]').textContent()).resolves.toBe('Ссылки обновлены под выбранные настройки.');
      expect(new URL(page.url()).search).toBe('?reminders=7&daily=0');
      await page.locator('[data-copy-from="link-org"]').click();
      await page.waitForFunction((url) => navigator.clipboard.readText().then((t) => t === url), https);
      await expectValidFeeds([https], app.url);
      expect(errors).toEqual([]);
    });
  });

  it('other pages refuse to be framed; the widget may be', async () => {
    const framed = await serveHtml(`<!DOCTYPE html><html><body><iframe src="${app.url}/"></iframe></body></html>`);
    try {
      await withContext({}, async (context) => {
        const refused = await context.newPage();
        const messages: string[] = [];
        refused.on('console', (m) => messages.push(m.text()));
        await refused.goto(framed.url, { waitUntil: 'load' });
        const child = refused.frames().find((f) => f !== refused.mainFrame());
        expect(await child?.locator('.site-header').count()).toBe(0);
        expect(messages.join('\n')).toContain('frame-ancestors');
      });
    } finally {
      await framed.close();
    }
  });
});
