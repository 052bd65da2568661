/**
 * An independent brute-force counter of working days and school days, used to write the
 * reference table. It deliberately shares nothing with the project: it reads the public
 * xmlcalendar files in `../shared/data/production-calendar/ru/` with its own regex, not the
 * converted `data/working-days/*.json`, and walks the calendar one day at a time in UTC, so a
 * bug in the importer or the engine cannot hide in both the data and the expectation.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** `YYYY-MM-DD`. */
export type Day = string;

/** An inclusive range of days. */
export interface DayRange {
  readonly start: Day;
  readonly end: Day;
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PRODUCTION_CALENDAR_DIR = path.resolve(REPO_ROOT, 'sources/production-calendar/ru');

/** t="1": non-working; t="2": shortened working day; t="3": working Saturday/Sunday. */
type DayType = 1 | 2 | 3;

export interface ProductionCalendar {
  readonly years: ReadonlySet<number>;
  /** Days listed in the XML, by `YYYY-MM-DD`; unlisted days follow the Saturday/Sunday rule. */
  readonly listed: ReadonlyMap<Day, DayType>;
}

const DAY_TAG = /<day\s+d="(\d{2})\.(\d{2})"\s+t="([123])"/g;
const CALENDAR_YEAR = /<calendar\b[^>]*\byear="(\d{4})"/;

export function parseProductionCalendarXml(xml: string, expectedYear: number): Map<Day, DayType> {
  const year = CALENDAR_YEAR.exec(xml)?.[1];
  if (year !== String(expectedYear)) {
    throw new Error(`production calendar: expected year ${expectedYear}, the file says ${year ?? 'nothing'}`);
  }
  const listed = new Map<Day, DayType>();
  for (const match of xml.matchAll(DAY_TAG)) {
    const [, month, day, type] = match;
    listed.set(`${expectedYear}-${month}-${day}`, Number(type) as DayType);
  }
  if (listed.size === 0) throw new Error(`production calendar ${expectedYear}: no <day> entries found`);
  return listed;
}

export function loadProductionCalendar(years: readonly number[], dir = PRODUCTION_CALENDAR_DIR): ProductionCalendar {
  const listed = new Map<Day, DayType>();
  for (const year of years) {
    const file = path.join(dir, `${year}.xml`);
    if (!existsSync(file)) {
      throw new Error(
        `The reference tests need the public production calendar ${file} ` +
          '(kept in the repository under sources/production-calendar/ru/). It is missing.',
      );
    }
    for (const [day, type] of parseProductionCalendarXml(readFileSync(file, 'utf8'), year)) listed.set(day, type);
  }
  return { years: new Set(years), listed };
}

function toUtc(day: Day): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new Error(`not a YYYY-MM-DD day: ${day}`);
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (date.toISOString().slice(0, 10) !== day) throw new Error(`no such day: ${day}`);
  return date;
}

/** Every day from `from` to `to`, inclusive. */
export function eachDay(from: Day, to: Day): Day[] {
  const days: Day[] = [];
  const last = toUtc(to).getTime();
  for (let d = toUtc(from); d.getTime() <= last; d = new Date(d.getTime() + 86_400_000)) {
    days.push(d.toISOString().slice(0, 10));
  }
  return days;
}

export function isWeekend(day: Day): boolean {
  const weekday = toUtc(day).getUTCDay();
  return weekday === 0 || weekday === 6;
}

export function isWorkingDay(calendar: ProductionCalendar, day: Day): boolean {
  if (!calendar.years.has(toUtc(day).getUTCFullYear())) {
    throw new Error(`production calendar for ${day.slice(0, 4)} is not loaded`);
  }
  const type = calendar.listed.get(day);
  if (type === 1) return false;
  if (type === 2 || type === 3) return true;
  return !isWeekend(day);
}

const within = (day: Day, range: DayRange): boolean => range.start <= day && day <= range.end;

/** Working days by the production calendar, `from`..`to` inclusive. */
export function workingDays(calendar: ProductionCalendar, from: Day, to: Day): Day[] {
  return eachDay(from, to).filter((day) => isWorkingDay(calendar, day));
}

/**
 * School days of a five-day week: inside a term, not in a whole-school holiday, and a working
 * day by the production calendar (which already admits the weekend days the decree makes
 * working and refuses the weekdays it makes days off).
 */
export function schoolDays(calendar: ProductionCalendar, terms: readonly DayRange[], holidays: readonly DayRange[]): Day[] {
  const days: Day[] = [];
  for (const term of terms) {
    for (const day of eachDay(term.start, term.end)) {
      if (holidays.some((holiday) => within(day, holiday))) continue;
      if (isWorkingDay(calendar, day)) days.push(day);
    }
  }
  return days;
}

/**
 * Lesson days of an additional-education centre (the municipal default, data/school-years.json
 * `dailyDefaults.additional`): a six-day week that goes on through the school holidays, from the
 * first term's start to the last term's end — working days, plus Saturdays that are not listed
 * days off.
 */
export function centreDays(calendar: ProductionCalendar, terms: readonly DayRange[]): Day[] {
  const first = terms[0];
  const last = terms.at(-1);
  if (!first || !last) return [];
  return eachDay(first.start, last.end).filter(
    (day) => isWorkingDay(calendar, day) || (toUtc(day).getUTCDay() === 6 && calendar.listed.get(day) !== 1),
  );
}
