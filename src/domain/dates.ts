/**
 * Calendar-day arithmetic on `YYYY-MM-DD` strings. Parsing and validation go through luxon in
 * Europe/Moscow; the hot paths (adding days, weekdays, iterating a school year) use proleptic
 * Gregorian day numbers, which are exact for calendar days and never touch the machine's zone.
 */
import { DateTime } from 'luxon';
import type { IsoDate, Weekday } from './model.js';

export const PLAN_ZONE = 'Europe/Moscow';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Russian month names as used in labels («январь», «сентябрь»), index 0 = January. */
export const MONTH_NAMES_RU: readonly string[] = [
  'январь',
  'февраль',
  'март',
  'апрель',
  'май',
  'июнь',
  'июль',
  'август',
  'сентябрь',
  'октябрь',
  'ноябрь',
  'декабрь',
];

/** iCalendar weekday codes, index 0 = Monday (ISO weekday 1). */
export const WEEKDAYS: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** The day as a luxon DateTime at midnight in Moscow, or `undefined` when it is not a real `YYYY-MM-DD` date (e.g. 2026-02-30). */
export function parseIsoDate(value: string): DateTime | undefined {
  if (!ISO_DATE.test(value)) return undefined;
  const parsed = DateTime.fromISO(value, { zone: PLAN_ZONE });
  return parsed.isValid ? parsed : undefined;
}

/** True for an existing calendar day written as `YYYY-MM-DD` (agrees with {@link parseIsoDate}, without building a DateTime). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function parts(date: IsoDate): [number, number, number] {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** Days since 1970-01-01 (may be negative). Howard Hinnant's days_from_civil. */
export function toDayNumber(date: IsoDate): number {
  const [y0, m, d] = parts(date);
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of {@link toDayNumber} (civil_from_days). */
export function fromDayNumber(dayNumber: number): IsoDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return isoDate(y, m, d);
}

/** Formats year, month, day as `YYYY-MM-DD` (no validation). */
export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

export function weekdayCode(date: IsoDate): Weekday {
  return WEEKDAYS[isoWeekday(date) - 1] as Weekday;
}

export function yearOf(date: IsoDate): number {
  return parts(date)[0];
}

export function monthOf(date: IsoDate): number {
  return parts(date)[1];
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Negative, zero or positive like a comparator; `YYYY-MM-DD` strings order like the days. */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

/** True when `date` lies in `[start, end]` (inclusive). */
export function within(date: IsoDate, start: IsoDate, end: IsoDate): boolean {
  return date >= start && date <= end;
}

/** Every day from `from` to `to` inclusive; nothing when `from > to`. */
export function* eachDay(from: IsoDate, to: IsoDate): Generator<IsoDate> {
  const last = toDayNumber(to);
  for (let n = toDayNumber(from); n <= last; n++) yield fromDayNumber(n);
}

/** `2025-2026` → `2025/26`, the way Russian school calendars name a school year. */
export function shortSchoolYear(schoolYearId: string): string {
  const [first, second] = schoolYearId.split('-');
  return `${first ?? ''}/${(second ?? '').slice(2)}`;
}

/** First and last day of a school year `YYYY-YYYY+1`: 1 September – 31 August. */
export function schoolYearBounds(schoolYearId: string): { start: IsoDate; end: IsoDate } {
  const first = Number(schoolYearId.slice(0, 4));
  return { start: isoDate(first, 9, 1), end: isoDate(first + 1, 8, 31) };
}

/** The school year (`YYYY-YYYY+1`) that contains the day. */
export function schoolYearOf(date: IsoDate): string {
  const [y, m] = parts(date);
  const first = m >= 9 ? y : y - 1;
  return `${first}-${first + 1}`;
}
