/** What a subscriber can choose for a feed (query string `reminders`, `daily`, `items`). */
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

export const DEFAULT_FEED_OPTIONS: FeedOptions = { reminders: [], daily: true };

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
