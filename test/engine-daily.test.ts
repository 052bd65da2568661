/** «ежедневно»: weekly series with exceptions, checked against a brute-force day count. */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { expandSeries, occurrencesFor, seriesFor } from '../src/domain/engine.js';
import type { Audience, Dataset, WeeklySeries } from '../src/domain/model.js';
import type { Organization, TermCalendar, WorkingDaysYear } from '../src/domain/schema.js';
import { buildDataset, item, organization, schedule } from './helpers/dataset.js';
import { HALF_YEARS_2025_26, ITEMS, QUARTERS_2025_26, SCHOOL_YEARS, WORKING_2025, WORKING_2026 } from './helpers/engine-fixtures.js';

const WORKING = [WORKING_2025, WORKING_2026];
const data = buildDataset({ items: ITEMS, schoolYears: SCHOOL_YEARS, workingDays: WORKING });
const GENERAL: Audience = { kind: 'type', type: 'general' };
const YEAR = { from: '2025-09-01', to: '2026-08-31' };

function weeklyOf(d: Dataset, audience: Audience, number: number): WeeklySeries[] {
  // The data's school year; later years are provisional (test/engine-provisional.test.ts).
  return seriesFor(d, audience).series.filter((s): s is WeeklySeries => s.item === number && s.shape === 'weekly' && s.schoolYear === '2025-2026');
}

function only<T>(list: readonly T[]): T {
  expect(list).toHaveLength(1);
  return list[0] as T;
}

// ---- an independent brute force: luxon weekdays, the raw exception lists, the raw terms ----
function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = DateTime.fromISO(from, { zone: 'Europe/Moscow' }); d.toISODate()! <= to; d = d.plus({ days: 1 })) out.push(d.toISODate()!);
  return out;
}
const listed = new Map((WORKING as WorkingDaysYear[]).flatMap((y) => y.days.map((d) => [d.date, d.type] as const)));
const weekday = (d: string) => DateTime.fromISO(d, { zone: 'Europe/Moscow' }).weekday;
function bruteWorking(d: string): boolean {
  const type = listed.get(d);
  return type === undefined ? weekday(d) <= 5 : type !== 'nonWorking';
}
function bruteSchool(calendar: TermCalendar, weekDays: 5 | 6 = 5) {
  return (d: string): boolean => {
    if (!calendar.terms.some((t) => t.start <= d && d <= t.end)) return false;
    if (calendar.holidays.some((h) => !h.grades && h.start <= d && d <= h.end)) return false;
    const type = listed.get(d);
    if (type === 'nonWorking') return false;
    if (type !== undefined) return true;
    return weekday(d) <= (weekDays === 6 ? 6 : 5);
  };
}
const expanded = (series: WeeklySeries, range = YEAR) => expandSeries(series, range).map((o) => o.start);

describe('daily on school days', () => {
  const series = only(weeklyOf(data, GENERAL, 18));

  it('is a Monday–Friday series from the first to the last school day of the quarters', () => {
    expect(series).toMatchObject({
      key: 'i18.s0.r0.quarters.2025-2026',
      shape: 'weekly',
      kind: 'daily',
      schoolYear: '2025-2026',
      start: '2025-09-01',
      until: '2026-05-26',
      weekdays: ['MO', 'TU', 'WE', 'TH', 'FR'],
      extraDates: [],
      time: '15:00',
      durationMinutes: 30,
      provisional: false,
      organizationTypes: ['general'],
    });
  });

  it('excludes public holidays, moved days off and school holidays, not the grade-1 week', () => {
    for (const d of ['2025-11-04', '2026-01-09', '2026-02-23', '2026-03-09', '2025-10-27', '2025-10-31', '2025-12-31', '2026-01-02', '2026-03-30', '2026-04-03']) {
      expect(series.exdates, d).toContain(d);
    }
    expect(series.exdates).not.toContain('2026-02-16');
    expect(series.exdates.every((d) => weekday(d) <= 5 && d > series.start && d < series.until)).toBe(true);
    expect(expanded(series)).toContain('2026-02-16');
  });

  it('expands to exactly the brute-force school days', () => {
    const want = days(YEAR.from, YEAR.to).filter(bruteSchool(QUARTERS_2025_26));
    expect(expanded(series)).toEqual(want);
    expect(want.length).toBeGreaterThan(150);
    const half = only(weeklyOf(data, { kind: 'type', type: 'additional' }, 18));
    expect(expanded(half)).toEqual(days(YEAR.from, YEAR.to).filter(bruteSchool(HALF_YEARS_2025_26)));
  });

  it('adds a working Saturday inside a term as an extra date', () => {
    const own: TermCalendar = {
      terms: [{ name: '1-е полугодие', start: '2025-09-01', end: '2025-12-26' }, { name: '2-е полугодие', start: '2026-01-12', end: '2026-05-29' }],
      holidays: [],
    };
    const school = organization('own', ['general'], { schoolYears: { '2025-2026': own } });
    const s = only(weeklyOf(data, { kind: 'organization', organization: school }, 18));
    expect(s.key).toBe('i18.s0.r0.quarters.2025-2026');
    expect(s.extraDates).toEqual(['2025-11-01']);
    expect(expanded(s)).toContain('2025-11-01');
    expect(expanded(s)).toEqual(days(YEAR.from, YEAR.to).filter(bruteSchool(own)));
  });

  it('runs Monday–Saturday in a 6-day week, without Saturdays that are public holidays', () => {
    const school = organization('six', ['general'], { weekDays: 6 });
    const s = only(weeklyOf(data, { kind: 'organization', organization: school }, 18));
    expect(s.weekdays).toEqual(['MO', 'TU', 'WE', 'TH', 'FR', 'SA']);
    expect(s.exdates).toContain('2026-05-09');
    expect(expanded(s)).toContain('2025-09-06');
    expect(expanded(s)).toEqual(days(YEAR.from, YEAR.to).filter(bruteSchool(QUARTERS_2025_26, 6)));
  });

  it('starts and ends on school days when the terms start or end on days off', () => {
    // iCalendar counts DTSTART as an occurrence even where the weekly rule would skip it
    const saturday: TermCalendar = { terms: [{ name: 'год', start: '2025-09-06', end: '2026-05-30' }], holidays: [] };
    // Monday 3 and Tuesday 4 November 2025 are days off
    const holiday: TermCalendar = { terms: [{ name: 'год', start: '2025-11-03', end: '2026-05-11' }], holidays: [] };
    for (const [own, start, until] of [
      [saturday, '2025-09-08', '2026-05-29'],
      [holiday, '2025-11-05', '2026-05-08'],
    ] as const) {
      const school = organization(`late-${start}`, ['general'], { schoolYears: { '2025-2026': own } });
      const s = only(weeklyOf(data, { kind: 'organization', organization: school }, 18));
      expect([s.start, s.until]).toEqual([start, until]);
      expect(s.exdates.every((d) => d > start && d < until), 'exdates inside the series').toBe(true);
      expect(expanded(s)).toEqual(days(YEAR.from, YEAR.to).filter(bruteSchool(own)));
    }
  });

  it('takes time and duration from the rule', () => {
    const custom = buildDataset({
      items: [item(18, schedule(['general'], 'ежедневно', { kind: 'daily', days: 'school', time: '09:30', durationMinutes: 45 }))],
      schoolYears: SCHOOL_YEARS,
      workingDays: WORKING,
    });
    const occurrence = occurrencesFor(custom, GENERAL, { from: '2025-09-01', to: '2025-09-01' }).occurrences[0];
    expect(occurrence).toMatchObject({ start: '2025-09-01', end: '2025-09-01', allDay: false, time: '09:30', durationMinutes: 45 });
  });
});

describe('daily on working days', () => {
  const series = only(weeklyOf(data, { kind: 'all' }, 24));

  it('covers the whole school year for every type at once', () => {
    expect(series).toMatchObject({
      key: 'i24.s0.r0.2025-2026',
      start: '2025-09-01',
      until: '2026-08-31',
      weekdays: ['MO', 'TU', 'WE', 'TH', 'FR'],
      extraDates: ['2025-11-01'],
      organizationTypes: ['general', 'preschool', 'additional'],
    });
    for (const d of ['2025-11-03', '2025-11-04', '2025-12-31', '2026-01-09', '2026-02-23', '2026-03-09', '2026-05-11', '2026-06-12']) {
      expect(series.exdates, d).toContain(d);
    }
    // school holidays are working days
    expect(series.exdates).not.toContain('2025-10-27');
  });

  it('expands to exactly the brute-force working days', () => {
    expect(expanded(series)).toEqual(days(YEAR.from, YEAR.to).filter(bruteWorking));
  });

  it('is the same series whatever the week length of an organization', () => {
    const six = organization('six', ['general'], { weekDays: 6 });
    expect(only(weeklyOf(data, { kind: 'organization', organization: six }, 24))).toMatchObject({
      weekdays: ['MO', 'TU', 'WE', 'TH', 'FR'],
      extraDates: ['2025-11-01'],
    });
  });

  it('is provisional when a production calendar is not verified', () => {
    const unverified = buildDataset({ items: ITEMS, schoolYears: SCHOOL_YEARS, workingDays: [WORKING_2025, { ...WORKING_2026, verified: false }] });
    expect(only(weeklyOf(unverified, { kind: 'all' }, 24)).provisional).toBe(true);
    expect(series.provisional).toBe(false);
  });
});

describe('a missing production-calendar year', () => {
  it('dates daily duties from a provisional year by Labour Code art. 112, marked with the reason', () => {
    const without2026 = buildDataset({ items: ITEMS, schoolYears: SCHOOL_YEARS, workingDays: [WORKING_2025] });
    const result = seriesFor(without2026, { kind: 'all' });
    const daily = result.series.filter((s): s is WeeklySeries => s.kind === 'daily' && s.shape === 'weekly' && s.schoolYear === '2025-2026');
    expect(daily).toHaveLength(3);
    for (const s of daily) {
      expect(s.provisional).toBe(true);
      expect(s.provisionalReason).toContain('производственный календарь 2026 года ещё не утверждён (выходные — по ст. 112 ТК РФ');
    }
    // art. 112: 23 February and 8 March are days off; 9 March 2026 (8 March is a Sunday) too
    const school = expanded(daily.find((s) => s.item === 18 && s.key.includes('quarters')) as WeeklySeries);
    expect(school).not.toContain('2026-02-23');
    expect(school).not.toContain('2026-03-09');
    expect(school).toContain('2026-03-10');
    expect(result.missing.filter((m) => m.what === 'workingDays')).toEqual([]);
  });
});

describe('organizations sharing a calendar', () => {
  it('share one series object', () => {
    const a: Organization = organization('a', ['general']);
    const b: Organization = organization('b', ['general']);
    const first = only(weeklyOf(data, { kind: 'organization', organization: a }, 18));
    expect(only(weeklyOf(data, { kind: 'organization', organization: b }, 18))).toBe(first);
  });
});
