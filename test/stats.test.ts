import { describe, expect, it } from 'vitest';
import { clientId, clientKindOf, SubscriptionStats } from '../src/stats/subscriptions.js';

const DAY = 86_400_000;
const NOW = new Date('2026-08-20T09:00:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);

describe('subscription statistics', () => {
  it('tells calendar clients apart by User-Agent', () => {
    expect(
      [
        'Google-Calendar-Importer',
        'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)',
        'Mozilla/5.0 (compatible; YandexCalendar/1.0)',
        'iOS/17.5.1 (21F90) dataaccessd/1.0',
        'macOS/14.5 (23F79) CalendarAgent/988',
        'curl/8.5.0',
        undefined,
      ].map(clientKindOf),
    ).toEqual(['google', 'microsoft', 'yandex', 'apple', 'apple', 'other', 'other']);
  });

  it('gives a client an id of 53 bits that depends on the salt, the feed and the User-Agent, and on where one ends', () => {
    const salt = new Uint32Array([0x12345678, 0x9abcdef0]);
    const id = clientId(salt, '/feeds/general.ics', 'Google-Calendar-Importer');
    expect(Number.isSafeInteger(id) && id >= 0).toBe(true);
    expect(clientId(new Uint32Array([0x12345678, 0x9abcdef0]), '/feeds/general.ics', 'Google-Calendar-Importer')).toBe(id);
    expect(clientId(new Uint32Array([0x12345679, 0x9abcdef0]), '/feeds/general.ics', 'Google-Calendar-Importer')).not.toBe(id);
    expect(clientId(salt, '/feeds/general.ics', 'Google-Calendar-Importer ')).not.toBe(id);
    expect(clientId(salt, '/feeds/general.icsG', 'oogle-Calendar-Importer')).not.toBe(id);
    expect(clientId(salt, '/feeds/a', 'b')).not.toBe(clientId(salt, '/feeds/ab', ''));
    expect(clientId(salt, '/feeds/a\0', 'b')).not.toBe(clientId(salt, '/feeds/a', '\0b'));
    // 20 000 User-Agents that differ in one character or two: no two share an id.
    const ids = new Set<number>();
    for (let i = 0; i < 20_000; i += 1) ids.add(clientId(salt, '/feeds/all.ics', `Mozilla/5.0 client-${i}`));
    expect(ids.size).toBe(20_000);
  });

  it('counts distinct clients per feed in the last 7 and 30 days, by kind', () => {
    const stats = new SubscriptionStats();
    const feed = '/feeds/organizations/sosh-5.ics';
    // One Google importer polling many times is one client.
    for (let i = 0; i < 20; i += 1) stats.record(feed, 'Google-Calendar-Importer', daysAgo(i % 3));
    stats.record(feed, 'iOS/17.5.1 (21F90) dataaccessd/1.0', daysAgo(10));
    stats.record(feed, 'iOS/16.0 (20A362) dataaccessd/1.0', daysAgo(40));
    stats.record('/feeds/general.ics', 'Microsoft Outlook', daysAgo(1));
    expect(stats.counts(NOW)).toEqual([
      { feed: '/feeds/general.ics', last7: { google: 0, microsoft: 1, apple: 0, yandex: 0, other: 0 }, last30: { google: 0, microsoft: 1, apple: 0, yandex: 0, other: 0 } },
      { feed, last7: { google: 1, microsoft: 0, apple: 0, yandex: 0, other: 0 }, last30: { google: 1, microsoft: 0, apple: 1, yandex: 0, other: 0 } },
    ]);
  });

  it('keeps a bounded number of clients, dropping the longest unseen', () => {
    const stats = new SubscriptionStats({ maxClients: 3 });
    for (let i = 0; i < 10; i += 1) stats.record('/feeds/all.ics', `client-${i}`, NOW);
    expect(stats.size).toBe(3);
    expect(stats.counts(NOW)[0]?.last7.other).toBe(3);
  });

  it('evicts the client with the oldest last poll day, and a later poll makes a client young again', () => {
    const stats = new SubscriptionStats({ maxClients: 2 });
    const feed = '/feeds/all.ics';
    stats.record(feed, 'Google-Calendar-Importer', daysAgo(3));
    stats.record(feed, 'YandexCalendar/1.0', daysAgo(2));
    // Google polls again on a later day (several times): Yandex is now the longest unseen.
    for (let i = 0; i < 3; i += 1) stats.record(feed, 'Google-Calendar-Importer', daysAgo(1));
    // A poll dated before the last one seen does not make a client older.
    stats.record(feed, 'Google-Calendar-Importer', daysAgo(20));
    stats.record(feed, 'Microsoft Outlook 16.0', NOW);
    expect(stats.size).toBe(2);
    expect(stats.counts(NOW)[0]?.last7).toEqual({ google: 1, microsoft: 1, apple: 0, yandex: 0, other: 0 });
  });
});

describe('feed polls', () => {
  it('are counted per feed and client kind by the app, queries and 304s included, errors not', async () => {
    const { buildPagesApp, TODAY } = await import('./helpers/pages.js');
    const pages = await buildPagesApp();
    try {
      const poll = (url: string, ua: string, headers: Record<string, string> = {}) => pages.app.inject({ url, headers: { 'user-agent': ua, ...headers } });
      const first = await poll('/feeds/organizations/sosh-5.ics', 'Google-Calendar-Importer');
      await poll('/feeds/organizations/sosh-5.ics?reminders=1', 'Google-Calendar-Importer', { 'if-none-match': String(first.headers['etag']) });
      await poll('/feeds/organizations/sosh-5.ics', 'Microsoft Outlook 16.0');
      await poll('/feeds/organizations/nobody.ics', 'Google-Calendar-Importer');
      await poll('/api/plan', 'Google-Calendar-Importer');
      // The first request for a feed waits for its rendering; a HEAD only checks and is not a poll.
      await poll('/feeds/general.ics', 'YandexCalendar/1.0');
      expect((await pages.app.inject({ method: 'HEAD', url: '/feeds/general.ics', headers: { 'user-agent': 'iOS/17.5.1 dataaccessd/1.0' } })).statusCode).toBe(200);
      expect(pages.app.subscriptionStats.counts(TODAY)).toEqual([
        {
          feed: '/feeds/general.ics',
          last7: { google: 0, microsoft: 0, apple: 0, yandex: 1, other: 0 },
          last30: { google: 0, microsoft: 0, apple: 0, yandex: 1, other: 0 },
        },
        {
          feed: '/feeds/organizations/sosh-5.ics',
          last7: { google: 1, microsoft: 1, apple: 0, yandex: 0, other: 0 },
          last30: { google: 1, microsoft: 1, apple: 0, yandex: 0, other: 0 },
        },
      ]);
    } finally {
      await pages.close();
    }
  });
});
