/**
 * Provisional school calendars for years the data lacks, from the federal pattern
 * (shared/reference/domain.md §3): the year starts 1 September and ends in the last week of
 * May; autumn, winter and spring holidays of at least a week sit in the same weeks every year;
 * grade 1 gets an extra February week; the modular trimester system has five one-week breaks.
 * The weekday rules below reproduce the published 2025/26 calendars exactly, so a generated
 * year differs from the real one only where the Ministry departs from its own pattern.
 */
import { addDays, isoDate, isoWeekday, shortSchoolYear } from '../dates.js';
import type { IsoDate } from '../model.js';
import type { DateRange, SchoolYear, TermCalendar, TermSystemId } from '../schema.js';

/** The last day on or before `date` with ISO weekday `weekday`. */
function onOrBefore(date: IsoDate, weekday: number): IsoDate {
  return addDays(date, -((isoWeekday(date) - weekday + 7) % 7));
}

/** The first day on or after `date` with ISO weekday `weekday`. */
function onOrAfter(date: IsoDate, weekday: number): IsoDate {
  return addDays(date, (weekday - isoWeekday(date) + 7) % 7);
}

const SAT = 6;
const SUN = 7;
const MON = 1;
const FRI = 5;

function range(name: string, start: IsoDate, end: IsoDate, grades?: number[]): DateRange {
  return grades ? { name, start, end, provisional: true, grades } : { name, start, end, provisional: true };
}

/** Dates every system shares: start, winter holidays, the grade-1 week, the end of lessons. */
function commonDates(first: number) {
  const next = first + 1;
  const winterEnd = onOrAfter(isoDate(next, 1, 8), SUN);
  return {
    start: isoDate(first, 9, 1),
    winter: range('зимние каникулы', isoDate(first, 12, 31), winterEnd),
    winterEnd,
    firstGraders: range('дополнительные каникулы для 1-х классов', addDays(onOrAfter(isoDate(next, 2, 1), MON), 14), addDays(onOrAfter(isoDate(next, 2, 1), MON), 20), [1]),
    // 26 May in 2025/26 and 2026/27; a weekend 26 May ends the year on the Friday before.
    end: isoWeekday(isoDate(next, 5, 26)) >= SAT ? onOrBefore(isoDate(next, 5, 26), FRI) : isoDate(next, 5, 26),
  };
}

function quarterHolidays(first: number) {
  const next = first + 1;
  const autumn = onOrBefore(isoDate(first, 10, 31), SAT);
  const spring = onOrBefore(isoDate(next, 3, 31), SAT);
  return {
    autumn: range('осенние каникулы', autumn, addDays(autumn, 8)),
    spring: range('весенние каникулы', spring, addDays(spring, 8)),
  };
}

function quarters(first: number): TermCalendar {
  const c = commonDates(first);
  const { autumn, spring } = quarterHolidays(first);
  return {
    terms: [
      range('1-я четверть', c.start, addDays(autumn.start, -1)),
      range('2-я четверть', addDays(autumn.end, 1), addDays(c.winter.start, -1)),
      range('3-я четверть', addDays(c.winterEnd, 1), addDays(spring.start, -1)),
      range('4-я четверть', addDays(spring.end, 1), c.end),
    ],
    holidays: [autumn, c.winter, spring, c.firstGraders],
    provisional: true,
  };
}

function halfYears(first: number): TermCalendar {
  const c = commonDates(first);
  const { autumn, spring } = quarterHolidays(first);
  return {
    terms: [range('1-е полугодие', c.start, addDays(c.winter.start, -1)), range('2-е полугодие', addDays(c.winterEnd, 1), c.end)],
    holidays: [autumn, c.winter, spring, c.firstGraders],
    provisional: true,
  };
}

/**
 * The modular system: six learning modules of 5–6 weeks and five one-week breaks (early
 * October, mid-November, New Year, late February, mid-April); a trimester is two modules, so
 * the November and February breaks separate the trimesters. Lessons end on the Friday before
 * the last week of May (22.05.2026).
 */
function trimesters(first: number): TermCalendar {
  const c = commonDates(first);
  const october = onOrAfter(isoDate(first, 10, 1), SAT);
  const november = addDays(october, 42);
  const february = addDays(c.winterEnd, 41);
  const april = addDays(february, 49);
  const week = (name: string, start: IsoDate) => range(name, start, addDays(start, 8));
  const breaks = [
    week('осенние каникулы (1-е)', october),
    week('осенние каникулы (2-е)', november),
    c.winter,
    week('весенние каникулы (1-е)', february),
    week('весенние каникулы (2-е)', april),
  ];
  const last = onOrBefore(addDays(c.end, -2), FRI);
  return {
    terms: [
      range('1-й триместр', c.start, addDays(november, -1)),
      range('2-й триместр', addDays(november, 9), addDays(february, -1)),
      range('3-й триместр', addDays(february, 9), last),
    ],
    holidays: [...breaks, c.firstGraders],
    provisional: true,
  };
}

const GENERATORS: Readonly<Record<TermSystemId, (first: number) => TermCalendar>> = { quarters, trimesters, halfYears };

/** Why a generated (or provisional) school calendar is not final, in the words a subscriber reads. */
export function schoolYearReason(schoolYearId: string): string {
  return `учебный график ${shortSchoolYear(schoolYearId)} ещё не утверждён`;
}

/** One provisional term calendar of `system` for the school year `YYYY-YYYY+1`. */
export function provisionalTermCalendar(schoolYearId: string, system: TermSystemId): TermCalendar {
  const calendar = GENERATORS[system](Number(schoolYearId.slice(0, 4)));
  return { ...calendar, source: `Предварительный график: ${schoolYearReason(schoolYearId)}; даты вычислены по образцу федеральных рекомендаций прошлых лет.` };
}

/** A whole provisional school year: every term system, no final attestation (its dates are never guessed). */
export function provisionalSchoolYear(schoolYearId: string): SchoolYear {
  return {
    id: schoolYearId,
    provisional: true,
    source: `Предварительно: ${schoolYearReason(schoolYearId)}.`,
    systems: {
      quarters: provisionalTermCalendar(schoolYearId, 'quarters'),
      trimesters: provisionalTermCalendar(schoolYearId, 'trimesters'),
      halfYears: provisionalTermCalendar(schoolYearId, 'halfYears'),
    },
  };
}
