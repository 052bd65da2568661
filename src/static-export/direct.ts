/**
 * The six URLs of each organization (feed, JSON, page, memo, widget, Atom feed of changes) and the
 * two lists of every organization answered without a request: the renderers and the routes' own
 * representation sources called directly. Through `app.inject` each organization's URL cost about 0.3 ms of CPU
 * more (light-my-request's request and response emulation and Fastify's request path: half of
 * the work per organization apart from compression, docs/performance.md), and the lists (52 MB
 * of JSON and 7 MB of HTML at 10 000 organizations) a copy more of memory at the export's peak,
 * for bytes the routes get from the same calls. write-url.ts checks a sample of these answers
 * against the service's on every run; the tests check every one.
 */
import type { DataStore } from '../data/store.js';
import { dataModified, type Audience, type Dataset } from '../domain/model.js';
import type { RepresentationSource } from '../http/representation.js';
import { documentSource, JSON_CONTENT_TYPE } from '../http/routes/api/document.js';
import { feedSource } from '../http/routes/feeds.js';
import { HTML, pageBase, pageContextOf, pageModified } from '../http/routes/pages.js';
import { DEFAULT_FEED_OPTIONS } from '../render/feed-options.js';
import type { loadAssets } from '../render/html/assets.js';
import { moscowDate } from '../render/html/format.js';
import { deviceOf } from '../render/html/device.js';
import type { PageContext } from '../render/html/layout.js';
import { renderChangesAtom } from '../render/atom/changes.js';
import { renderEmbed, renderMemo, renderOrganization, renderOrganizations } from '../render/html/site.js';
import type { ViewContext } from '../render/html/views.js';
import { renderFeed } from '../render/ics/index.js';
import { organizationJson, organizationsShell } from '../render/json/organizations.js';
import { listBytes } from './list-bytes.js';

export interface Answer {
  readonly body: Buffer;
  readonly contentType: string;
  /** What the service's Last-Modified says: whole seconds. */
  readonly lastModified: Date;
  /** The kind of URL (its route), so write-url.ts checks the first of each kind against the service. */
  readonly kind: string;
}

export interface DirectDeps {
  readonly store: DataStore;
  readonly clock: () => Date;
  readonly publicUrl: string;
  readonly assets: Awaited<ReturnType<typeof loadAssets>>;
}

/** Answers the URL if it is one of an organization's six or a list, else undefined (the caller injects it). */
export type DirectAnswer = (url: string) => Promise<Answer> | undefined;

const OWN_URL = /^\/(?:feeds\/organizations\/([^/]+)\.ics|api\/organizations\/([^/]+)|organizations\/([^/]+?)(\/memo|\/changes\.atom)?|embed\/organizations\/([^/]+))$/;

/** The service's type of the Atom feeds (src/http/routes/changes.ts). */
const ATOM = 'application/atom+xml; charset=utf-8';

async function answer(kind: string, source: RepresentationSource | Promise<RepresentationSource>): Promise<Answer> {
  const { body, contentType, lastModified } = await source;
  return {
    body: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'),
    contentType,
    lastModified: new Date(Math.floor(lastModified.getTime() / 1000) * 1000),
    kind,
  };
}

export function directAnswers({ store, clock, publicUrl, assets }: DirectDeps): DirectAnswer {
  const base = pageBase(publicUrl);
  // What every page of one data version and day shares, made once: the date arithmetic (luxon)
  // alone was 3 % of the export's CPU when done per page.
  let shared: { key: string; ctx: ViewContext; page: PageContext; lastModified: Date } | undefined;
  const pages = (data: Dataset) => {
    const now = clock();
    const key = `${data.version}\0${now.getTime()}`;
    if (shared?.key !== key) {
      const today = moscowDate(now);
      shared = {
        key,
        // Export URLs carry no query: the default options, as the routes read an empty query.
        ctx: { data, publicUrl, today, options: DEFAULT_FEED_OPTIONS, device: deviceOf(undefined) },
        page: pageContextOf(base, assets, data),
        lastModified: pageModified(today, store.snapshot.loadedAt),
      };
    }
    return shared;
  };
  return (url) => {
    const data = store.current;
    if (url === '/api/organizations') {
      // documentSource's bytes, held once rather than twice, each organization's document made
      // as it is written (list-bytes.ts).
      const body = listBytes(organizationsShell(data), 'organizations', (organization) => organizationJson(data, organization, publicUrl));
      return answer(url, { body, contentType: JSON_CONTENT_TYPE, lastModified: dataModified(data) });
    }
    if (url === '/organizations') {
      const { ctx, page, lastModified } = pages(data);
      return answer(url, { body: renderOrganizations(ctx, page, ''), contentType: HTML, lastModified });
    }
    const match = OWN_URL.exec(url);
    if (match === null) return undefined;
    const [, feedId, jsonId, pageId, pageSuffix, embedId] = match;
    const organization = data.organizationsById.get(feedId ?? jsonId ?? pageId ?? embedId ?? '');
    if (organization === undefined) return undefined;
    const audience: Audience = { kind: 'organization', organization };
    if (feedId !== undefined) return answer('feed', feedSource(data, audience, DEFAULT_FEED_OPTIONS, renderFeed, publicUrl));
    if (jsonId !== undefined) return answer('json', documentSource(data, organizationJson(data, organization, publicUrl)));
    if (pageSuffix === '/changes.atom') {
      return answer('changes', { body: renderChangesAtom({ data, publicUrl, organization }), contentType: ATOM, lastModified: dataModified(data) });
    }
    const { ctx, page, lastModified } = pages(data);
    const html = (kind: string, body: string | Promise<string>) => answer(kind, Promise.resolve(body).then((text) => ({ body: text, contentType: HTML, lastModified })));
    // The memo is printed for everyone: the route renders it for no device in particular.
    if (pageSuffix === '/memo') return html('memo', renderMemo({ ...ctx, device: 'other' }, page, organization));
    if (pageId !== undefined) return html('page', renderOrganization(ctx, page, organization));
    return html('embed', renderEmbed(ctx, page, audience, false));
  };
}
