/** Occurrences for a date range: overlap, order, keys, missing data of the range. */
import { describe, expect, it } from 'vitest';
import { expandSeries, occurrencesFor, seriesFor } from '../src/domain/engine.js';
import type { Audience, Occurrence, WeeklySeries } from '../src/domain/model.js';
import { buildDataset, organization } from './helpers/dataset.js';
import { ITEMS, SCHOOL_YEARS, SCHOOL_YEARS_TWO, WORKING_2025, WORKING_2026, WORKING_2027 } from './helpers/engine-fixtures.js';

const data = buildDataset({ items: ITEMS, schoolYears: SCHOOL_YEARS_TWO, workingDays: [WORKING_2025, WORKING_2026, WORKING_2027] });
const ALL: Audience = { kind: 'all' };
const GENERAL: Audience = { kind: 'type', type: 'general' };
const PRESCHOOL: Audience = { kind: 'type', type: 'preschool' };

function expectOrdered(occurrences: readonly Occurrence[]): void {
  const keys = occurrences.map((o) => o.key);
  expect(new Set(keys).size, 'unique keys').toBe(keys.length);
  for (let i = 1; i < occurrences.length; i++) {
    const [a, b] = [occurrences[i - 1] as Occurrence, occurrences[i] as Occurrence];
    const order = [a.start.localeCompare(b.start), a.item - b.item, a.schedule - b.schedule, a.rule - b.rule, a.key < b.key ? -1 : 1].find((c) => c !== 0);
    expect(order, `${a.key} before ${b.key}`).toBeLessThan(0);
  }
}

describe('occurrencesFor', () => {
  it('orders two school years of every audience by start, item, schedule, rule, key, with unique keys', () => {
    const range = { from: '2025-09-01', to: '2027-08-31' };
    for (const audience of [ALL, GENERAL, PRESCHOOL, { kind: 'type', type: 'additional' } as Audience, { kind: 'organization', organization: organization('x', ['general', 'preschool'], { weekDays: 6 }) } as Audience]) {
      const { occurrences } = occurrencesFor(data, audience, range);
      expect(occurrences.length).toBeGreaterThan(100);
      expectOrdered(occurrences);
      for (const o of occurrences) {
        const prefix = o.kind === 'standing' ? 'standing.' : `i${o.item}.s${o.schedule}.r${o.rule}`;
        expect(o.key.startsWith(prefix) && o.key.endsWith(`.${o.start}`)).toBe(true);
      }
    }
  });

  it('crosses a year boundary', () => {
    const { occurrences } = occurrencesFor(data, ALL, { from: '2025-12-29', to: '2026-01-13' }, { daily: false });
    expect(occurrences.map((o) => [o.key, o.start, o.end, o.label])).toEqual([
      ['i19.s0.r0.halfYears.2025-2026.t1.2025-12-30', '2025-12-30', '2025-12-30', '1-е полугодие 2025/26'],
      ['i19.s0.r0.quarters.2025-2026.t2.2025-12-30', '2025-12-30', '2025-12-30', '2-я четверть 2025/26'],
      ['i1.s0.r0.m1.2026-01-01', '2026-01-01', '2026-01-31', 'январь'],
      ['i2.s0.r0.2026-01-01', '2026-01-01', '2026-01-31', undefined],
    ]);
    const daily = occurrencesFor(data, GENERAL, { from: '2025-12-29', to: '2026-01-13' }, { items: [18] }).occurrences;
    expect(daily.map((o) => o.start)).toEqual(['2025-12-29', '2025-12-30', '2026-01-12', '2026-01-13']);
    expect(daily.every((o) => !o.allDay && o.time === '15:00' && o.durationMinutes === 30)).toBe(true);
  });

  it('includes an occurrence that spans a boundary of the range', () => {
    const last = occurrencesFor(data, GENERAL, { from: '2026-08-31', to: '2026-09-01' }, { daily: false }).occurrences;
    expect(last.map((o) => o.key)).toContain('i7.s0.r0.2026-06-01');
    expect(last.map((o) => o.key)).toContain('i1.s0.r0.m9.2026-09-01');
    const first = occurrencesFor(data, PRESCHOOL, { from: '2026-01-31', to: '2026-01-31' }).occurrences;
    expect(first.map((o) => o.key)).toEqual(['i1.s0.r0.m1.2026-01-01', 'i2.s0.r0.2026-01-01']);
  });

  it('is empty for a range without occurrences, and still lists standing duties', () => {
    const result = occurrencesFor(data, PRESCHOOL, { from: '2026-02-02', to: '2026-02-28' }, { daily: false });
    expect(result.occurrences).toEqual([]);
    expect(result.standing.map((s) => s.item)).toEqual([12, 22]);
    expect(occurrencesFor(data, ALL, { from: '2026-02-02', to: '2026-02-01' }).occurrences).toEqual([]);
    expect(occurrencesFor(data, ALL, { from: '2019-01-01', to: '2024-08-31' })).toMatchObject({ occurrences: [], missing: [] });
  });

  it('refuses dates that do not exist', () => {
    expect(() => occurrencesFor(data, ALL, { from: '2026-02-30', to: '2026-03-01' })).toThrow(RangeError);
    expect(() => occurrencesFor(data, ALL, { from: '2026-02-01', to: 'tomorrow' })).toThrow(RangeError);
  });

  it('reports only the missing data of the school years in the range', () => {
    expect(occurrencesFor(data, ALL, { from: '2025-09-01', to: '2026-08-31' }).missing).toEqual([]);
    expect(occurrencesFor(data, ALL, { from: '2026-08-31', to: '2026-09-01' }).missing).toEqual(
      seriesFor(data, ALL).missing.filter((m) => m.schoolYear === '2026-2027'),
    );
  });

  it('reports school years the data lacks altogether, from the plan’s first school year on', () => {
    // 2027/28 is the horizon's last year (provisional calendars); after it nothing is generated
    expect(occurrencesFor(data, ALL, { from: '2028-01-01', to: '2028-01-31' }).missing).toEqual([
      { schoolYear: '2027-2028', what: 'finalAttestation', items: [20] },
    ]);
    expect(occurrencesFor(data, GENERAL, { from: '2028-09-01', to: '2028-09-30' }).missing).toEqual([
      { schoolYear: '2028-2029', what: 'terms', termSystem: 'quarters', items: [5, 18, 19, 20, 24] },
    ]);
    expect(occurrencesFor(data, PRESCHOOL, { from: '2028-01-01', to: '2028-01-31' }, { daily: false }).missing).toEqual([]);
    expect(occurrencesFor(data, GENERAL, { from: '2024-09-01', to: '2024-12-31' }).missing).toEqual([
      { schoolYear: '2024-2025', what: 'terms', termSystem: 'quarters', items: [5, 18, 19, 20, 24] },
    ]);
    expect(occurrencesFor(data, GENERAL, { from: '2023-09-01', to: '2024-08-31' }).missing).toEqual([]);
  });
});

describe('expandSeries', () => {
  const weekly: WeeklySeries = {
    key: 'k',
    item: 1,
    schedule: 0,
    rule: 0,
    kind: 'daily',
    wording: 'ежедневно',
    organizationTypes: ['general'],
    shape: 'weekly',
    schoolYear: '2025-2026',
    start: '2025-10-27',
    until: '2025-11-07',
    weekdays: ['MO', 'WE'],
    exdates: ['2025-11-05'],
    extraDates: ['2025-11-01', '2025-11-08'],
    time: '08:00',
    durationMinutes: 10,
    provisional: true,
  };

  it('yields the weekdays minus exdates plus extra dates, in order', () => {
    expect(expandSeries(weekly, { from: '2025-01-01', to: '2025-12-31' }).map((o) => o.start)).toEqual([
      '2025-10-27',
      '2025-10-29',
      '2025-11-01',
      '2025-11-03',
      '2025-11-08',
    ]);
    expect(expandSeries(weekly, { from: '2025-11-01', to: '2025-11-03' }).map((o) => [o.key, o.time, o.provisional])).toEqual([
      ['k.2025-11-01', '08:00', true],
      ['k.2025-11-03', '08:00', true],
    ]);
  });

  it('expands yearly series from their first year only', () => {
    const [yearly] = seriesFor(data, GENERAL).series.filter((s) => s.item === 3);
    if (!yearly) throw new Error('item 3');
    // 1.02.2025 (Saturday) and 1.02.2026 (Sunday) move to the working day before
    expect(expandSeries(yearly, { from: '2020-01-01', to: '2026-12-31' }).map((o) => [o.start, o.orderDate])).toEqual([
      ['2025-01-31', '2025-02-01'],
      ['2026-01-30', '2026-02-01'],
    ]);
    expect(expandSeries(yearly, { from: '2026-02-02', to: '2027-01-31' })).toEqual([]);
  });
});

it('does not depend on the machine’s time zone', () => {
  // vitest pins TZ=UTC; the engine never reads local time, so a Moscow-midnight boundary cannot shift days
  const range = { from: '2027-02-01', to: '2027-02-01' };
  expect(occurrencesFor(data, GENERAL, range, { daily: false }).occurrences.map((o) => o.start)).toEqual(['2027-02-01']);
});

it('computes the series once per data set and audience', () => {
  const fresh = buildDataset({ items: ITEMS, schoolYears: SCHOOL_YEARS, workingDays: [WORKING_2025, WORKING_2026] });
  expect(seriesFor(fresh, ALL)).toBe(seriesFor(fresh, ALL));
  expect(seriesFor(fresh, ALL)).not.toBe(seriesFor(data, ALL));
});
