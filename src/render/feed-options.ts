/** What a subscriber can choose for a feed (query string `reminders`, `daily`, `items`). */
export interface FeedOptions {
  /** Display alarms this many days before each all-day deadline, in the morning (Moscow); sorted, unique. */
  readonly reminders: readonly number[];
  /**
   * Whether daily duties (items 18 and 24: a slot on every school or working day, ~420 a year)
   * are in the calendar (`daily=1`). Out by default: an agenda should hold the deadlines, and
   * daily slots would bury them; `daily=0` (the old opt-out) still means the default.
   */
  readonly daily: boolean;
  /** Keep only these item numbers (`items=3,8,12`); sorted, unique; undefined keeps all. */
  readonly items?: readonly number[];
}

export const DEFAULT_FEED_OPTIONS: FeedOptions = { reminders: [], daily: false };

/** Every duty of the plan, daily ones included (`daily=1`): what the golden feeds pin. */
export const ALL_DUTIES: FeedOptions = { reminders: [], daily: true };

/** Canonical string of options, for cache keys and query strings: equal options give equal keys. */
export function feedOptionsKey(options: FeedOptions): string {
  const parts: string[] = [];
  if (options.reminders.length > 0) parts.push(`reminders=${options.reminders.join(',')}`);
  if (options.daily !== DEFAULT_FEED_OPTIONS.daily) parts.push(`daily=${options.daily ? 1 : 0}`);
  if (options.items !== undefined) parts.push(`items=${options.items.join(',')}`);
  return parts.join('&');
}
