/** Yearly month-days in rules («до 30 февраля»): which exist every year, and how to name them. */
import { daysInMonth } from '../dates.js';
import type { MonthDay } from '../schema.js';
import { MONTHS_GENITIVE, MONTHS_NOMINATIVE } from '../vocabulary.js';

/** «30 февраля» */
export function formatMonthDay(md: MonthDay): string {
  return `${md.day} ${MONTHS_GENITIVE[md.month - 1] ?? `месяца ${md.month}`}`;
}

export function monthName(month: number): string {
  return MONTHS_NOMINATIVE[month - 1] ?? `месяц ${month}`;
}

/**
 * Why a yearly month-day cannot be a deadline, or undefined when it can. 29 February is refused:
 * a rule that recurs every year must have a date in every year.
 */
export function monthDayProblem(md: MonthDay): string | undefined {
  if (md.month === 2 && md.day === 29) {
    return '29 февраля бывает не каждый год: ежегодный срок не может приходиться на эту дату';
  }
  if (md.day > daysInMonth(2024, md.month)) return `даты ${formatMonthDay(md)} не существует`;
  return undefined;
}

/** Compares month-days within one year. */
export function compareMonthDay(a: MonthDay, b: MonthDay): number {
  return a.month - b.month || a.day - b.day;
}

/** Why a yearly span cannot be a period, or undefined when it can: it must end after it starts, within one calendar year. */
export function spanOrderProblem(start: MonthDay, end: MonthDay): string | undefined {
  if (compareMonthDay(end, start) >= 0) return undefined;
  return `окончание (${formatMonthDay(end)}) раньше начала (${formatMonthDay(start)}): период должен укладываться в один календарный год`;
}
