/**
 * The subscription options a page offers (daily duties in the calendar, reminders). They arrive
 * as the page's own query string, read as the feeds read theirs (src/render/feed-options.ts).
 */
import { readFeedOptions, REMINDER_LIMITS, type OptionsQuery, type OptionsResult, type ReminderLimits } from '../feed-options.js';

/** Reminder checkboxes offered on pages, in days before a deadline. */
export const REMINDER_CHOICES: readonly number[] = [7, 3, 1];

/** Options from a page's query, from a plain GET form (`reminders=7&reminders=1`, `daily=0`) or a shared link (`reminders=7,1`). */
export function parsePageOptions(query: OptionsQuery, limits: ReminderLimits = REMINDER_LIMITS): OptionsResult {
  return readFeedOptions(query, 'page', undefined, limits);
}
