/** A feed URL's query read into FeedOptions; a value the options cannot take is a 400 problem naming it. */
import type { FeedQuery } from '../api/feed-query.js';
import type { Plan } from '../domain/schema.js';
import { DEFAULT_FEED_OPTIONS, readFeedOptions, type FeedOptions } from '../render/feed-options.js';
import { invalidParameter } from './problem.js';

/** `query` has passed the feed's schema (FeedQuery); this checks what the schema cannot. */
export function feedOptionsFromQuery(query: FeedQuery, plan: Plan): FeedOptions {
  // Calendar clients poll the plain URL: no parameter, nothing to read (what readFeedOptions gives for {}).
  if (query.reminders === undefined && query.daily === undefined && query.items === undefined) return DEFAULT_FEED_OPTIONS;
  const read = readFeedOptions(query, 'feed', plan);
  if (!read.ok) throw invalidParameter(read.parameter, read.message);
  return read.options;
}
