/** Rules that recur on the same days every year from the plan's first year. */
import { daysInMonth, isoDate, MONTH_NAMES_RU } from '../dates.js';
import type { DayOffShift, IsoDate, YearlySeries } from '../model.js';
import type { MonthDay, OnDayOff, Rule } from '../schema.js';
import type { WorkingCalendar } from '../working-days.js';
import { seriesBase, seriesKey, type RuleRef } from './common.js';

export type AnnualRule = Extract<Rule, { kind: 'date' | 'month' | 'monthChoice' | 'span' | 'opening' }>;

// A non-leap year: a yearly series has one fixed end day, and 29 February does not recur.
const COMMON_YEAR = 2025;

function wholeMonth(month: number) {
  return { start: { month, day: 1 }, end: { month, day: daysInMonth(COMMON_YEAR, month) } };
}

/** How `date` and `opening` rules meet days off: the plan's policy and the years the production calendar covers. */
export interface DayOffContext {
  readonly policy: OnDayOff;
  readonly working: WorkingCalendar;
  /** Last calendar year checked; later years keep the yearly rule as it is. */
  readonly lastYear: number;
}

function reasonFor(working: WorkingCalendar, dates: readonly IsoDate[]): string | undefined {
  const reasons = [...new Set(dates.map((date) => working.unverifiedReason(Number(date.slice(0, 4)))).filter((r) => r !== undefined))];
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}

/** The years from `firstYear` in which the day is off, and where the policy moves it. */
export function dayOffShifts(day: MonthDay, firstYear: number, context: DayOffContext): DayOffShift[] {
  if (context.policy === 'keep') return [];
  const direction = context.policy === 'previousWorkingDay' ? -1 : 1;
  const shifts: DayOffShift[] = [];
  for (let year = firstYear; year <= context.lastYear; year++) {
    const orderDate = isoDate(year, day.month, day.day);
    if (context.working.isWorkingDay(orderDate)) continue;
    const date = context.working.nearestWorkingDay(orderDate, direction);
    const reason = reasonFor(context.working, [orderDate, date]);
    shifts.push(reason === undefined ? { year, orderDate, date, provisional: false } : { year, orderDate, date, provisional: true, provisionalReason: reason });
  }
  return shifts;
}

function daysOff(day: MonthDay, firstYear: number, context: DayOffContext): IsoDate[] {
  const days: IsoDate[] = [];
  for (let year = firstYear; year <= context.lastYear; year++) {
    const date = isoDate(year, day.month, day.day);
    if (!context.working.isWorkingDay(date)) days.push(date);
  }
  return days;
}

/**
 * The yearly series of an annual rule. `monthChoice` gives one series per month unless
 * `chosenMonth` (the organization's `settings.monthChoices`) is one of the rule's months.
 */
export function annualSeries(ref: RuleRef, rule: AnnualRule, firstYear: number, dayOff: DayOffContext, chosenMonth?: number): YearlySeries[] {
  const base = { ...seriesBase(ref), kind: rule.kind, shape: 'yearly' as const, firstYear };
  switch (rule.kind) {
    case 'date': {
      const day = { month: rule.month, day: rule.day };
      const shifts = dayOffShifts(day, firstYear, dayOff);
      // Kept on a day off (onDayOff: keep): the event says so instead.
      const off = dayOff.policy === 'keep' ? daysOff(day, firstYear, dayOff) : [];
      return [{ ...base, key: seriesKey(ref), start: day, end: day, ...(shifts.length > 0 ? { shifts } : {}), ...(off.length > 0 ? { daysOff: off } : {}) }];
    }
    case 'opening': {
      const day = { month: rule.month, day: rule.day };
      const off = daysOff(day, firstYear, dayOff);
      return [{ ...base, key: seriesKey(ref), start: day, end: day, ...(off.length > 0 ? { daysOff: off } : {}) }];
    }
    case 'month':
      return [{ ...base, key: seriesKey(ref), ...wholeMonth(rule.month) }];
    case 'span':
      return [{ ...base, key: seriesKey(ref), start: rule.start, end: rule.end }];
    case 'monthChoice': {
      const months = chosenMonth !== undefined && rule.months.includes(chosenMonth) ? [chosenMonth] : rule.months;
      return months.map((month) => ({
        ...base,
        key: seriesKey(ref, `m${month}`),
        label: MONTH_NAMES_RU[month - 1] ?? String(month),
        ...wholeMonth(month),
      }));
    }
  }
}
