import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eachDay } from '../src/domain/dates.js';
import type { WorkingDaysYear } from '../src/domain/schema.js';
import { WorkingCalendar, workingCalendarOf } from '../src/domain/working-days.js';
import { buildDataset } from './helpers/dataset.js';
import { ITEMS, SCHOOL_YEARS, WORKING_2025, WORKING_2026, WORKING_2027 } from './helpers/engine-fixtures.js';

const fixtures = new WorkingCalendar([WORKING_2025, WORKING_2026, WORKING_2027]);

function realYear(year: number): WorkingDaysYear {
  return JSON.parse(readFileSync(new URL(`../data/working-days/${year}.json`, import.meta.url), 'utf8')) as WorkingDaysYear;
}

const count = (calendar: WorkingCalendar, year: number) =>
  [...eachDay(`${year}-01-01`, `${year}-12-31`)].filter((d) => calendar.isWorkingDay(d)).length;

describe.each([
  ['fixtures transcribed from the XML', fixtures],
  ['data/working-days', new WorkingCalendar([realYear(2025), realYear(2026), realYear(2027)])],
])('WorkingCalendar (%s)', (_name, calendar) => {
  it('applies the 2026 transfers', () => {
    expect(calendar.isWorkingDay('2026-01-09'), 'Friday, day off moved from Saturday 3 January').toBe(false);
    expect(calendar.isWorkingDay('2026-12-31'), 'Thursday, day off moved from Sunday 4 January').toBe(false);
    expect(calendar.isWorkingDay('2026-01-12')).toBe(true);
    expect(calendar.isWorkingDay('2026-03-09'), 'Monday after 8 March').toBe(false);
    expect(calendar.isWorkingDay('2026-05-11')).toBe(false);
    expect(calendar.isWorkingDay('2026-01-17'), 'a plain Saturday').toBe(false);
    expect(calendar.isWorkingDay('2026-01-14'), 'a plain Wednesday').toBe(true);
  });

  it('treats the shortened Saturday 1 November 2025 as a working day', () => {
    expect(calendar.isWorkingDay('2025-11-01')).toBe(true);
    expect(calendar.isShortened('2025-11-01')).toBe(true);
    expect(calendar.isWorkingWeekend('2025-11-01')).toBe(true);
    expect(calendar.isWorkingDay('2025-11-03')).toBe(false);
    expect(calendar.isWorkingDay('2025-11-04')).toBe(false);
    expect(calendar.isShortened('2026-04-30')).toBe(true);
    expect(calendar.isWorkingWeekend('2026-04-30')).toBe(false);
    expect(calendar.isListedDayOff('2026-05-09')).toBe(true);
    expect(calendar.isListedDayOff('2026-05-16')).toBe(false);
  });

  it('gives the official yearly totals (247 working days in 2025 and 2026)', () => {
    expect(count(calendar, 2025)).toBe(247);
    expect(count(calendar, 2026)).toBe(247);
  });

  it('knows which years it has and refuses to guess the others', () => {
    expect(calendar.has(2026)).toBe(true);
    expect(calendar.has(2028)).toBe(false);
    expect(calendar.covers(2025, 2027)).toBe(true);
    expect(calendar.covers(2026, 2028)).toBe(false);
    expect(() => calendar.isWorkingDay('2028-01-10')).toThrow(RangeError);
  });
});

it('records whether a year was checked against the decree', () => {
  expect(fixtures.isVerified(2026)).toBe(true);
  expect(fixtures.isVerified(2027)).toBe(false);
  expect(fixtures.isVerified(2030)).toBe(false);
});

it('is built once per data set', () => {
  const data = buildDataset({ items: ITEMS, schoolYears: SCHOOL_YEARS, workingDays: [WORKING_2025] });
  const other = buildDataset({ items: ITEMS, schoolYears: SCHOOL_YEARS, workingDays: [WORKING_2026] });
  expect(workingCalendarOf(data)).toBe(workingCalendarOf(data));
  expect(workingCalendarOf(other)).not.toBe(workingCalendarOf(data));
  // 2025 is missing from `other`: a provisional year by Labour Code art. 112 stands in for it
  expect(workingCalendarOf(other).has(2025)).toBe(true);
  expect(workingCalendarOf(other).unverifiedReason(2025)).toMatch(/^производственный календарь 2025 года ещё не утверждён/);
  expect(workingCalendarOf(data).unverifiedReason(2025)).toBeUndefined();
});
