/** The subscribe block per device, the one-step search, HTML 404s for browsers, the memo and the methodologist's table. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMethodologistTable } from '../src/render/html/site.js';
import { DEFAULT_FEED_OPTIONS } from '../src/render/feed-options.js';
import { SubscriptionStats } from '../src/stats/subscriptions.js';
import { PUBLIC_URL } from './helpers/app.js';
import { buildPagesApp, TODAY, type PagesApp } from './helpers/pages.js';

const AGENTS = {
  iPhone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  Android: 'Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36',
  Windows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
};

let pages: PagesApp;

beforeAll(async () => {
  pages = await buildPagesApp();
});

afterAll(async () => {
  await pages?.close();
});

const get = (url: string, headers: Record<string, string> = {}) => pages.app.inject({ url, headers });
const order = (body: string) => [...body.matchAll(/<details class="app" data-app="(\w+)"/g)].map((m) => m[1]);

describe('subscribe block', () => {
  it.each([
    ['iPhone', 'apple'],
    ['Android', 'google'],
    ['Windows', 'outlook'],
  ] as const)('puts the app of %s first, open, and varies by User-Agent', async (agent, first) => {
    const res = await get('/organizations/sosh-5', { 'user-agent': AGENTS[agent] });
    expect(order(res.body)[0]).toBe(first);
    expect(res.body).toMatch(new RegExp(`<details class="app" data-app="${first}" open>`));
    expect(res.body.match(/<details class="app"[^>]* open>/g)).toHaveLength(1);
    expect(res.headers['vary']).toContain('User-Agent');
    expect(new Set(order(res.body))).toEqual(new Set(['apple', 'google', 'yandex', 'outlook', 'mailru']));
    expect(res.body).toContain('<span class="badge">ваше устройство</span>');
  });

  it('claims no device it could not tell: an unknown browser gets the common order without the badge', async () => {
    const res = await get('/organizations/sosh-5', { 'user-agent': 'curl/8.5.0' });
    expect(order(res.body)[0]).toBe('google');
    expect(res.body).not.toContain('ваше устройство');
  });

  it('says what each app does with reminders and refresh, and marks the download as a one-off copy', async () => {
    const res = await get('/types/general');
    expect(res.body).toContain('«Добавить по URL»');
    expect(res.body).toContain('в браузере на компьютере');
    expect(res.body).toContain('раз в 12–24 часа');
    expect(res.body).toContain('«Удалить: Предупреждения»');
    expect(res.body).toContain('Подписаться из Интернета');
    expect(res.body).toContain('data-link="outlook-office"');
    expect(res.body).toContain('<strong>разовая копия</strong>');
    expect(res.body.match(/<strong>Напоминания:<\/strong>/g)).toHaveLength(5);
  });

  it('offers daily duties in positive words, in by default, deadlines only as a choice, and keeps old daily=1 links working', async () => {
    const plain = await get('/types/general');
    expect(plain.body).toContain('name="daily" value="1" checked> Ежедневные дела (пп.&nbsp;18 и&nbsp;24)');
    expect(plain.body).toContain('name="daily" value="0"> Только сроки');
    expect(plain.body).not.toMatch(/Без ежедневных/);
    const deadlinesOnly = await get('/types/general?daily=0');
    expect(deadlinesOnly.statusCode).toBe(200);
    expect(deadlinesOnly.body).toContain(`value="${PUBLIC_URL}/feeds/general.ics?daily=0"`);
    expect(deadlinesOnly.body).toContain('name="daily" value="0" checked> Только сроки');
    const old = await get('/types/general?daily=1');
    expect(old.body).toContain(`value="${PUBLIC_URL}/feeds/general.ics"`);
    const feed = await get('/feeds/general.ics');
    expect(feed.body).toContain('X-PLAN-ITEM:18');
    expect(feed.body).toContain('X-PLAN-ITEM:24');
    expect((await get('/feeds/general.ics?daily=1')).body).toBe(feed.body);
    const deadlines = await get('/feeds/general.ics?daily=0');
    expect(deadlines.statusCode).toBe(200);
    expect(deadlines.body).not.toContain('X-PLAN-ITEM:18');
    expect(deadlines.body).not.toContain('X-PLAN-ITEM:24');
  });
});

describe('search', () => {
  it('one match opens the organization at once; several show the list', async () => {
    for (const q of ['ласточ', 'ЛАСТОЧКА', 'Детский сад № 4', 'МБДОУ «Детский сад № 4 „Ласточка“»']) {
      const res = await get(`/organizations?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q).toBe(303);
      expect(res.headers.location).toBe('/organizations/ds-4-lastochka');
    }
    // «ё» = «е»: the registry writes «Ручеек».
    expect((await get(`/organizations?q=${encodeURIComponent('ручеёк')}`)).headers.location).toBe('/organizations/ds-16-rucheek');
    expect((await get(`/organizations?q=${encodeURIComponent('сош')}`)).statusCode).toBe(200);
  });

  it('the home page leads with the search box and offers every name to the browser without the script', async () => {
    const res = await get('/');
    expect(res.body.indexOf('id="q"')).toBeLessThan(res.body.indexOf('Календари по типам организаций'));
    expect(res.body).toContain('<form class="search" method="get" action="/organizations"');
    expect(res.body.match(/<option value=/g)).toHaveLength(pages.app.dataStore.current.registry.organizations.length);
  });
});

describe('errors for people', () => {
  it.each(['/plan/', '/feeds/x.ics', '/no/such/page', '/feeds/organizations/nobody.ics'])('%s: a browser gets the Russian HTML 404 with the search box, a tool problem+json', async (url) => {
    const browser = await get(url, { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' });
    expect(browser.statusCode).toBe(404);
    expect(browser.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(browser.body).toContain('Страница не найдена');
    expect(browser.body).toContain('name="q"');
    expect(browser.body).toContain('href="/organizations"');
    for (const accept of [undefined, '*/*', 'application/json', 'text/calendar']) {
      const tool = await get(url, accept === undefined ? {} : { accept });
      expect(tool.statusCode).toBe(404);
      expect(tool.headers['content-type']).toBe('application/problem+json');
    }
  });
});

describe('official and honest', () => {
  it('every page names the department, the data date and, while the registry is the sample, says so', async () => {
    for (const url of ['/', '/organizations', '/plan', '/types/preschool', '/organizations/sosh-6']) {
      const res = await get(url);
      expect(res.body).toContain('Отдел образования администрации муниципального образования городского округа «Инта»');
      expect(res.body).toContain('Данные обновлены 1&nbsp;декабря 2026&nbsp;г.'.replace(/&nbsp;/g, '\u00a0'));
      expect(res.body).toContain('<strong>Пример реестра.</strong>');
    }
  });

  it('shows the contact from plan.json and no banner for an official registry', async () => {
    await pages.copy.editJson('plan.json', (json) => {
      (json['meta'] as Record<string, unknown>)['contact'] = { phone: '8 (82145) 0-00-00', email: 'uo@example.ru' };
    });
    await pages.copy.editJson('data/organizations.json', (json) => {
      delete (json['source'] as Record<string, unknown>)['sample'];
    });
    await pages.app.dataStore.reload();
    try {
      const res = await get('/');
      expect(res.body).toContain('<a href="tel:880000000">'.replace('880000000', '88214500000'));
      expect(res.body).toContain('<a href="mailto:uo@example.ru">uo@example.ru</a>');
      expect(res.body).not.toContain('Пример реестра.');
    } finally {
      await pages.copy.editJson('plan.json', (json) => {
        delete (json['meta'] as Record<string, unknown>)['contact'];
      });
      await pages.copy.editJson('data/organizations.json', (json) => {
        (json['source'] as Record<string, unknown>)['sample'] = true;
      });
      await pages.app.dataStore.reload();
    }
  });
});

describe('print and hand out', () => {
  it('the memo and the page QR code point to the organization page, not to the .ics', async () => {
    const memo = await get('/organizations/ds-4-lastochka/memo');
    expect(memo.statusCode).toBe(200);
    expect(memo.body).toContain(`aria-label="QR-код адреса страницы организации: ${PUBLIC_URL}/organizations/ds-4-lastochka"`);
    expect(memo.body).toContain(`${PUBLIC_URL}/feeds/organizations/ds-4-lastochka.ics`);
    expect(memo.body).toContain('Как подписаться');
    const page = await get('/organizations/ds-4-lastochka');
    expect(page.body).toContain(`aria-label="QR-код адреса этой страницы: ${PUBLIC_URL}/organizations/ds-4-lastochka"`);
    expect(page.body).toContain('href="/organizations/ds-4-lastochka/memo"');
  });
});

describe('the methodologist’s table', () => {
  it('lists every organization with its links and who polled its feed', async () => {
    const stats = new SubscriptionStats();
    stats.record('/feeds/organizations/sosh-5.ics', 'Google-Calendar-Importer', TODAY);
    stats.record('/feeds/organizations/sosh-5.ics', 'iOS/17.5 dataaccessd/1.0', new Date(TODAY.getTime() - 10 * 86_400_000));
    const data = pages.app.dataStore.current;
    const html = await renderMethodologistTable(
      { data, publicUrl: PUBLIC_URL, today: '2026-08-20', options: DEFAULT_FEED_OPTIONS, device: 'other' },
      { base: '', siteTitle: 'x', assets: { css: '/assets/app.css', js: '/assets/app.js' }, identity: { department: 'Отдел', updated: '2026-11-29', version: '1', sampleRegistry: false } },
      stats.counts(TODAY),
    );
    const rows = html.match(/<tr[ >]/g) ?? [];
    expect(rows).toHaveLength(data.registry.organizations.length + 1);
    expect(html.match(/<tr class="never">/g)).toHaveLength(data.registry.organizations.length - 1);
    const sosh5 = html.slice(html.indexOf('/organizations/sosh-5"'), html.indexOf('</tr>', html.indexOf('/organizations/sosh-5"')));
    expect(sosh5).toContain('<td><strong>1</strong><br><span class="hint">Google: 1</span></td>');
    expect(sosh5).toContain('<td><strong>2</strong><br><span class="hint">Google: 1, Apple: 1</span></td>');
    expect(sosh5).toContain('/organizations/sosh-5/memo');
    expect(sosh5).toContain('&lt;iframe');
    expect(html).toContain(`Без подписчиков за 30 дней: <strong>${data.registry.organizations.length - 1}</strong>`);
  });
});
