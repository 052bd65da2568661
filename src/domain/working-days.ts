/**
 * The production calendar (производственный календарь) as O(1) day lookups. Built once per
 * data set: every daily series asks about every day of a school year.
 */
import { addDays, isoWeekday, yearOf } from './dates.js';
import type { Dataset, IsoDate } from './model.js';
import { effectiveCalendars } from './calendars.js';
import { workingYearReason } from './provisional/working-days.js';
import type { WorkingDayException, WorkingDaysYear } from './schema.js';

type DayType = WorkingDayException['type'];

export class WorkingCalendar {
  private readonly years = new Map<number, WorkingDaysYear>();
  private readonly exceptions = new Map<IsoDate, DayType>();

  constructor(years: readonly WorkingDaysYear[]) {
    for (const year of years) {
      this.years.set(year.year, year);
      for (const day of year.days) this.exceptions.set(day.date, day.type);
    }
  }

  /** True when the data has the production calendar of that year. */
  has(year: number): boolean {
    return this.years.has(year);
  }

  /** True when every calendar year from `fromYear` to `toYear` is present. */
  covers(fromYear: number, toYear: number): boolean {
    for (let year = fromYear; year <= toYear; year++) if (!this.has(year)) return false;
    return true;
  }

  /** False when the year's file says it was not checked against the Government decree. */
  isVerified(year: number): boolean {
    return this.years.get(year)?.verified ?? false;
  }

  /** Why the year's calendar is not final; `undefined` for a year checked against its decree. */
  unverifiedReason(year: number): string | undefined {
    const entry = this.years.get(year);
    return entry === undefined || entry.verified ? undefined : workingYearReason(entry);
  }

  /** The last working day on or before `date` (`-1`) or on or after it (`+1`). */
  nearestWorkingDay(date: IsoDate, direction: -1 | 1): IsoDate {
    let day = date;
    while (!this.isWorkingDay(day)) day = addDays(day, direction);
    return day;
  }

  /**
   * A working day: Monday–Friday unless the decree makes it a day off, or a Saturday/Sunday the
   * decree makes working (shortened pre-holiday days are working days too: 1 November 2025 is a
   * shortened working Saturday). Throws a RangeError for a year the data lacks — callers check
   * {@link has} first, because guessing would silently publish wrong dates.
   */
  isWorkingDay(date: IsoDate): boolean {
    const type = this.dayType(date);
    if (type === 'nonWorking') return false;
    if (type !== undefined) return true;
    return isoWeekday(date) <= 5;
  }

  /** A pre-holiday day with shortened hours (still a working day). */
  isShortened(date: IsoDate): boolean {
    return this.dayType(date) === 'shortened';
  }

  /** A day the decree lists as a day off (a public holiday or a day off moved there). */
  isListedDayOff(date: IsoDate): boolean {
    return this.dayType(date) === 'nonWorking';
  }

  /** A Saturday or Sunday the decree makes a working day. */
  isWorkingWeekend(date: IsoDate): boolean {
    const type = this.dayType(date);
    return (type === 'working' || type === 'shortened') && isoWeekday(date) >= 6;
  }

  private dayType(date: IsoDate): DayType | undefined {
    const year = yearOf(date);
    if (!this.has(year)) throw new RangeError(`No production calendar for ${year} (asked about ${date})`);
    return this.exceptions.get(date);
  }
}

const cache = new WeakMap<Dataset, WorkingCalendar>();

/** The data set's working calendar (provisional years included), built on first use and shared afterwards. */
export function workingCalendarOf(data: Dataset): WorkingCalendar {
  let calendar = cache.get(data);
  if (!calendar) {
    calendar = new WorkingCalendar(effectiveCalendars(data).workingDays);
    cache.set(data, calendar);
  }
  return calendar;
}
