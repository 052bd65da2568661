/**
 * src/render/html/assets/app.js on its own, in Debian's Chromium: minimal pages made for each
 * behaviour, served by Playwright's request interception, no app behind them. The page tests
 * (pages.test.ts) show the script working on real pages; these pin what it must agree on with
 * the server — the canonical option query (reminders ascending, then daily) and the search
 * normalization («ё» = «е», case, punctuation) — against the server's own functions.
 *
 * A real browser rather than a DOM imitation (jsdom, happy-dom): the script uses DOMParser,
 * CSS.escape, history and the CSP-bound fetch, and Chromium is installed for the page tests.
 */
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedOptionsKey } from '../../src/render/feed-options.js';
import { loadAssets } from '../../src/render/html/assets.js';
import { normalizeSearch } from '../../src/render/html/search.js';
import { chromiumAvailable, launchChromium } from '../helpers/browser.js';

// The callbacks given to Playwright run in the browser; the project compiles without the DOM
// library (it is server code), so the little they use is named here.
declare const window: {
  readonly document: { readonly documentElement: { readonly classList: { contains(name: string): boolean }; getAttribute(name: string): string | null } };
};
interface ListItem {
  readonly hidden: boolean;
  readonly textContent: string | null;
}

const ORIGIN = 'http://script.test';
const suite = chromiumAvailable ? describe : describe.skip;

let browser: Browser | undefined;
let script: Buffer;

beforeAll(async () => {
  if (!chromiumAvailable) return;
  script = (await loadAssets()).js.body;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

const htmlDocument = (body: string) =>
  `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>t</title><script src="/app.js" defer></script></head><body>${body}</body></html>`;

/** Opens `body` at /page; every request the page makes is answered by `answer` (or the script). */
async function open(body: string, answer: (route: Route, url: URL) => Promise<void> = (route) => route.abort()): Promise<Page> {
  if (browser === undefined) throw new Error('no browser');
  const page = await browser.newPage();
  await page.route(`${ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/app.js') return route.fulfill({ body: script, contentType: 'text/javascript; charset=utf-8' });
    if (url.pathname === '/page' && url.search === '' && route.request().resourceType() === 'document') {
      return route.fulfill({ body: htmlDocument(body), contentType: 'text/html; charset=utf-8' });
    }
    return answer(route, url);
  });
  await page.goto(`${ORIGIN}/page`);
  await page.waitForFunction(() => window.document.documentElement.classList.contains('js'));
  return page;
}

suite('app.js: subscription options', () => {
  const FORM = `<form data-options method="get">
${[14, 1, 30, 7].map((d) => `<label><input type="checkbox" name="reminders" value="${d}"> за ${d}</label>`).join('\n')}
<label><input type="radio" name="daily" value="1" checked> ежедневные дела</label>
<label><input type="radio" name="daily" value="0"> только сроки</label>
<button type="submit">Применить</button>
</form>
<p data-live="link">old</p>`;

  it.each([
    [[14, 1, 7], false],
    [[30, 7], true],
    [[7, 1, 30, 14], true],
    [[], true],
  ] as const)('ticking %j (without daily duties: %s) asks for the canonical query the server builds', async (ticked, noDaily) => {
    const asked: string[] = [];
    const page = await open(FORM, async (route, url) => {
      asked.push(url.search);
      await route.fulfill({ body: htmlDocument(`<p data-live="link">for ${escapeAttribute(url.search)}</p>`), contentType: 'text/html; charset=utf-8' });
    });
    try {
      for (const day of ticked) await page.check(`input[name="reminders"][value="${day}"]`);
      if (noDaily) await page.check('input[name="daily"][value="0"]');
      const reminders = [...ticked].sort((a, b) => a - b);
      const key = feedOptionsKey({ reminders, daily: !noDaily });
      const expected = key === '' ? '' : `?${key}`;
      // What the script applied last, or a timeout with what it asked for.
      await page
        .waitForFunction((query) => window.document.documentElement.getAttribute('data-options') === query, expected, { timeout: 5_000 })
        .catch(() => expect(asked.at(-1)).toBe(expected));
      expect(asked.at(-1)).toBe(expected);
      // Each change asked the server once, each time in canonical order.
      expect(asked).toHaveLength(ticked.length + (noDaily ? 1 : 0));
      expect(await page.textContent('[data-live="link"]')).toBe(`for ${expected}`);
      expect(new URL(page.url()).search).toBe(expected);
    } finally {
      await page.close();
    }
  });
});

suite('app.js: organization search', () => {
  const NAMES = [
    'Детский сад «Ёлочка» г. Инты',
    'Детский сад № 2 «Елочка»',
    'МБОУ «СОШ № 5» г. Инты',
    'МБОУ «Лицей № 1»',
    'ДДТ «Всё-таки ЁЖИК»',
  ];
  const LIST = `<form data-search-form><input name="q" type="search"></form>
<p data-search-status></p>
<section data-group><ul>${NAMES.map((name, i) => `<li data-search="${escapeAttribute(normalizeSearch(name))}"><a href="/o/${i}">${name}</a></li>`).join('')}</ul></section>`;

  async function search(page: Page, query: string): Promise<{ shown: string[]; status: string | null }> {
    await page.fill('input[name="q"]', query);
    const shown = await page.$$eval('li[data-search]', (items) => (items as unknown as ListItem[]).filter((li) => !li.hidden).map((li) => li.textContent ?? ''));
    return { shown, status: await page.textContent('[data-search-status]') };
  }

  // The count reads as the server writes it: a no-break space after the number.
  it.each([
    ['ёлочка', [NAMES[0], NAMES[1]], 'Найдено: 2\u00a0организации'],
    ['ЕЛОЧКА', [NAMES[0], NAMES[1]], 'Найдено: 2\u00a0организации'],
    ['Ёлочка 2', [NAMES[1]], 'Найдено: 1\u00a0организация'],
    ['«сош №5»', [NAMES[2]], 'Найдено: 1\u00a0организация'],
    ['всё таки ежик', [NAMES[4]], 'Найдено: 1\u00a0организация'],
    ['инты', [NAMES[0], NAMES[2]], 'Найдено: 2\u00a0организации'],
    ['гимназия', [], 'Ничего не найдено'],
  ])('«%s» finds %j', async (query, expected, status) => {
    const page = await open(LIST);
    try {
      const found = await search(page, query);
      expect(found.shown).toEqual(expected);
      expect(found.status).toBe(status);
      expect(new URL(page.url()).searchParams.get('q')).toBe(query);
    } finally {
      await page.close();
    }
  });

  it('normalizes a query as the server normalizes names: each name, typed as it is, finds itself', async () => {
    const page = await open(LIST);
    try {
      for (const name of NAMES) expect((await search(page, name)).shown, name).toContain(name);
      const cleared = await search(page, '');
      expect(cleared.shown).toEqual(NAMES);
      expect(cleared.status).toBe('');
    } finally {
      await page.close();
    }
  });
});
