/** The feed's query string read into FeedOptions, a refusal raised as a 400 problem. */
import type { Plan } from '../domain/schema.js';
import { DEFAULT_FEED_OPTIONS, type FeedOptions } from '../render/feed-options.js';
import { MAX_REMINDERS, REMINDER_OFFSETS, REMINDER_OFFSETS_TEXT, type FeedQuery } from '../api/feed-query.js';
import { invalidParameter } from './problem.js';

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
