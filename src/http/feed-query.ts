/** The feed's query string: its schema (validation, OpenAPI) and its meaning (FeedOptions). */
import Type, { type Static } from 'typebox';
import type { Plan } from '../domain/schema.js';
import { DEFAULT_FEED_OPTIONS, type FeedOptions } from '../render/feed-options.js';
import { invalidParameter } from './problem.js';

/**
 * The reminder offsets a feed offers, in days before a deadline (its last day for a multi-day
 * duty). A fixed set, at most three at once: 92 lists per feed instead of 61^5, so the variants
 * a client can make the service render and keep stay few (issue 13), and these cover what a
 * school asks for — the day itself, a few days, a week, two weeks, a month.
 */
export const REMINDER_OFFSETS: readonly number[] = [0, 1, 2, 3, 5, 7, 14, 30];
export const MAX_REMINDERS = 3;
export const MAX_REMINDER_DAYS = Math.max(...REMINDER_OFFSETS);

/** `0, 1, 2, 3, 5, 7, 14 или 30`: the offsets as a message names them. */
export const REMINDER_OFFSETS_TEXT = `${REMINDER_OFFSETS.slice(0, -1).join(', ')} или ${MAX_REMINDER_DAYS}`;

const NUMBER_LIST = '^\\d{1,4}(,\\d{1,4})*$';

// The descriptions double as the hint in a 400 problem's detail: they say what a valid value is.
export const FeedQuery = Type.Object(
  {
    reminders: Type.Optional(
      Type.String({
        pattern: NUMBER_LIST,
        description: `Напоминания в 09:00 по Москве: за сколько дней до срока (у многодневного дела — до его последнего дня), ${REMINDER_OFFSETS_TEXT}, через запятую, не более ${MAX_REMINDERS}, например reminders=1,7.`,
        examples: ['1,7'],
      }),
    ),
    daily: Type.Optional(
      Type.Union([Type.Literal('0'), Type.Literal('1')], {
        description: 'Ежедневные обязанности (пп. 18 и 24: короткое событие в каждый учебный или рабочий день): 1 — включать (по умолчанию; так же, как без параметра), 0 — только сроки.',
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
    const unoffered = days.find((d) => !REMINDER_OFFSETS.includes(d));
    if (unoffered !== undefined) {
      throw invalidParameter(
        'reminders',
        `Напоминания за ${unoffered} дн. нет: можно напомнить за ${REMINDER_OFFSETS_TEXT} дн. до срока, не более ${MAX_REMINDERS} сразу, например reminders=1,7.`,
      );
    }
    if (days.length > MAX_REMINDERS) {
      throw invalidParameter('reminders', `Указано напоминаний: ${days.length}; можно не более ${MAX_REMINDERS} сразу.`);
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
