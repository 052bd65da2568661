/** Rules that recur on the same days every year from the plan's first year. */
import { daysInMonth, MONTH_NAMES_RU } from '../dates.js';
import type { YearlySeries } from '../model.js';
import type { Rule } from '../schema.js';
import { seriesBase, seriesKey, type RuleRef } from './common.js';

export type AnnualRule = Extract<Rule, { kind: 'date' | 'month' | 'monthChoice' | 'span' | 'opening' }>;

// A non-leap year: a yearly series has one fixed end day, and 29 February does not recur.
const COMMON_YEAR = 2025;

function wholeMonth(month: number) {
  return { start: { month, day: 1 }, end: { month, day: daysInMonth(COMMON_YEAR, month) } };
}

/**
 * The yearly series of an annual rule. `monthChoice` gives one series per month unless
 * `chosenMonth` (the organization's `settings.monthChoices`) is one of the rule's months.
 */
export function annualSeries(ref: RuleRef, rule: AnnualRule, firstYear: number, chosenMonth?: number): YearlySeries[] {
  const base = { ...seriesBase(ref), kind: rule.kind, shape: 'yearly' as const, firstYear };
  switch (rule.kind) {
    case 'date':
    case 'opening': {
      const day = { month: rule.month, day: rule.day };
      return [{ ...base, key: seriesKey(ref), start: day, end: day }];
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
