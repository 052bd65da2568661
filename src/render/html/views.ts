/**
 * View models of the pages: what the engine says about an audience and every link to its feed,
 * gathered once so the page templates stay plain markup.
 */
import type { Audience, Dataset, IsoDate } from '../../domain/model.js';
import type { Item } from '../../domain/schema.js';
import { feedOptionsKey, type FeedOptions } from '../feed-options.js';
import { baseUrl, feedTitle } from '../feeds.js';
import { agendaFor, type Agenda } from './agenda.js';
import type { ItemLinks } from './components/deadlines.js';
import type { SubscribeView } from './components/subscribe.js';
import type { Device } from './device.js';
import type { PageContext } from './layout.js';
import { subscribeLinks } from './subscribe-links.js';

/** What every view is built from: the data, where the site is, today's date, the subscriber's options and device. */
export interface ViewContext {
  readonly data: Dataset;
  readonly publicUrl: string;
  /** Today in Europe/Moscow. */
  readonly today: IsoDate;
  readonly options: FeedOptions;
  /** Whose calendar app the subscribe block offers first. */
  readonly device: Device;
}

export function agenda(ctx: ViewContext, audience: Audience): Agenda {
  return agendaFor(ctx.data, audience, ctx.today);
}

export function subscribeView(ctx: ViewContext, key: string, audience: Audience): SubscribeView {
  return { key, links: subscribeLinks(audience, ctx.data, ctx.publicUrl, ctx.options), device: ctx.device };
}

/** Page options as a query string (`?reminders=1,7&daily=0`), or '' for the defaults. */
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
      return `/types/${audience.type}`;
    case 'organization':
      return `/organizations/${audience.organization.id}`;
  }
}

/** Absolute URL of the page of `audience` (what QR codes and memos point to). */
export function pageUrl(ctx: Pick<ViewContext, 'publicUrl'>, audience: Audience): string {
  return `${baseUrl(ctx.publicUrl)}${pagePath(audience)}`;
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

export function itemLinks(ctx: ViewContext, page: PageContext, extra: Partial<ItemLinks> = {}): ItemLinks {
  return { today: ctx.today, items: itemsByNumber(ctx.data), itemHref: (item) => `${page.base}/plan#item-${item}`, ...extra };
}
