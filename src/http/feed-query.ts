/** The feed's query string: its schema (validation, OpenAPI) and its meaning (FeedOptions). */
import Type, { type Static } from 'typebox';
import type { Plan } from '../domain/schema.js';
import { DEFAULT_FEED_OPTIONS, type FeedOptions } from '../render/feed-options.js';
import { invalidParameter } from './problem.js';

export const MAX_REMINDERS = 5;
export const MAX_REMINDER_DAYS = 60;

const NUMBER_LIST = '^\\d{1,4}(,\\d{1,4})*$';

// The descriptions double as the hint in a 400 problem's detail: they say what a valid value is.
export const FeedQuery = Type.Object(
  {
    reminders: Type.Optional(
      Type.String({
        pattern: NUMBER_LIST,
        description: `Напоминания: за сколько дней до срока (целые числа от 0 до ${MAX_REMINDER_DAYS}) через запятую, не более ${MAX_REMINDERS}, например reminders=1,7.`,
        examples: ['1,7'],
      }),
    ),
    daily: Type.Optional(
      Type.Union([Type.Literal('0'), Type.Literal('1')], {
        description: 'Ежедневные обязанности (слот в каждый учебный или рабочий день): 1 — включать, 0 — только сроки (по умолчанию; так же, как без параметра).',
      }),
    ),
    items: Type.Optional(
      Type.String({
        pattern: NUMBER_LIST,
        description: 'Только эти пункты плана: номера пунктов через запятую, например items=3,8,12.',
        examples: ['3,8,12'],
      }),
    ),
  },
  { additionalProperties: false },
);
export type FeedQuery = Static<typeof FeedQuery>;

function numberList(value: string): number[] {
  return [...new Set(value.split(',').map(Number))].sort((a, b) => a - b);
}

/**
 * Reads validated query values into canonical FeedOptions (sorted, without duplicates), checking
 * what the schema cannot: reminder range and count, and that the items exist in this plan.
 */
export function feedOptionsFromQuery(query: FeedQuery, plan: Plan): FeedOptions {
  let reminders = DEFAULT_FEED_OPTIONS.reminders;
  if (query.reminders !== undefined) {
    const days = numberList(query.reminders);
    const outOfRange = days.find((d) => d > MAX_REMINDER_DAYS);
    if (outOfRange !== undefined) {
      throw invalidParameter(
        'reminders',
        `Напоминание за ${outOfRange} дн. невозможно: допустимо от 0 до ${MAX_REMINDER_DAYS} дней до срока, например reminders=1,7.`,
      );
    }
    if (days.length > MAX_REMINDERS) {
      throw invalidParameter('reminders', `Указано ${days.length} напоминаний; допустимо не более ${MAX_REMINDERS}.`);
    }
    reminders = days;
  }

  let items: readonly number[] | undefined;
  if (query.items !== undefined) {
    const numbers = numberList(query.items);
    const existing = new Set(plan.items.map((item) => item.number));
    const missing = numbers.filter((n) => !existing.has(n));
    if (missing.length > 0) {
      const known = plan.items.map((item) => item.number).sort((a, b) => a - b);
      throw invalidParameter(
        'items',
        `${missing.length === 1 ? 'Пункта' : 'Пунктов'} ${missing.join(', ')} нет в плане. Номера пунктов плана: ${describeRange(known)}.`,
      );
    }
    items = numbers;
  }

  return {
    reminders,
    daily: query.daily === undefined ? DEFAULT_FEED_OPTIONS.daily : query.daily === '1',
    ...(items === undefined ? {} : { items }),
  };
}

/** `1–26` for a contiguous run, otherwise the list. */
function describeRange(numbers: readonly number[]): string {
  const first = numbers[0];
  const last = numbers[numbers.length - 1];
  if (first === undefined || last === undefined) return '—';
  return last - first + 1 === numbers.length ? `${first}–${last}` : numbers.join(', ');
}
