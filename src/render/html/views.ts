/**
 * View models of the pages: what the engine says about an audience for the coming days and
 * every link to its feed, gathered once so the page templates stay plain markup.
 */
import { addDays } from '../../domain/dates.js';
import { occurrencesFor } from '../../domain/engine.js';
import type { Audience, Dataset, IsoDate, OccurrenceResult } from '../../domain/model.js';
import type { Item } from '../../domain/schema.js';
import { feedOptionsKey, type FeedOptions } from '../feed-options.js';
import { baseUrl, feedTitle } from '../feeds.js';
import type { SubscribeView } from './components/subscribe.js';
import { qrSvg } from './qr.js';
import { subscribeLinks } from './subscribe-links.js';

/** How far ahead pages list deadlines. */
export const UPCOMING_DAYS = 30;

/** What every view is built from: the data, where the site is, today's date and the subscriber's options. */
export interface ViewContext {
  readonly data: Dataset;
  readonly publicUrl: string;
  /** Today in Europe/Moscow. */
  readonly today: IsoDate;
  readonly options: FeedOptions;
}

export function upcomingRange(today: IsoDate): { from: IsoDate; to: IsoDate } {
  return { from: today, to: addDays(today, UPCOMING_DAYS) };
}

export function upcoming(ctx: ViewContext, audience: Audience): OccurrenceResult {
  return occurrencesFor(ctx.data, audience, upcomingRange(ctx.today), { daily: ctx.options.daily });
}

export async function subscribeView(ctx: ViewContext, key: string, audience: Audience): Promise<SubscribeView> {
  const links = subscribeLinks(audience, ctx.data, ctx.publicUrl, ctx.options);
  return { key, links, qr: await qrSvg(links.https, `QR-код ссылки на календарь «${links.name}»`) };
}

/** Page options as a query string (`?daily=0&reminders=1,7`), or '' for the defaults. */
export function optionsQuery(options: FeedOptions): string {
  const key = feedOptionsKey({ reminders: options.reminders, daily: options.daily });
  return key === '' ? '' : `?${key}`;
}

export function embedPath(audience: Audience): string {
  switch (audience.kind) {
    case 'all':
    case 'type':
      return `/embed/${audience.kind === 'all' ? 'all' : audience.type}`;
    case 'organization':
      return `/embed/organizations/${audience.organization.id}`;
  }
}

export function pagePath(audience: Audience): string {
  switch (audience.kind) {
    case 'all':
      return '/plan';
    case 'type':
      return `/#type-${audience.type}`;
    case 'organization':
      return `/organizations/${audience.organization.id}`;
  }
}

/** Absolute URL of the widget for `audience` with the current options, as other sites embed it. */
export function embedUrl(ctx: ViewContext, audience: Audience): string {
  return `${baseUrl(ctx.publicUrl)}${embedPath(audience)}${optionsQuery(ctx.options)}`;
}

export function widgetTitle(ctx: ViewContext, audience: Audience): string {
  return `Сроки плана ${feedTitle(audience, ctx.data)}`;
}

export function itemsByNumber(data: Dataset): ReadonlyMap<number, Item> {
  return new Map(data.plan.items.map((item) => [item.number, item]));
}
