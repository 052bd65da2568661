/**
 * Series → occurrences for a range of days. The iCalendar layer writes the same series as
 * RRULE/EXDATE; tests compare an independent iCalendar expansion against this one.
 */
import { addDays, eachDay, isIsoDate, isoDate, weekdayCode, yearOf } from './dates.js';
import type { DateRangeQuery, Occurrence, Series, SingleSeries, WeeklySeries, YearlySeries } from './model.js';

function common(series: Series) {
  const { item, schedule, rule, kind, wording, organizationTypes, label } = series;
  return label === undefined
    ? { item, schedule, rule, kind, wording, organizationTypes }
    : { item, schedule, rule, kind, wording, organizationTypes, label };
}

interface Marks {
  readonly provisional: boolean;
  readonly provisionalReason?: string | undefined;
  readonly orderDate?: string;
}

function allDay(series: Series, start: string, end: string, marks: Marks): Occurrence {
  const { provisional, provisionalReason, orderDate } = marks;
  return {
    key: `${series.key}.${start}`,
    ...common(series),
    start,
    end,
    allDay: true,
    provisional,
    ...(provisionalReason === undefined ? {} : { provisionalReason }),
    ...(orderDate === undefined ? {} : { orderDate }),
  };
}

function expandYearly(series: YearlySeries, range: DateRangeQuery): Occurrence[] {
  const out: Occurrence[] = [];
  const shifts = new Map((series.shifts ?? []).map((shift) => [shift.year, shift]));
  // Start and end are in the same year (a shift stays in it too), so only years the range touches can overlap it.
  for (let year = Math.max(series.firstYear, yearOf(range.from)); year <= yearOf(range.to); year++) {
    const shift = shifts.get(year);
    const start = shift?.date ?? isoDate(year, series.start.month, series.start.day);
    const end = shift?.date ?? isoDate(year, series.end.month, series.end.day);
    if (start > range.to || end < range.from) continue;
    const orderDate = series.kind === 'date' ? isoDate(year, series.start.month, series.start.day) : undefined;
    out.push(
      allDay(series, start, end, {
        provisional: shift?.provisional ?? false,
        provisionalReason: shift?.provisionalReason,
        ...(orderDate === undefined ? {} : { orderDate }),
      }),
    );
  }
  return out;
}

function expandSingle(series: SingleSeries, range: DateRangeQuery): Occurrence[] {
  const overlaps = series.start <= range.to && series.end >= range.from;
  if (!overlaps) return [];
  const occurrence = allDay(series, series.start, series.end, series);
  const extra = {
    ...(series.items === undefined ? {} : { items: series.items }),
    ...(series.dateUnknown === undefined ? {} : { dateUnknown: series.dateUnknown }),
  };
  return [{ ...occurrence, ...extra }];
}

// A weekly series is finite and shared by every organization on the same calendar: expand it
// once, then answer each range with a binary search.
const weeklyCache = new WeakMap<WeeklySeries, readonly Occurrence[]>();

function allWeekly(series: WeeklySeries): readonly Occurrence[] {
  const cached = weeklyCache.get(series);
  if (cached) return cached;
  const weekdays = new Set(series.weekdays);
  const exdates = new Set(series.exdates);
  const days: string[] = [];
  for (const date of eachDay(series.start, series.until)) {
    if (weekdays.has(weekdayCode(date)) && !exdates.has(date)) days.push(date);
  }
  const listed = new Set(days);
  for (const date of series.extraDates) if (!listed.has(date)) days.push(date);
  days.sort();
  const base = common(series);
  const occurrences = days.map((date) => ({
    key: `${series.key}.${date}`,
    ...base,
    start: date,
    end: date,
    allDay: false,
    time: series.time,
    durationMinutes: series.durationMinutes,
    provisional: series.provisional,
    ...(series.provisionalReason === undefined ? {} : { provisionalReason: series.provisionalReason }),
  }));
  weeklyCache.set(series, occurrences);
  return occurrences;
}

/** Index of the first occurrence starting on or after `date`. */
function lowerBound(occurrences: readonly Occurrence[], date: string): number {
  let lo = 0;
  let hi = occurrences.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((occurrences[mid] as Occurrence).start < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function expandWeekly(series: WeeklySeries, range: DateRangeQuery): Occurrence[] {
  const all = allWeekly(series);
  // Timed occurrences last minutes, so they overlap the range exactly when their day is in it.
  return all.slice(lowerBound(all, range.from), lowerBound(all, addDays(range.to, 1)));
}

/**
 * The occurrences of one series that overlap the inclusive range `[from, to]` (an occurrence
 * spanning a boundary is included), in date order. Throws a RangeError for dates that do not exist.
 */
export function expandSeries(series: Series, range: DateRangeQuery): Occurrence[] {
  assertDateRange(range);
  return expandInRange(series, range);
}

/** Throws a RangeError unless both ends are existing `YYYY-MM-DD` days. */
export function assertDateRange(range: DateRangeQuery): void {
  if (!isIsoDate(range.from) || !isIsoDate(range.to)) {
    throw new RangeError(`Invalid date range: ${range.from}..${range.to}`);
  }
}

/** {@link expandSeries} for a range already checked with {@link assertDateRange}. */
export function expandInRange(series: Series, range: DateRangeQuery): Occurrence[] {
  if (range.from > range.to) return [];
  switch (series.shape) {
    case 'yearly':
      return expandYearly(series, range);
    case 'single':
      return expandSingle(series, range);
    case 'weekly':
      return expandWeekly(series, range);
  }
}
