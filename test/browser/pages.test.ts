import ICAL from 'ical.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, CHROMIUM_PATH, launchChromium, screenshot, serveHtml, startApp, watchErrors, type RunningApp } from '../helpers/browser.js';
import { HOSTILE } from '../helpers/pages.js';

const PHONE = { width: 360, height: 740 };

// The callbacks given to page.evaluate run in the browser. The project compiles without the DOM
// library (it is server code), so this file names the little of the DOM those callbacks use.
interface DomElement {
  readonly tagName: string;
  readonly value: string;
  readonly hidden: boolean;
  readonly outerHTML: string;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
}
declare const document: {
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  readonly documentElement: { readonly scrollWidth: number };
  readonly scripts: { readonly length: number };
};
declare const navigator: { readonly clipboard: { readText(): Promise<string> } };

const suite = chromiumAvailable ? describe : describe.skip;
const title = chromiumAvailable ? 'pages in Chromium' : `pages in Chromium — SKIPPED: ${CHROMIUM_PATH} not found (apt-get install chromium)`;

suite(title, () => {
  let browser: Browser;
  let app: RunningApp;
  let context: BrowserContext;

  beforeAll(async () => {
    [browser, app] = await Promise.all([launchChromium(), startApp()]);
    context = await browser.newContext({ viewport: PHONE, locale: 'ru-RU' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
  });

  async function open(path: string): Promise<{ page: Page; errors: string[] }> {
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${app.url}${path}`, { waitUntil: 'load' });
    return { page, errors };
  }

  /** Every feed URL the page offers: plain, download, webcal (as https) and inside the Outlook links. */
  async function feedLinks(page: Page): Promise<string[]> {
    const links = await page.evaluate(() => {
      const attr = (selector: string, name: string) => [...document.querySelectorAll(selector)].map((e) => e.getAttribute(name) ?? '');
      return {
        https: [...document.querySelectorAll('input[data-link="https"]')].map((i) => i.value),
        download: attr('a[data-link="download"]', 'href'),
        webcal: attr('a[data-link="webcal"]', 'href'),
        outlook: [...attr('a[data-link="outlook-live"]', 'href'), ...attr('a[data-link="outlook-office"]', 'href')],
      };
    });
    return [
      ...links.https,
      ...links.download,
      ...links.webcal.map((l) => l.replace(/^webcal:\/\//, 'http://')),
      ...links.outlook.map((l) => new URL(l).searchParams.get('url') ?? ''),
    ];
  }

  async function expectValidFeeds(urls: readonly string[]): Promise<void> {
    expect(urls.length).toBeGreaterThan(0);
    for (const url of new Set(urls)) {
      expect(url.startsWith(`${app.url}/feeds/`), url).toBe(true);
      const response = await fetch(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
      const calendar = new ICAL.Component(ICAL.parse(await response.text()));
      expect(calendar.name).toBe('vcalendar');
      expect(calendar.getAllSubcomponents('vevent').length, url).toBeGreaterThan(0);
    }
  }

  /** Everything the options change: links, the copy fields, the QR codes. */
  function optionDependentState(page: Page) {
    return page.evaluate(() => ({
      links: [...document.querySelectorAll('[data-link]')].map((e) =>
        e.tagName === 'INPUT' || e.tagName === 'TEXTAREA' ? e.value : (e.getAttribute('href') ?? ''),
      ),
      qr: [...document.querySelectorAll('svg.qr')].map((svg) => svg.outerHTML),
    }));
  }

  async function fitsPhone(page: Page): Promise<void> {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, 'no horizontal scrolling at 360 px').toBeLessThanOrEqual(PHONE.width);
  }

  it('the main page loads without errors, fits a phone, and every subscribe link gives a valid calendar', async () => {
    const { page, errors } = await open('/');
    await expect(page.locator('h1').textContent()).resolves.toContain('Календарь сроков');
    await fitsPhone(page);
    await screenshot(page, 'main-360');
    const links = await feedLinks(page);
    expect(links).toContain(`${app.url}/feeds/general.ics`);
    expect(links).toContain(`${app.url}/feeds/preschool.ics`);
    expect(links).toContain(`${app.url}/feeds/additional.ics`);
    await expectValidFeeds(links);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the copy button puts the feed URL on the clipboard', async () => {
    const { page, errors } = await open('/');
    const button = page.locator('[data-copy-from="link-preschool"]');
    await expect(button.isVisible()).resolves.toBe(true);
    await button.click();
    await page.locator('#subscribe-preschool .copy-status', { hasText: 'Скопировано' }).waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(`${app.url}/feeds/preschool.ics`);
    // From the keyboard too: focus the button and press Enter.
    await page.locator('[data-copy-from="link-general"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((url) => navigator.clipboard.readText().then((t) => t === url), `${app.url}/feeds/general.ics`);
    // The iframe code for other sites, behind «Встроить на сайт».
    await page.locator('#embed-additional summary').click();
    await page.locator('[data-copy-from="snippet-additional"]').click();
    await page.locator('#embed-additional .copy-status', { hasText: 'Скопировано' }).waitFor();
    const code = await page.evaluate(() => navigator.clipboard.readText());
    expect(code).toBe(
      `<iframe src="${app.url}/embed/additional" title="Сроки плана ГИС ЭО: организации дополнительного образования" width="100%" height="480" style="border:0;max-width:480px" loading="lazy"></iframe>`,
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the options change every link, the QR codes and the iframe code at once, as the server renders them', async () => {
    const { page, errors } = await open('/');
    const before = await optionDependentState(page);
    await page.getByLabel('Без ежедневных дел').check();
    await page.getByLabel('за 7 дней').check();
    const expected = `http://127.0.0.1:${new URL(app.url).port}/feeds/general.ics?reminders=7&daily=0`.replace('http://', 'webcal://');
    await page.waitForFunction((href) => document.querySelector('a[data-link="webcal"]')?.getAttribute('href') === href, expected);
    const after = await optionDependentState(page);
    expect(after.links).not.toEqual(before.links);
    expect(after.qr).not.toEqual(before.qr);
    expect(new URL(page.url()).search).toBe('?reminders=7&daily=0');

    const { page: rendered } = await open('/?reminders=7&daily=0');
    expect(after).toEqual(await optionDependentState(rendered));
    await expectValidFeeds(await feedLinks(page));

    // Copying after the swap gives the new URL.
    await page.locator('[data-copy-from="link-additional"]').click();
    await page.waitForFunction(
      (url) => navigator.clipboard.readText().then((t) => t === url),
      `${app.url}/feeds/additional.ics?reminders=7&daily=0`,
    );
    expect(errors).toEqual([]);
    await Promise.all([page.close(), rendered.close()]);
  });

  it('without JavaScript the options form reloads the page with links for the chosen options', async () => {
    const plain = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    try {
      const page = await plain.newPage();
      const errors = watchErrors(page);
      await page.goto(`${app.url}/organizations/licey-1`);
      await expect(page.locator('[data-copy-from]').first().isVisible()).resolves.toBe(false);
      await page.getByLabel('за 1 день').check();
      await Promise.all([page.waitForURL(/reminders=1/), page.getByRole('button', { name: 'Применить' }).click()]);
      await expect(page.locator('input[data-link="https"]').inputValue()).resolves.toBe(`${app.url}/feeds/organizations/licey-1.ics?reminders=1`);
      expect(errors).toEqual([]);
    } finally {
      await plain.close();
    }
  });

  it('an organization page loads without errors, shows a hostile name as text, and its links give valid calendars', async () => {
    const { page, errors } = await open(`/organizations/${HOSTILE.id}`);
    await expect(page.locator('h1').textContent()).resolves.toBe(HOSTILE.shortName);
    await expect(page.locator('p.lead').textContent()).resolves.toBe(HOSTILE.name);
    await expect(page.title()).resolves.toBe(`${HOSTILE.shortName} — календарь сроков ГИС ЭО`);
    expect(await page.evaluate(() => document.scripts.length)).toBe(1);
    expect(await page.locator('main b').count()).toBe(0);
    // The iframe code, pasted into another page, names the widget with the exact name.
    const snippet = await page.locator('textarea[data-link="snippet"]').inputValue();
    // (Parsed here, not with DOMParser in the page: the page's CSP would report the snippet's style attribute.)
    const iframeTitle = /<iframe [^>]*title="([^"]*)"/.exec(snippet)?.[1] ?? '';
    const decoded = iframeTitle.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    expect(decoded).toBe(`Сроки плана ГИС ЭО: ${HOSTILE.shortName}`);
    expect(snippet.match(/</g)).toHaveLength(2);
    await expectValidFeeds(await feedLinks(page));
    await fitsPhone(page);
    await screenshot(page, 'organization-360');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the organization list filters as the user types, the same way the server does', async () => {
    const { page, errors } = await open('/organizations');
    await page.getByLabel('Поиск по названию').fill('сош');
    const typed = await page.evaluate(() =>
      [...document.querySelectorAll('li[data-search]')].filter((li) => !li.hidden).map((li) => li.querySelector('a')?.getAttribute('href')),
    );
    const { page: served } = await open('/organizations?q=%D1%81%D0%BE%D1%88');
    const server = await served.evaluate(() =>
      [...document.querySelectorAll('li[data-search]')].filter((li) => !li.hidden).map((li) => li.querySelector('a')?.getAttribute('href')),
    );
    expect(typed.length).toBeGreaterThan(0);
    expect(typed).toEqual(server);
    await expect(page.locator('[data-search-status]').textContent()).resolves.toBe(
      await served.locator('[data-search-status]').textContent(),
    );
    await page.getByLabel('Поиск по названию').fill('нет такой школы');
    await expect(page.locator('[data-search-status]').textContent()).resolves.toBe('Ничего не найдено');
    await page.getByLabel('Поиск по названию').fill('');
    await fitsPhone(page);
    await screenshot(page, 'organizations-360');
    expect(errors).toEqual([]);
    await Promise.all([page.close(), served.close()]);
  });

  it('the plan table reads as blocks on a phone and anchors each item', async () => {
    const { page, errors } = await open('/plan#item-14');
    await expect(page.locator('#item-14').isVisible()).resolves.toBe(true);
    await expect(page.locator('tr[id^="item-"]').count()).resolves.toBe(26);
    await fitsPhone(page);
    await screenshot(page, 'plan-360');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the widget works inside an iframe on another site; other pages refuse to be framed', async () => {
    const site = await serveHtml(
      `<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Сайт школы</title></head>` +
        `<body style="margin:8px"><h1>Сайт школы</h1><iframe src="${app.url}/embed/preschool" title="Сроки ГИС ЭО" width="100%" height="480" style="border:0;max-width:480px"></iframe></body></html>`,
    );
    try {
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(site.url, { waitUntil: 'load' });
      const frame = page.frameLocator('iframe');
      await expect(frame.locator('h1').textContent()).resolves.toBe('Сроки плана ГИС ЭО: дошкольные организации');
      const webcal = await frame.locator('a[data-link="webcal"]').getAttribute('href');
      expect(webcal).toBe(`${app.url.replace('http://', 'webcal://')}/feeds/preschool.ics`);
      await expectValidFeeds([(webcal ?? '').replace('webcal://', 'http://')]);
      await screenshot(page, 'embed-in-iframe-360');
      expect(errors).toEqual([]);
      await page.close();

      const { page: widget, errors: widgetErrors } = await open(`/embed/organizations/${HOSTILE.id}`);
      await expect(widget.locator('h1').textContent()).resolves.toBe(`Сроки плана ГИС ЭО: ${HOSTILE.shortName}`);
      await fitsPhone(widget);
      await screenshot(widget, 'embed-organization-360');
      expect(widgetErrors).toEqual([]);
      await widget.close();

      const framed = await serveHtml(`<!DOCTYPE html><html><body><iframe src="${app.url}/"></iframe></body></html>`);
      try {
        const refused = await context.newPage();
        const messages: string[] = [];
        refused.on('console', (m) => messages.push(m.text()));
        await refused.goto(framed.url, { waitUntil: 'load' });
        const child = refused.frames().find((f) => f !== refused.mainFrame());
        expect(child).toBeDefined();
        expect(await child?.locator('.site-header').count()).toBe(0);
        expect(messages.join('\n')).toContain('frame-ancestors');
        await refused.close();
      } finally {
        await framed.close();
      }
    } finally {
      await site.close();
    }
  });
});
