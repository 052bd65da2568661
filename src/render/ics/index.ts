/**
 * iCalendar feeds for Outlook, Google, Apple and Thunderbird subscriptions. See
 * shared/reference/ics-interop.md for what each part of the output is for.
 */
import type { Audience, Dataset } from '../../domain/model.js';
import { seriesFor } from '../../domain/engine.js';
import { ORGANIZATION_TYPE_IDS } from '../../domain/schema.js';
import type { FeedOptions } from '../feed-options.js';
import { createFeedRenderer, type RenderContext } from './calendar.js';
import { stampHistory, type EventHistory } from './history.js';

export { createFeedRenderer, uidScope, type FeedRenderer, type RenderContext, type SeriesSource } from './calendar.js';
export { PRODID } from './header.js';
export { foldLines } from './fold.js';
export {
  EventHistoryFile,
  EventHistoryEntry,
  serializeEventHistory,
  stampHistory,
  type EventHistory,
} from './history.js';

/** The engine-backed renderer; its caches live as long as the data set they were built for. */
export const feedRenderer = createFeedRenderer(seriesFor);

/** The feed's text: the same inputs give byte-identical output. */
export function renderFeed(data: Dataset, audience: Audience, options: FeedOptions, ctx: RenderContext): string {
  return feedRenderer.render(data, audience, options, ctx);
}

/** Every feed the data set publishes: the whole plan, each type, each organization. */
export function feedAudiences(data: Dataset): Audience[] {
  return [
    { kind: 'all' },
    ...ORGANIZATION_TYPE_IDS.map((type): Audience => ({ kind: 'type', type })),
    ...data.registry.organizations.map((organization): Audience => ({ kind: 'organization', organization })),
  ];
}

/** The event ledger for this data version, from the previous one (`scripts/stamp-history.ts`). */
export function historyFor(data: Dataset, previous: EventHistory | undefined): EventHistory {
  const events = feedAudiences(data).flatMap((audience) => feedRenderer.ledgerEvents(data, audience));
  return stampHistory(events, previous, data.plan.meta.updated);
}
