/**
 * The public pages lead to what changed: the home page and each organization page announce
 * their Atom feed of changes in the head (feed readers and browsers find it there), and every
 * page's footer links «Что изменилось» next to the data's date, an organization's also its feed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/http/app.js';
import { buildTestApp, copyData, LOADED_AT, storeFor, testConfig, type TestApp } from './helpers/app.js';

const ORGANIZATION = 'sosh-6';

/** `<link rel="alternate" …>` tags of the head as attribute maps. */
function alternates(body: string): Record<string, string>[] {
  const head = body.slice(0, body.indexOf('</head>'));
  return [...head.matchAll(/<link rel="alternate"([^>]*)>/g)].map((m) =>
    Object.fromEntries([...(m[1] ?? '').matchAll(/\s([a-z]+)="([^"]*)"/g)].map((a) => [a[1] ?? '', a[2] ?? ''])),
  );
}

const footer = (body: string) => body.slice(body.indexOf('<footer'), body.indexOf('</footer>'));

let site: TestApp;

beforeAll(async () => {
  site = await buildTestApp();
});

afterAll(async () => {
  await site?.close();
});

describe('links to what changed', () => {
  it('the home page announces /changes.atom in its head, titled as the feed', async () => {
    const home = await site.app.inject('/');
    expect(alternates(home.body)).toEqual([
      { type: 'application/atom+xml', title: 'Изменения календарей: Типовой план работы ОО по ведению ГИС ЭО', href: '/changes.atom' },
    ]);
    const feed = await site.app.inject('/changes.atom');
    expect(feed.statusCode).toBe(200);
    expect(feed.body).toContain('<title>Изменения календарей: Типовой план работы ОО по ведению ГИС ЭО</title>');
  });

  it('an organization page announces its own feed, and its footer links it next to «Что изменилось»', async () => {
    const page = await site.app.inject(`/organizations/${ORGANIZATION}`);
    const [link] = alternates(page.body);
    expect(link).toEqual({ type: 'application/atom+xml', title: 'Изменения календаря: МБОУ «СОШ №\u00a06»', href: `/organizations/${ORGANIZATION}/changes.atom` });
    const feed = await site.app.inject(link?.href ?? '');
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(footer(page.body)).toMatch(
      new RegExp(`Данные обновлены [^<]+\\. <a href="/changes">Что изменилось</a> \\(<a href="/organizations/${ORGANIZATION}/changes\\.atom" type="application/atom\\+xml">`),
    );
  });

  it('every other page links /changes in its footer and announces no feed of its own', async () => {
    for (const url of ['/organizations', '/plan', '/types/general', '/changes']) {
      const page = await site.app.inject(url);
      expect(page.statusCode, url).toBe(200);
      expect(footer(page.body), url).toContain('<a href="/changes">Что изменилось</a>.');
      if (url !== '/changes') expect(alternates(page.body), url).toEqual([]);
    }
  });

  it('under a path, the links carry it', async () => {
    const copy = await copyData();
    const app = await buildApp({ store: await storeFor(copy), config: testConfig(copy, { publicUrl: 'https://eo.example.test/eo' }), clock: () => LOADED_AT });
    try {
      const page = await app.inject(`/organizations/${ORGANIZATION}`);
      expect(alternates(page.body)[0]?.href).toBe(`/eo/organizations/${ORGANIZATION}/changes.atom`);
      expect(footer(page.body)).toContain('<a href="/eo/changes">Что изменилось</a>');
    } finally {
      await app.close();
      await copy.remove();
    }
  });
});
