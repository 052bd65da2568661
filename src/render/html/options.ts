/**
 * The subscription options a page offers (daily duties in the calendar, reminders) and how they
 * arrive: as the page's own query string, from a plain GET form (`reminders=7&reminders=1`,
 * `daily=0`) or from a shared link in the feeds' own form (`reminders=7,1`).
 */
import { DEFAULT_FEED_OPTIONS, type FeedOptions } from '../feed-options.js';

/** Reminder checkboxes offered on pages, in days before a deadline. */
export const REMINDER_CHOICES: readonly number[] = [7, 3, 1];

/** What the feeds accept, so a page never offers a link its feed would refuse. */
export interface ReminderLimits {
  /** The offsets a feed offers, in days. */
  readonly offsets: readonly number[];
  readonly maxCount: number;
}

export type QueryValue = string | readonly string[] | undefined;

export type OptionsResult = { readonly ok: true; readonly options: FeedOptions } | { readonly ok: false; readonly message: string };

function values(value: QueryValue): string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : [...value];
}

function parseReminders(value: QueryValue, limits: ReminderLimits): number[] | string {
  const days = new Set<number>();
  for (const part of values(value).flatMap((v) => v.split(','))) {
    const text = part.trim();
    if (text === '') continue;
    const n = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
    if (!limits.offsets.includes(n)) {
      const offered = `${limits.offsets.slice(0, -1).join(', ')} или ${limits.offsets.at(-1) ?? 0}`;
      return `Напоминание «${text}» не подходит: можно напомнить за ${offered} дн. до срока, например reminders=1,7.`;
    }
    days.add(n);
  }
  if (days.size > limits.maxCount) return `Указано напоминаний: ${days.size}; можно не более ${limits.maxCount} сразу.`;
  return [...days].sort((a, b) => a - b);
}

function parseDaily(value: QueryValue): boolean | string {
  const all = values(value);
  if (all.length === 0) return DEFAULT_FEED_OPTIONS.daily;
  if (all.length === 1 && (all[0] === '0' || all[0] === '1')) return all[0] === '1';
  return 'Параметр daily может быть только 1 (ежедневные дела в календаре, как по умолчанию) или 0 (только сроки).';
}

/** Options from a page's query; unknown parameters are ignored (links get tracking tags appended). */
export function parsePageOptions(query: Readonly<Record<string, QueryValue>>, limits: ReminderLimits): OptionsResult {
  const reminders = parseReminders(query['reminders'], limits);
  if (typeof reminders === 'string') return { ok: false, message: reminders };
  const daily = parseDaily(query['daily']);
  if (typeof daily === 'string') return { ok: false, message: daily };
  return { ok: true, options: { reminders, daily } };
}
