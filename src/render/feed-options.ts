/** What a subscriber can choose for a feed (query string `reminders`, `daily`, `items`). */
export interface FeedOptions {
  /** Display alarms this many days before each all-day deadline, in the morning (Moscow); sorted, unique. */
  readonly reminders: readonly number[];
  /** `false` leaves out daily duties (`daily=0`). */
  readonly daily: boolean;
  /** Keep only these item numbers (`items=3,8,12`); sorted, unique; undefined keeps all. */
  readonly items?: readonly number[];
}

export const DEFAULT_FEED_OPTIONS: FeedOptions = { reminders: [], daily: true };

/** Canonical string of options, for cache keys and query strings: equal options give equal keys. */
export function feedOptionsKey(options: FeedOptions): string {
  const parts: string[] = [];
  if (options.reminders.length > 0) parts.push(`reminders=${options.reminders.join(',')}`);
  if (!options.daily) parts.push('daily=0');
  if (options.items !== undefined) parts.push(`items=${options.items.join(',')}`);
  return parts.join('&');
}
