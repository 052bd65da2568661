/** The one reading of `reminders`, `daily` and `items` that feeds and pages share. */
import { describe, expect, it } from 'vitest';
import { readFeedOptions } from '../src/render/feed-options.js';
import { loadDataset } from '../src/data/load.js';

const { plan } = await loadDataset({ planFile: 'plan.json', dataDir: 'data' });

describe('readFeedOptions', () => {
  it.each([
    [{}, { reminders: [], daily: true }],
    [{ reminders: '7,1,7', daily: '0' }, { reminders: [1, 7], daily: false }],
    [{ reminders: '0,30,14', daily: '1' }, { reminders: [0, 14, 30], daily: true }],
  ])('reads %j the same way from a feed URL and from a page', (query, options) => {
    expect(readFeedOptions(query, 'feed', plan)).toEqual({ ok: true, options });
    expect(readFeedOptions(query, 'page')).toEqual({ ok: true, options });
  });

  it('reads items for feeds only, and refuses an item the plan does not have', () => {
    expect(readFeedOptions({ items: '12,3,3' }, 'feed', plan)).toEqual({ ok: true, options: { reminders: [], daily: true, items: [3, 12] } });
    expect(readFeedOptions({ items: '12' }, 'page')).toEqual({ ok: true, options: { reminders: [], daily: true } });
    expect(readFeedOptions({ items: '99' }, 'feed', plan)).toMatchObject({ ok: false, parameter: 'items', message: expect.stringContaining('Пункта 99 нет в плане') });
  });

  it('refuses the same offsets and counts in either shape, each message in its own words', () => {
    expect(readFeedOptions({ reminders: '30,4' }, 'feed', plan)).toMatchObject({ ok: false, parameter: 'reminders', message: expect.stringContaining('Напоминания за 4 дн. нет') });
    expect(readFeedOptions({ reminders: ['30', ' 4 '] }, 'page')).toMatchObject({ ok: false, parameter: 'reminders', message: expect.stringContaining('Напоминание «4» не подходит') });
    for (const shape of ['feed', 'page'] as const) {
      expect(readFeedOptions({ reminders: '1,2,3,5' }, shape, plan)).toMatchObject({ ok: false, message: 'Указано напоминаний: 4; можно не более 3 сразу.' });
    }
  });
});
