/**
 * «ежедневно»: a timed slot on every school day or every working day of a school year, written
 * as a weekly pattern with exceptions — the shape an iCalendar RRULE/EXDATE can carry.
 */
import { eachDay, isoWeekday, schoolYearBounds, shortSchoolYear, WEEKDAYS, yearOf } from '../dates.js';
import type { IsoDate, Weekday, WeeklySeries } from '../model.js';
import type { Rule, TermCalendar } from '../schema.js';
import { schoolYearReason } from '../calendars.js';
import { isSchoolDay, type ResolvedCalendar } from '../school-calendar.js';
import type { WorkingCalendar } from '../working-days.js';
import { seriesBase, seriesKey, type RuleRef } from './common.js';

type DailyRule = Extract<Rule, { kind: 'daily' }>;

export const DEFAULT_DAILY_TIME = '15:00';
export const DEFAULT_DAILY_MINUTES = 30;

/** The days of a weekly series, independent of which item it is for. */
export interface DayPattern {
  readonly start: IsoDate;
  readonly until: IsoDate;
  readonly weekdays: readonly Weekday[];
  readonly exdates: readonly IsoDate[];
  readonly extraDates: readonly IsoDate[];
}

const FIVE_DAYS: readonly Weekday[] = WEEKDAYS.slice(0, 5);
const SIX_DAYS: readonly Weekday[] = WEEKDAYS.slice(0, 6);

/**
 * Describes the days in `[from, to]` for which `isDay` holds as weekdays (ISO 1..`lastWeekday`)
 * minus exdates plus extra dates. `start`/`until` are trimmed to the first and last day the
 * weekly rule itself yields, because iCalendar counts DTSTART as an occurrence even when the
 * rule would skip it. `undefined` when no weekday qualifies.
 */
export function dayPattern(from: IsoDate, to: IsoDate, lastWeekday: 5 | 6, isDay: (date: IsoDate) => boolean): DayPattern | undefined {
  const exdates: IsoDate[] = [];
  const extraDates: IsoDate[] = [];
  let start: IsoDate | undefined;
  let until: IsoDate | undefined;
  for (const date of eachDay(from, to)) {
    const inPattern = isoWeekday(date) <= lastWeekday;
    const yes = isDay(date);
    if (inPattern && yes) {
      start ??= date;
      until = date;
    } else if (inPattern) {
      exdates.push(date);
    } else if (yes) {
      extraDates.push(date);
    }
  }
  if (start === undefined || until === undefined) return undefined;
  const first = start;
  const last = until;
  return {
    start: first,
    until: last,
    weekdays: lastWeekday === 6 ? SIX_DAYS : FIVE_DAYS,
    exdates: exdates.filter((d) => d > first && d < last),
    extraDates,
  };
}

// Patterns depend only on the calendar, the week length and the production calendar, so
// organizations that share a municipal calendar share one computation.
const schoolPatterns = new WeakMap<WorkingCalendar, WeakMap<TermCalendar, Map<string, DayPattern | undefined>>>();
const workingPatterns = new WeakMap<WorkingCalendar, Map<string, DayPattern | undefined>>();

function memo<K, V>(map: Map<K, V>, key: K, compute: () => V): V {
  if (map.has(key)) return map.get(key) as V;
  const value = compute();
  map.set(key, value);
  return value;
}

/** The years of the production calendar a school-day series needs, first to last term. */
export function schoolDaysYears(calendar: TermCalendar): [number, number] {
  const first = calendar.terms[0]?.start;
  const last = calendar.terms.at(-1)?.end;
  if (!first || !last) throw new Error('A term calendar without terms');
  return [yearOf(first), yearOf(last)];
}

export function schoolDaysPattern(calendar: TermCalendar, weekDays: 5 | 6, working: WorkingCalendar, schoolHolidays = false): DayPattern | undefined {
  let byCalendar = schoolPatterns.get(working);
  if (!byCalendar) schoolPatterns.set(working, (byCalendar = new WeakMap()));
  let byWeek = byCalendar.get(calendar);
  if (!byWeek) byCalendar.set(calendar, (byWeek = new Map()));
  return memo(byWeek, `${weekDays}${schoolHolidays ? 'h' : ''}`, () => {
    const from = calendar.terms[0]?.start;
    const to = calendar.terms.at(-1)?.end;
    if (!from || !to) return undefined;
    return dayPattern(from, to, weekDays, (date) => isSchoolDay(calendar, date, working, weekDays, schoolHolidays));
  });
}

export function workingDaysPattern(schoolYearId: string, working: WorkingCalendar): DayPattern | undefined {
  let byYear = workingPatterns.get(working);
  if (!byYear) workingPatterns.set(working, (byYear = new Map()));
  return memo(byYear, schoolYearId, () => {
    const { start, end } = schoolYearBounds(schoolYearId);
    return dayPattern(start, end, 5, (date) => working.isWorkingDay(date));
  });
}

interface Slot {
  readonly time: string;
  readonly reasons: readonly (string | undefined)[];
}

function weekly(ref: RuleRef, rule: DailyRule, key: string, schoolYear: string, pattern: DayPattern, slot: Slot, label: string): WeeklySeries {
  const reasons = [...new Set(slot.reasons.filter((r): r is string => r !== undefined))];
  return {
    ...seriesBase(ref),
    kind: 'daily',
    shape: 'weekly',
    key,
    label,
    schoolYear,
    ...pattern,
    time: slot.time,
    durationMinutes: rule.durationMinutes ?? DEFAULT_DAILY_MINUTES,
    provisional: reasons.length > 0,
    ...(reasons.length > 0 ? { provisionalReason: reasons.join('; ') } : {}),
  };
}

function unverified(working: WorkingCalendar, from: number, to: number): (string | undefined)[] {
  const reasons: (string | undefined)[] = [];
  for (let year = from; year <= to; year++) reasons.push(working.unverifiedReason(year));
  return reasons;
}

/** Every school day of the resolved calendar. The caller checks that the production calendar covers {@link schoolDaysYears}. */
export function schoolDaysSeries(ref: RuleRef, rule: DailyRule, resolved: ResolvedCalendar, working: WorkingCalendar): WeeklySeries | undefined {
  const { calendar, schoolYear } = resolved;
  const pattern = schoolDaysPattern(calendar, resolved.weekDays, working, resolved.schoolHolidays);
  if (!pattern) return undefined;
  const [from, to] = schoolDaysYears(calendar);
  const calendarProvisional = resolved.provisional || calendar.terms.some((t) => t.provisional) || calendar.holidays.some((h) => h.provisional);
  const reasons = [calendarProvisional ? (resolved.provisionalReason ?? schoolYearReason(schoolYear.id)) : undefined, ...unverified(working, from, to)];
  const key = seriesKey(ref, resolved.group, schoolYear.id);
  const slot = { time: resolved.dailyTime ?? rule.time ?? DEFAULT_DAILY_TIME, reasons };
  return weekly(ref, rule, key, schoolYear.id, pattern, slot, `учебные дни ${shortSchoolYear(schoolYear.id)}`);
}

/** Every working day from 1 September to 31 August. The caller checks that the production calendar covers both years. */
export function workingDaysSeries(ref: RuleRef, rule: DailyRule, schoolYearId: string, working: WorkingCalendar): WeeklySeries | undefined {
  const pattern = workingDaysPattern(schoolYearId, working);
  if (!pattern) return undefined;
  const first = Number(schoolYearId.slice(0, 4));
  const key = seriesKey(ref, schoolYearId);
  const slot = { time: rule.time ?? DEFAULT_DAILY_TIME, reasons: unverified(working, first, first + 1) };
  return weekly(ref, rule, key, schoolYearId, pattern, slot, `рабочие дни ${shortSchoolYear(schoolYearId)}`);
}
