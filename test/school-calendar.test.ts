import { describe, expect, it } from 'vitest';
import {
  isSchoolDay,
  organizationCalendar,
  organizationCalendarProfile,
  resolveCalendar,
  typeCalendarProfile,
} from '../src/domain/school-calendar.js';
import type { TermCalendar } from '../src/domain/schema.js';
import { WorkingCalendar } from '../src/domain/working-days.js';
import { buildDataset, organization } from './helpers/dataset.js';
import {
  ITEMS,
  QUARTERS_2025_26,
  SCHOOL_YEAR_2025_26,
  SCHOOL_YEAR_2026_27,
  SCHOOL_YEARS_TWO,
  WORKING_2025,
  WORKING_2026,
} from './helpers/engine-fixtures.js';

/** A school's own calendar without autumn holidays, so that the working Saturday 1 November 2025 falls in a term. */
const OWN: TermCalendar = {
  terms: [
    { name: '1-е полугодие', start: '2025-09-01', end: '2025-12-26' },
    { name: '2-е полугодие', start: '2026-01-12', end: '2026-05-29' },
  ],
  holidays: [{ name: 'зимние каникулы', start: '2025-12-27', end: '2026-01-11' }],
};

const data = buildDataset({
  items: ITEMS,
  schoolYears: SCHOOL_YEARS_TWO,
  workingDays: [WORKING_2025, WORKING_2026],
  organizations: [
    organization('own', ['general'], { schoolYears: { '2025-2026': OWN } }),
    organization('tri', ['general'], { termSystem: 'trimesters' }),
    organization('dod-school', ['additional', 'general']),
  ],
});
const working = new WorkingCalendar([WORKING_2025, WORKING_2026]);
const org = (id: string) => {
  const found = data.organizationsById.get(id);
  if (!found) throw new Error(id);
  return found;
};

describe('resolving the calendar', () => {
  it('uses the municipal default system of a type', () => {
    const general = resolveCalendar(data, typeCalendarProfile(data, 'general'), SCHOOL_YEAR_2025_26);
    expect(general).toMatchObject({ source: 'municipal', termSystem: 'quarters', group: 'quarters', provisional: false });
    expect(general?.calendar).toBe(QUARTERS_2025_26);
    expect(resolveCalendar(data, typeCalendarProfile(data, 'additional'), SCHOOL_YEAR_2025_26)?.group).toBe('halfYears');
  });

  it('prefers the organization’s own calendar, then its term system, then its first type’s default', () => {
    // grouped (and keyed) by the term system it replaces: entering an own calendar keeps the UIDs
    expect(organizationCalendar(data, org('own'), '2025-2026')).toMatchObject({ source: 'own', group: 'quarters', calendar: OWN });
    // no own calendar for 2026/27: the municipal quarters take over
    expect(organizationCalendar(data, org('own'), '2026-2027')).toMatchObject({ source: 'municipal', group: 'quarters' });
    expect(organizationCalendar(data, org('tri'), '2025-2026')).toMatchObject({ source: 'municipal', group: 'trimesters', provisional: true });
    expect(organizationCalendar(data, org('dod-school'), '2025-2026')?.group).toBe('halfYears');
    expect(organizationCalendarProfile(data, org('dod-school'))).toEqual({ termSystem: 'halfYears', weekDays: 5, schoolHolidays: false });
  });

  it('marks calendars of a provisional school year, and reports a missing system as undefined', () => {
    expect(resolveCalendar(data, typeCalendarProfile(data, 'general'), SCHOOL_YEAR_2026_27)?.provisional).toBe(true);
    expect(resolveCalendar(data, typeCalendarProfile(data, 'additional'), SCHOOL_YEAR_2026_27)).toBeUndefined();
    // no trimesters in the data for 2026/27: the provisional modular calendar of that system
    expect(organizationCalendar(data, org('tri'), '2026-2027')).toMatchObject({
      termSystem: 'trimesters',
      provisional: true,
      provisionalReason: 'учебный график 2026/27 ещё не утверждён',
    });
    expect(organizationCalendar(data, org('tri'), '2026-2027')?.calendar.holidays.filter((h) => !h.grades)).toHaveLength(5);
    expect(organizationCalendar(data, org('tri'), '2030-2031')).toBeUndefined();
  });
});

describe('isSchoolDay', () => {
  it('needs a term, no whole-school holiday and a working day', () => {
    expect(isSchoolDay(QUARTERS_2025_26, '2025-09-01', working)).toBe(true);
    expect(isSchoolDay(QUARTERS_2025_26, '2025-10-24', working), 'last day of the first quarter').toBe(true);
    expect(isSchoolDay(QUARTERS_2025_26, '2025-10-27', working), 'autumn holidays').toBe(false);
    expect(isSchoolDay(QUARTERS_2025_26, '2025-11-04', working), 'public holiday').toBe(false);
    expect(isSchoolDay(QUARTERS_2025_26, '2025-11-03', working), 'day off moved by decree').toBe(false);
    expect(isSchoolDay(QUARTERS_2025_26, '2026-02-23', working)).toBe(false);
    expect(isSchoolDay(QUARTERS_2025_26, '2025-09-06', working), 'Saturday').toBe(false);
    expect(isSchoolDay(QUARTERS_2025_26, '2026-05-26', working)).toBe(true);
    expect(isSchoolDay(QUARTERS_2025_26, '2026-05-27', working), 'after the last term').toBe(false);
  });

  it('keeps school open during a holiday limited to some grades', () => {
    for (const day of ['2026-02-16', '2026-02-17', '2026-02-20']) expect(isSchoolDay(QUARTERS_2025_26, day, working), day).toBe(true);
  });

  it('counts a working Saturday inside a term', () => {
    expect(isSchoolDay(OWN, '2025-11-01', working)).toBe(true);
    expect(isSchoolDay(QUARTERS_2025_26, '2025-11-01', working), 'but not in the autumn holidays').toBe(false);
  });

  it('counts plain Saturdays in a 6-day week, not Saturdays that are public holidays', () => {
    expect(isSchoolDay(QUARTERS_2025_26, '2025-09-06', working, 6)).toBe(true);
    expect(isSchoolDay(QUARTERS_2025_26, '2025-09-07', working, 6), 'Sunday').toBe(false);
    expect(isSchoolDay(QUARTERS_2025_26, '2026-05-09', working, 6), 'Victory Day, a Saturday').toBe(false);
  });
});
