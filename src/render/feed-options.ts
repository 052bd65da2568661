/**
 * What a subscriber can choose for a feed (query string `reminders`, `daily`, `items`), and the
 * one reading of those parameters that feeds and pages share.
 */
import { MAX_REMINDERS, offeredDaysText, REMINDER_OFFSETS } from '../api/feed-query.js';
import type { Plan } from '../domain/schema.js';

export interface FeedOptions {
  /** Display alarms this many days before each all-day deadline, in the morning (Moscow); sorted, unique. */
  readonly reminders: readonly number[];
  /**
   * Whether daily duties (items 18 and 24: a slot on every school or working day) are in the
   * calendar. In by default: the plan says «ежедневно», and the slots are short transparent
   * events that do not block the day; `daily=0` keeps deadlines only, `daily=1` (links made
   * while the default was the other way) means the default.
   */
  readonly daily: boolean;
  /** Keep only these item numbers (`items=3,8,12`); sorted, unique; undefined keeps all. */
  readonly items?: readonly number[];
}

// Frozen: the feeds' plain-URL cache key is built from it once per data set (routes/feeds.ts).
export const DEFAULT_FEED_OPTIONS: FeedOptions = Object.freeze({ reminders: Object.freeze([]), daily: true });

/** Every duty of the plan, daily ones included (the default): what the golden feeds pin. */
export const ALL_DUTIES: FeedOptions = { reminders: [], daily: true };

/** Canonical string of options, for cache keys and query strings: equal options give equal keys. */
export function feedOptionsKey(options: FeedOptions): string {
  const parts: string[] = [];
  if (options.reminders.length > 0) parts.push(`reminders=${options.reminders.join(',')}`);
  if (options.daily !== DEFAULT_FEED_OPTIONS.daily) parts.push(`daily=${options.daily ? 1 : 0}`);
  if (options.items !== undefined) parts.push(`items=${options.items.join(',')}`);
  return parts.join('&');
}

/**
 * The two ways options arrive. `feed`: a feed URL, each parameter once, its shape already checked
 * by the feed's schema (FeedQuery). `page`: a page's query string, also from a plain GET form,
 * so reminders may repeat (`reminders=7&reminders=1`, one per checkbox) or come as a shared
 * feed-style list (`reminders=7,1`), with anything a person may type in between.
 */
export type OptionsShape = 'feed' | 'page';

export type QueryValue = string | readonly string[] | undefined;
export type OptionsQuery = Readonly<Record<string, QueryValue>>;

/** What the feeds accept, so a page never offers a link its feed would refuse. */
export interface ReminderLimits {
  /** The offsets a feed offers, in days. */
  readonly offsets: readonly number[];
  readonly maxCount: number;
}

export const REMINDER_LIMITS: ReminderLimits = { offsets: REMINDER_OFFSETS, maxCount: MAX_REMINDERS };

export type OptionsResult =
  | { readonly ok: true; readonly options: FeedOptions }
  | { readonly ok: false; readonly parameter: 'reminders' | 'daily' | 'items'; readonly message: string };
type Refusal = Extract<OptionsResult, { ok: false }>;

function values(value: QueryValue): string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : [...value];
}

/** Sorted and without duplicates: the canonical order of a list in a feed URL. */
function numberList(value: string): number[] {
  return [...new Set(value.split(',').map(Number))].sort((a, b) => a - b);
}

// A feed URL's list is numbers (its schema says so) and is read in canonical order; a page
// quotes back whatever was typed, in the order it was typed.
const UNOFFERED: Record<OptionsShape, (text: string, limits: ReminderLimits) => string> = {
  feed: (text, limits) =>
    `Напоминания за ${text} дн. нет: можно напомнить за ${offeredDaysText(limits.offsets)} дн. до срока, не более ${limits.maxCount} сразу, например reminders=1,7.`,
  page: (text, limits) => `Напоминание «${text}» не подходит: можно напомнить за ${offeredDaysText(limits.offsets)} дн. до срока, например reminders=1,7.`,
};

function readReminders(value: QueryValue, shape: OptionsShape, limits: ReminderLimits): number[] | Refusal {
  const parts =
    shape === 'feed'
      ? values(value).flatMap((v) => numberList(v).map(String))
      : values(value).flatMap((v) => v.split(',')).map((part) => part.trim()).filter((part) => part !== '');
  const days = new Set<number>();
  for (const text of parts) {
    const n = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
    if (!limits.offsets.includes(n)) return { ok: false, parameter: 'reminders', message: UNOFFERED[shape](text, limits) };
    days.add(n);
  }
  if (days.size > limits.maxCount) {
    return { ok: false, parameter: 'reminders', message: `Указано напоминаний: ${days.size}; можно не более ${limits.maxCount} сразу.` };
  }
  return [...days].sort((a, b) => a - b);
}

function readDaily(value: QueryValue): boolean | Refusal {
  const all = values(value);
  if (all.length === 0) return DEFAULT_FEED_OPTIONS.daily;
  if (all.length === 1 && (all[0] === '0' || all[0] === '1')) return all[0] === '1';
  return { ok: false, parameter: 'daily', message: 'Параметр daily может быть только 1 (ежедневные дела в календаре, как по умолчанию) или 0 (только сроки).' };
}

/** `1–26` for a contiguous run, otherwise the list. */
function describeRange(numbers: readonly number[]): string {
  const first = numbers[0];
  const last = numbers[numbers.length - 1];
  if (first === undefined || last === undefined) return '—';
  return last - first + 1 === numbers.length ? `${first}–${last}` : numbers.join(', ');
}

/** The items of this plan the list names; a feed URL's `items`, so one value shaped by its schema. */
function readItems(value: QueryValue, plan: Plan): readonly number[] | undefined | Refusal {
  const [text] = values(value);
  if (text === undefined) return undefined;
  const numbers = numberList(text);
  const known = plan.items.map((item) => item.number).sort((a, b) => a - b);
  const missing = numbers.filter((n) => !known.includes(n));
  if (missing.length === 0) return numbers;
  return {
    ok: false,
    parameter: 'items',
    message: `${missing.length === 1 ? 'Пункта' : 'Пунктов'} ${missing.join(', ')} нет в плане. Номера пунктов плана: ${describeRange(known)}.`,
  };
}

function refused(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && 'ok' in value;
}

/**
 * Canonical options (sorted, without duplicates) from a query, checking what a schema cannot:
 * reminder offsets and count, daily, and — when a plan is given (feeds) — that the items exist.
 * Pages take no `items`; unknown parameters are ignored (links get tracking tags appended).
 */
export function readFeedOptions(query: OptionsQuery, shape: OptionsShape, plan?: Plan, limits: ReminderLimits = REMINDER_LIMITS): OptionsResult {
  const reminders = readReminders(query['reminders'], shape, limits);
  if (refused(reminders)) return reminders;
  const daily = readDaily(query['daily']);
  if (refused(daily)) return daily;
  const items = plan === undefined ? undefined : readItems(query['items'], plan);
  if (refused(items)) return items;
  return { ok: true, options: { reminders, daily, ...(items === undefined ? {} : { items }) } };
}
