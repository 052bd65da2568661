import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_URL } from './helpers/app.js';
import { buildPagesApp, HOSTILE, type PagesApp } from './helpers/pages.js';

let pages: PagesApp;

beforeAll(async () => {
  pages = await buildPagesApp();
});

afterAll(async () => {
  await pages?.close();
});

async function get(url: string, headers: Record<string, string> = {}) {
  return pages.app.inject({ method: 'GET', url, headers });
}

const decode = (text: string) =>
  text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&#96;/g, '`').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Attribute `name` of every start tag that has `data-link="role"`, decoded. */
function linkValues(body: string, role: string, name: 'href' | 'value'): string[] {
  const tags = body.match(new RegExp(`<(?:a|input)\\b[^>]*\\bdata-link="${role}"[^>]*>`, 'g')) ?? [];
  return tags.map((tag) => {
    const value = new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
    if (value === undefined) throw new Error(`no ${name} in ${tag}`);
    return decode(value);
  });
}

function qrPaths(body: string): string[] {
  return [...body.matchAll(/<path stroke="#000000" d="([^"]+)"/g)].map((m) => m[1] ?? '');
}

const PAGES = ['/', '/organizations', `/organizations/${HOSTILE.id}`, '/plan', '/embed/general', `/embed/organizations/${HOSTILE.id}`];

describe('pages', () => {
  it.each(PAGES)('%s is a Russian HTML document that loads only its own script', async (url) => {
    const res = await get(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body.startsWith('<!DOCTYPE html>\n<html lang="ru"')).toBe(true);
    // No external resource: every src/href to a script, style or image is local.
    const scripts = res.body.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts).toEqual([expect.stringMatching(/^<script src="\/assets\/app\.js\?v=[\w-]+" defer>$/)]);
    expect(res.body).not.toMatch(/<link\b[^>]*href="https?:/);
    expect(res.body).not.toMatch(/<img\b/);
    expect(res.body).not.toMatch(/\sstyle="/);
    expect(res.body).not.toMatch(/\son[a-z]+=/i);
  });

  it('the organization list groups the registry by type and links every organization', async () => {
    const res = await get('/organizations');
    expect(res.body).toContain('href="/organizations/licey-1"');
    expect(res.body).toContain('Дошкольные организации');
    // Both of the hostile organization's types list it.
    // Both of the hostile organization's types list it (the search box's suggestion is a third link).
    expect(res.body.split(`<a href="/organizations/${HOSTILE.id}"`).length - 1).toBe(2);
  });

  it('the search form filters on the server: non-matching entries are hidden, not dropped (the script can show them again)', async () => {
    // «сад» matches many; one match would open the organization at once (see the redirect test).
    const one = await get(`/organizations?q=${encodeURIComponent('ручеёк')}`);
    expect(one.statusCode).toBe(303);
    expect(one.headers.location).toBe('/organizations/ds-16-rucheek');
    const res = await get(`/organizations?q=${encodeURIComponent('детский сад')}`);
    expect(res.statusCode).toBe(200);
    const shown = [...res.body.matchAll(/<li data-search="[^"]*"><a href="\/organizations\/([\w-]+)"/g)].map((m) => m[1]);
    const registry = JSON.parse(await readFile(path.join(pages.copy.dataDir, 'organizations.json'), 'utf8')) as {
      organizations: { id: string; name: string }[];
    };
    const expected = registry.organizations.filter((o) => /детский сад/i.test(o.name)).map((o) => o.id);
    expect(expected).toHaveLength(8);
    expect(shown).toEqual(expected);
    expect(res.body).toContain('Найдено: 8\u00a0организаций');
    expect(res.body).toContain('value="детский сад"');
    expect(res.body).toContain(`<li data-search="`);
    expect(res.body).toMatch(/<li data-search="[^"]*" hidden><a href="\/organizations\/licey-1"/);
  });

  it('each type page lists its deadlines in Russian dates, the month ahead and the whole year', async () => {
    const preschool = (await get('/types/preschool')).body;
    const general = (await get('/types/general')).body;
    // Item 14 is due on 5 September for kindergartens (a Saturday in 2026: Friday 4 September in the calendar) and on 15 September for the others.
    expect(preschool).toMatch(/<time datetime="2026-09-04">4\u00a0сентября 2026\u00a0г\.<\/time><\/span> <span class="what"><a href="\/plan#item-14">/);
    expect(general).toMatch(/<time datetime="2026-09-15">15\u00a0сентября 2026\u00a0г\.<\/time><\/span> <span class="what"><a href="\/plan#item-14">/);
    expect(general).toContain('Все сроки: 1\u00a0сентября 2025\u00a0г. – 31\u00a0августа 2027\u00a0г.');
    expect(general).toMatch(/<summary>Прошедшие \(\d+\u00a0срок/);
    // The home page leads with the search; the order's number doubt lives on /plan.
    const home = (await get('/')).body;
    expect(home.indexOf('Найдите свою организацию')).toBeLessThan(home.indexOf('Календари по типам организаций'));
    expect(home).not.toContain('№ 113');
    expect((await get('/plan')).body).toContain('О номере приказа.');
  });

  it('the plan table has an anchor row per item with its wording, types and subsystems', async () => {
    const res = await get('/plan');
    const rows = [...res.body.matchAll(/<tr id="item-(\d+)">/g)].map((m) => Number(m[1]));
    expect(rows).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
    const row14 = res.body.slice(res.body.indexOf('<tr id="item-14">'), res.body.indexOf('<tr id="item-15">'));
    expect(row14).toContain('Дошкольные организации:</span> до 5\u00a0сентября');
    expect(row14).toContain('СГО');
    expect(res.body).toContain('приказ о ведении ГИС ЭО');
  });

  it('the organization page shows its settings, standing duties and school-year dates with provisional marks', async () => {
    const res = await get(`/organizations/${HOSTILE.id}`);
    expect(res.body).toContain('шестидневная');
    expect(res.body).toMatch(/п\.&nbsp;1\. [^<]+: сентябрь/);
    expect(res.body).toContain('Постоянные обязанности');
    expect(res.body).toContain('2026/27 учебный год');
    expect(res.body).toContain('1-я четверть:</span> 1\u00a0сентября');
    expect(res.body).toContain('Итоговая аттестация');
    const trimesters = await get('/organizations/gimnaziya-3');
    expect(trimesters.body).toContain('триместр');
    expect(trimesters.body).toContain('<abbr class="provisional" title="предварительная дата">*</abbr>');
    expect(trimesters.body.match(/class="legend"/g)).toHaveLength(1);
    // The school years the feed dates from generated calendars are on the page too, marked.
    for (const year of ['2027/28', '2028/29']) {
      expect(trimesters.body).toContain(`<h3>${year} учебный год</h3>`);
      const section = trimesters.body.slice(trimesters.body.indexOf(`<h3>${year} учебный год</h3>`));
      expect(section.slice(0, section.indexOf('</section>'))).toContain('предварительн');
    }
    // A kindergarten has no terms: its page shows none.
    const kindergarten = (await get('/organizations/ds-4-lastochka')).body;
    expect(kindergarten).not.toContain('Учебный год</h2>');
    expect(kindergarten).not.toContain('четверть');
  });
});

describe('escaping a hostile organization name', () => {
  const escapedShort = '&lt;script&gt;alert(2)&lt;/script&gt;&lt;b&gt;&quot;Школа&quot;&lt;/b&gt; &amp; &#39;Ко&#39;';
  const escapedFull = '&lt;script&gt;alert(1)&lt;/script&gt; «Школа» &quot;№ 1&quot; &#39;ООО&#39; &amp; Co — вторая часть';

  it.each(['/', '/organizations', `/organizations/${HOSTILE.id}`, `/embed/organizations/${HOSTILE.id}`, '/plan', '/embed/general'])(
    '%s never carries the raw markup',
    async (url) => {
      const res = await get(url);
      expect(res.body).not.toContain('<script>alert');
      expect(res.body).not.toContain('<b>');
      expect(res.body).not.toContain(HOSTILE.name);
      expect(res.body).not.toContain(HOSTILE.shortName);
    },
  );

  it('the list shows both names, escaped', async () => {
    const res = await get('/organizations');
    expect(res.body).toContain(`>${escapedShort}</a>`);
    expect(res.body).toContain(`<span class="full-name">${escapedFull.replace('№ 1', '№\u00a01')}</span>`);
  });

  it('the organization page shows them escaped in text, in the title, in the QR label and in the iframe code', async () => {
    const res = await get(`/organizations/${HOSTILE.id}`);
    expect(res.body).toContain(`">${escapedShort}</h1>`);
    expect(res.body).toContain(`<p class="lead">${escapedFull.replace('№ 1', '№\u00a01')}</p>`);
    expect(res.body).toContain(`<title>${escapedShort} — календарь сроков ГИС ЭО</title>`);
    // The iframe code is escaped for the snippet and then again as the textarea's text.
    expect(res.body).toContain('title=&quot;Сроки плана ГИС ЭО: &amp;lt;script&amp;gt;alert(2)');
    // The Outlook links carry the name URL-encoded.
    const [outlook] = linkValues(res.body, 'outlook-live', 'href');
    expect(new URL(outlook ?? '').searchParams.get('name')).toBe(`ГИС ЭО: ${HOSTILE.shortName}`);
  });

  it('the widget shows the name escaped', async () => {
    const res = await get(`/embed/organizations/${HOSTILE.id}`);
    expect(res.body).toContain(`<h1>Сроки плана ГИС ЭО: ${escapedShort}</h1>`);
  });

  it('an unknown id taken from the URL is escaped on the 404 page', async () => {
    const res = await get('/organizations/%3Cscript%3Ealert(3)%3C%2Fscript%3E');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('&lt;script&gt;alert(3)&lt;/script&gt;');
    expect(res.body).not.toContain('<script>alert');
  });
});

describe('subscribe links', () => {
  it('point to the feed with the options of the page, in every form', async () => {
    const res = await get(`/organizations/${HOSTILE.id}?daily=0&reminders=7&reminders=1`);
    const https = `${PUBLIC_URL}/feeds/organizations/${HOSTILE.id}.ics?reminders=1,7&daily=0`;
    expect(linkValues(res.body, 'webcal', 'href')).toEqual([https.replace('https://', 'webcal://')]);
    expect(linkValues(res.body, 'download', 'href')).toEqual([https]);
    expect(linkValues(res.body, 'https', 'value')).toEqual([https]);
    for (const role of ['outlook-live', 'outlook-office']) {
      const [link] = linkValues(res.body, role, 'href');
      const url = new URL(link ?? '');
      expect(url.origin).toBe(role === 'outlook-live' ? 'https://outlook.live.com' : 'https://outlook.office.com');
      expect(url.pathname).toBe('/calendar/0/addfromweb');
      expect(url.searchParams.get('url')).toBe(https);
    }
    expect(linkValues(res.body, 'google', 'href')).toEqual(['https://calendar.google.com/calendar/u/0/r/settings/addbyurl']);
    expect(res.body).toContain(`${PUBLIC_URL}/embed/organizations/${HOSTILE.id}?reminders=1,7&amp;amp;daily=0`);
    // The choices show the options that are in force.
    expect(res.body).toContain('name="daily" value="0" checked');
    expect(res.body).not.toContain('name="daily" value="1" checked');
    expect(res.body).toContain('name="reminders" value="7" checked');
    expect(res.body).not.toContain('name="reminders" value="3" checked');
  });

  it('change with the options; the QR code is the page’s, not the feed’s', async () => {
    const plain = await get('/types/general');
    const options = await get('/types/general?reminders=3&daily=1');
    expect(linkValues(plain.body, 'webcal', 'href')).toEqual(['webcal://eo.example.test/feeds/general.ics']);
    // daily=1 (links from when daily duties were out by default) is the default now: not repeated in the link.
    expect(linkValues(options.body, 'webcal', 'href')).toEqual(['webcal://eo.example.test/feeds/general.ics?reminders=3']);
    const [plainQr] = qrPaths(plain.body);
    expect(plainQr).toBeDefined();
    expect(qrPaths(options.body)[0]).toBe(plainQr);
    expect(plain.body).toContain('aria-label="QR-код адреса этой страницы: https://eo.example.test/types/general"');
  });

  it('a reminder from a shared link that the checkboxes do not offer stays selected', async () => {
    const res = await get('/types/general?reminders=14');
    expect(res.body).toContain('name="reminders" value="14" checked> за 14\u00a0дней');
  });

  it.each(['/types/general', '/types/preschool?daily=1&reminders=1,7', `/organizations/${HOSTILE.id}?reminders=3`, '/plan'])(
    'on %s every link opens a feed the service serves as a valid calendar',
    async (url) => {
      const res = await get(url);
      const links = new Set([
        ...linkValues(res.body, 'https', 'value'),
        ...linkValues(res.body, 'download', 'href'),
        ...linkValues(res.body, 'webcal', 'href').map((l) => l.replace(/^webcal:\/\//, 'https://')),
      ]);
      expect(links.size).toBeGreaterThan(0);
      for (const link of links) {
        expect(link.startsWith(`${PUBLIC_URL}/feeds/`)).toBe(true);
        const feed = await get(link.slice(PUBLIC_URL.length));
        expect(feed.statusCode, link).toBe(200);
        expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
        const calendar = new ICAL.Component(ICAL.parse(feed.body));
        expect(calendar.name).toBe('vcalendar');
        expect(calendar.getAllSubcomponents('vevent').length).toBeGreaterThan(0);
      }
    },
  );
});

describe('errors', () => {
  it.each([
    ['/?reminders=abc', 400, 'Напоминание «abc»'],
    ['/?reminders=61', 400, 'за 0, 1, 2, 3, 5, 7, 14 или 30 дн.'],
    ['/?reminders=4', 400, 'Напоминание «4» не подходит'],
    ['/?daily=yes', 400, 'daily'],
    ['/plan?reminders=1,2,3,5', 400, 'не более 3'],
    [`/organizations?q=${'я'.repeat(101)}`, 400, 'не более 100 символов'],
    ['/organizations?q=a&q=b', 400, 'один поисковый запрос'],
    ['/organizations/no-such-school', 404, 'Организации с идентификатором «no-such-school» нет в реестре'],
    ['/embed/nursery', 404, 'Виджета для «nursery» нет'],
    ['/embed/organizations/no-such-school', 404, 'нет в реестре'],
    ['/embed/general?daily=2', 400, 'daily'],
  ])('%s → %i as a Russian HTML page', async (url, status, detail) => {
    const res = await get(url);
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('<html lang="ru"');
    expect(res.body).toContain(status === 404 ? 'Страница не найдена' : 'Неверный адрес страницы');
    expect(res.body).toContain(detail);
  });
});

describe('headers', () => {
  const framing = (url: string) => (url.startsWith('/embed/') ? 'embed' : 'page');

  it.each([...PAGES, '/?reminders=abc', '/organizations/nope', '/embed/nope', '/embed/general?reminders=x'])(
    '%s has a strict policy and frame rules for its kind',
    async (url) => {
      const res = await get(url);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      if (framing(url) === 'embed') {
        expect(csp).toContain('frame-ancestors *');
        expect(res.headers['x-frame-options']).toBeUndefined();
      } else {
        expect(csp).toContain("frame-ancestors 'none'");
        expect(res.headers['x-frame-options']).toBe('DENY');
      }
    },
  );

  it('pages are cached briefly and revalidated by ETag; HEAD and compression work', async () => {
    const first = await get('/organizations/licey-1');
    expect(first.headers['cache-control']).toBe('public, max-age=300');
    const etag = String(first.headers['etag']);
    const again = await get('/organizations/licey-1', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    const head = await pages.app.inject({ method: 'HEAD', url: '/organizations/licey-1' });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    const br = await get('/organizations/licey-1', { 'accept-encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    // The subscribe block puts the visitor's own app first: caches key the page by User-Agent too.
    expect(br.headers['vary']).toBe('Accept-Encoding, User-Agent');
  });

  it('serves the stylesheet and the script; versioned links may be kept for a year', async () => {
    const page = await get('/');
    const css = /href="(\/assets\/app\.css\?v=[\w-]+)"/.exec(page.body)?.[1] ?? '';
    const js = /src="(\/assets\/app\.js\?v=[\w-]+)"/.exec(page.body)?.[1] ?? '';
    const cssRes = await get(css);
    expect(cssRes.statusCode).toBe(200);
    expect(cssRes.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(cssRes.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const jsRes = await get(js);
    expect(jsRes.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(jsRes.body).toContain('data-copy-from');
    const unversioned = await get('/assets/app.css');
    expect(unversioned.headers['cache-control']).toBe('public, max-age=300');
    // No external resources from the stylesheet either (fonts, images, imports).
    expect(cssRes.body).not.toMatch(/url\(|@import/);
  });
});

describe('today', () => {
  it('moves with the clock: a page rendered on another day lists other deadlines', async () => {
    const later = await buildPagesApp({ clock: () => new Date('2027-01-20T09:00:00Z') });
    try {
      const res = await later.app.inject({ url: '/types/preschool' });
      expect(res.body).toContain('Все сроки: 1\u00a0сентября 2026\u00a0г. – 31\u00a0августа 2027\u00a0г.');
      const month = res.body.slice(res.body.indexOf('В этом месяце'), res.body.indexOf('Все сроки:'));
      expect(month).toContain('<time datetime="2027-01-01">1–31\u00a0января 2027\u00a0г.</time>');
      const past = res.body.slice(res.body.indexOf('<details class="past">'), res.body.indexOf('</details>', res.body.indexOf('<details class="past">')));
      expect(past).toContain('Сентябрь 2026\u00a0г.');
    } finally {
      await later.close();
    }
  });
});
