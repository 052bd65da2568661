/**
 * Issue 10, «deadlines on days off»: with plan.meta.onDayOff `previousWorkingDay` (shipped) no
 * `date` deadline of any bundled feed, expanded by ical.js, falls on a Saturday, Sunday or
 * holiday in 2026–2029; each clash the issue names moves where it should and says so; the JSON
 * gives the order's day and the calendar's; `keep` leaves the order's days and says they are off.
 */
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { seriesFor } from '../src/domain/engine.js';
import type { Audience, Dataset } from '../src/domain/model.js';
import type { OnDayOff } from '../src/domain/schema.js';
import { provisionalWorkingDays } from '../src/domain/provisional/working-days.js';
import { workingCalendarOf } from '../src/domain/working-days.js';
import { DEFAULT_FEED_OPTIONS } from '../src/render/feed-options.js';
import { renderFeed } from '../src/render/ics/index.js';
import { occurrencesDocument } from '../src/render/json/occurrences.js';
import { agenda } from './helpers/agenda.js';
import { PUBLIC_URL, bundledAudiences, bundledDataset, eventBlocks, propertyValue, unescapeText } from './helpers/ics.js';

let data: Dataset;
beforeAll(async () => {
  data = await bundledDataset();
});

const GENERAL: Audience = { kind: 'type', type: 'general' };
const PRESCHOOL: Audience = { kind: 'type', type: 'preschool' };
const withPolicy = (policy: OnDayOff): Dataset => ({ ...data, plan: { ...data.plan, meta: { ...data.plan.meta, onDayOff: policy } } });
const feed = (d: Dataset, audience: Audience) => renderFeed(d, audience, DEFAULT_FEED_OPTIONS, { publicUrl: PUBLIC_URL });

/** Days of item `n` in `year` in the feed, as ical.js expands it. */
function feedDays(d: Dataset, audience: Audience, n: number, year: number): string[] {
  return agenda(feed(d, audience), `${year}-12-31`)
    .filter((e) => e.items.length === 1 && e.items[0] === n && e.day.startsWith(String(year)))
    .map((e) => e.day)
    .sort();
}

describe('no `date` deadline on a day off, 2026–2029', () => {
  it('in any bundled feed (RRULE with EXDATE, moved days as their own events)', () => {
    const working = workingCalendarOf(data);
    for (const audience of bundledAudiences(data)) {
      // a date rule's events: the yearly one (`<key>.<scope>`) and each moved year (`<key>.<year>.<scope>`)
      const keys = seriesFor(data, audience).series.filter((s) => s.kind === 'date').map((s) => `${s.key}.`);
      const dated = agenda(feed(data, audience), '2029-12-31').filter((e) => e.day >= '2026-01-01' && keys.some((k) => e.uid.startsWith(k)));
      expect(dated.length, JSON.stringify(audience.kind)).toBeGreaterThan(0);
      for (const e of dated) {
        const weekday = DateTime.fromISO(e.day, { zone: 'Europe/Moscow' }).weekday;
        expect(weekday <= 5 && working.isWorkingDay(e.day), `${e.uid} on ${e.day}`).toBe(true);
      }
    }
  });

  it('moves each clash the issue names to the working day before', () => {
    // «до 5 сентября» (items 10 and 14 for kindergartens): Saturday 5.09.2026, Sunday 5.09.2027
    expect(feedDays(data, PRESCHOOL, 10, 2026)).toEqual(['2026-09-04']);
    expect(feedDays(data, PRESCHOOL, 14, 2026)).toEqual(['2026-09-04']);
    expect(feedDays(data, PRESCHOOL, 10, 2027)).toEqual(['2027-09-03']);
    expect(feedDays(data, PRESCHOOL, 14, 2027)).toEqual(['2027-09-03']);
    // item 3 «до 1 февраля»: Sunday 1.02.2026
    expect(feedDays(data, GENERAL, 3, 2026)).toEqual(['2026-01-30']);
    // items 8, 9 «до 3 сентября» and 12, 13 «до 10 сентября»: Sundays in 2028
    expect(feedDays(data, GENERAL, 8, 2028)).toEqual(['2028-09-01']);
    expect(feedDays(data, PRESCHOOL, 9, 2028)).toEqual(['2028-09-01']);
    expect(feedDays(data, GENERAL, 12, 2028)).toEqual(['2028-09-08']);
    expect(feedDays(data, GENERAL, 13, 2028)).toEqual(['2028-09-08']);
    // a year without a clash keeps the order's day
    expect(feedDays(data, PRESCHOOL, 10, 2029)).toEqual(['2029-09-05']);
  });

  it('says in the moved event what the order says and where the deadline went', () => {
    const block = eventBlocks(feed(data, PRESCHOOL)).find((b) => b.includes('UID:i10.s0.r0.2026.preschool@eo-calendar'));
    expect(block).toBeDefined();
    const description = unescapeText(propertyValue(block ?? [], 'DESCRIPTION') ?? '');
    expect(description.split('\n')[0]).toBe('По приказу — до 5 сентября (суббота); срок в календаре перенесён на пятницу, 4 сентября.');
    // 2027 is not checked against its decree: the moved day is provisional, in the title too
    const y2027 = eventBlocks(feed(data, PRESCHOOL)).find((b) => b.includes('UID:i10.s0.r0.2027.preschool@eo-calendar')) ?? [];
    expect(propertyValue(y2027, 'SUMMARY')).toMatch(/\(предварительно\)$/);
    expect(unescapeText(propertyValue(y2027, 'DESCRIPTION') ?? '')).toContain('Предварительно: производственный календарь 2027 года не сверен с постановлением Правительства.');
    // the yearly event leaves the moved years out with EXDATE in its own value type
    const yearly = eventBlocks(feed(data, PRESCHOOL)).find((b) => b.includes('UID:i10.s0.r0.preschool@eo-calendar')) ?? [];
    expect(yearly.find((l) => l.startsWith('EXDATE'))).toMatch(/^EXDATE;VALUE=DATE:(\d{8},)*20260905,20270905(,\d{8})*$/);
  });

  it('gives the order’s day and the calendar’s in the JSON', () => {
    const doc = occurrencesDocument(data, PRESCHOOL, { from: '2026-09-01', to: '2026-09-30' }, { daily: false, items: [10] });
    expect(doc.occurrences.filter((o) => o.kind === 'date')).toEqual([expect.objectContaining({ item: 10, kind: 'date', start: '2026-09-04', end: '2026-09-04', orderDate: '2026-09-05', provisional: false })]);
    const plain = occurrencesDocument(data, PRESCHOOL, { from: '2029-09-01', to: '2029-09-30' }, { daily: false, items: [10] });
    expect(plain.occurrences.filter((o) => o.kind === 'date')).toEqual([expect.objectContaining({ start: '2029-09-05', orderDate: '2029-09-05' })]);
  });

  it('keeps an opening on its day and says when that day is off', () => {
    expect(feedDays(data, GENERAL, 4, 2028)).toEqual(['2028-04-01']); // a Saturday
    const yearly = eventBlocks(feed(data, GENERAL)).find((b) => b.includes('UID:i4.s0.r0.general@eo-calendar')) ?? [];
    expect(unescapeText(propertyValue(yearly, 'DESCRIPTION') ?? '')).toContain('Выходной день: 1 апреля 2028 г. — суббота; 1 апреля 2029 г. — воскресенье; возможность открывается в этот день');
  });
});

describe('a decree replacing a provisional production-calendar year', () => {
  it('keeps the moved event’s UID and drops its provisional mark', () => {
    const summaryOf = (d: Dataset) =>
      propertyValue(eventBlocks(feed(d, GENERAL)).find((b) => b.includes('UID:i8.s0.r0.2028.general@eo-calendar')) ?? [], 'SUMMARY');
    expect(summaryOf(data)).toBe('п. 8. Зачисление в 1-е и 10-е классы (предварительно)');
    // what `npm run import-working-days -- 2028.xml --verified` would add: the art. 112 days, now by decree
    const decree = { ...provisionalWorkingDays(2028), source: 'Постановление (тест)', verified: true };
    const imported: Dataset = { ...data, workingDays: [...data.workingDays, decree] };
    expect(summaryOf(imported)).toBe('п. 8. Зачисление в 1-е и 10-е классы');
    expect(workingCalendarOf(imported).unverifiedReason(2028)).toBeUndefined();
  });
});

describe('the other policies', () => {
  it('keep: the order’s days unchanged, and the event says they are days off', () => {
    const keep = withPolicy('keep');
    expect(feedDays(keep, PRESCHOOL, 10, 2026)).toEqual(['2026-09-05']);
    expect(feedDays(keep, PRESCHOOL, 10, 2027)).toEqual(['2027-09-05']);
    expect(feedDays(keep, GENERAL, 3, 2026)).toEqual(['2026-02-01']);
    expect(feedDays(keep, GENERAL, 12, 2028)).toEqual(['2028-09-10']);
    const text = feed(keep, PRESCHOOL);
    expect(text).not.toContain('EXDATE;VALUE=DATE');
    const yearly = eventBlocks(text).find((b) => b.includes('UID:i10.s0.r0.preschool@eo-calendar')) ?? [];
    expect(unescapeText(propertyValue(yearly, 'DESCRIPTION') ?? '')).toContain('Выходной день: 5 сентября 2026 г. — суббота; 5 сентября 2027 г. — воскресенье');
    const doc = occurrencesDocument(keep, PRESCHOOL, { from: '2026-09-01', to: '2026-09-30' }, { daily: false, items: [10] });
    expect(doc.occurrences.find((o) => o.kind === 'date')).toMatchObject({ start: '2026-09-05', orderDate: '2026-09-05' });
  });

  it('nextWorkingDay: the Monday after', () => {
    const next = withPolicy('nextWorkingDay');
    expect(feedDays(next, PRESCHOOL, 10, 2026)).toEqual(['2026-09-07']);
    expect(feedDays(next, GENERAL, 3, 2026)).toEqual(['2026-02-02']);
    const block = eventBlocks(feed(next, PRESCHOOL)).find((b) => b.includes('UID:i10.s0.r0.2026.preschool@eo-calendar')) ?? [];
    expect(unescapeText(propertyValue(block, 'DESCRIPTION') ?? '').split('\n')[0]).toBe(
      'По приказу — до 5 сентября (суббота); срок в календаре перенесён на понедельник, 7 сентября.',
    );
  });
});
