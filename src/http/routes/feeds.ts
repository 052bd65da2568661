import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { audienceId } from '../../domain/audience.js';
import { dataModified, type Audience, type Dataset } from '../../domain/model.js';
import { ORGANIZATION_TYPE_IDS, OrganizationId, OrganizationTypeId } from '../../domain/schema.js';
import { DEFAULT_FEED_OPTIONS, feedOptionsKey, type FeedOptions } from '../../render/feed-options.js';
import { feedFileName } from '../../render/feeds.js';
import { FeedQuery } from '../../api/feed-query.js';
import { feedOptionsFromQuery } from '../feed-query.js';
import { notFound, problemResponses } from '../problem.js';
import { buildRepresentation, contentDisposition, type Representation, type RepresentationSource } from '../representation.js';
import { sendRepresentation } from '../send-representation.js';

export type FeedRenderer = (data: Dataset, audience: Audience, options: FeedOptions, ctx: { readonly publicUrl: string }) => string;

export interface FeedRoutesOptions {
  readonly renderFeed: FeedRenderer;
}

export const FEED_CONTENT_TYPE = 'text/calendar; charset=utf-8';

// Calendar clients poll every few hours (Google every 12–24 h): an hour of freshness costs
// nothing, and stale-while-revalidate lets a cache answer at once while it checks with us.
const FEED_CACHE_CONTROL = 'public, max-age=3600, stale-while-revalidate=86400';

const feedResponses = {
  200: {
    description: 'Календарь iCalendar (RFC 5545); сжатие br или gzip по Accept-Encoding',
    content: { 'text/calendar': { schema: Type.String() } },
  },
  304: { description: 'Не изменился с указанной версии (If-None-Match / If-Modified-Since)', type: 'null' },
};

const FEED_TAGS = ['Ленты'];

function typeNotFound(type: unknown): string {
  return `Ленты для типа организаций «${String(type)}» нет. Допустимые типы: ${ORGANIZATION_TYPE_IDS.join(', ')}.`;
}

function organizationNotFound(id: unknown, publicUrl: string): string {
  return `Организация «${String(id)}» не найдена. Список организаций: ${publicUrl}/organizations`;
}

/** What a feed answers with; the static export writes the same without a request (src/static-export/direct.ts). */
export function feedSource(data: Dataset, audience: Audience, options: FeedOptions, renderFeed: FeedRenderer, publicUrl: string): RepresentationSource {
  return {
    body: renderFeed(data, audience, options, { publicUrl }),
    contentType: FEED_CONTENT_TYPE,
    contentDisposition: contentDisposition('inline', feedFileName(audience)),
    lastModified: dataModified(data),
  };
}

/** At most this many plain feeds' keys are kept per data set (the bundled data has 26 audiences, a 10 000-organization registry 10 004). */
const KEYS_PER_DATASET = 20_000;

/**
 * The representation cache's key for a feed without options, once per data set and audience:
 * a calendar's poll of its plain URL — nearly every request, most of them 304s — neither builds
 * the key string nor hashes a new one for the cache's lookup. Keys for feeds with options are
 * built on each request.
 */
const plainKeys = new WeakMap<Dataset, Map<string, string>>();

function feedKey(data: Dataset, audience: Audience, options: FeedOptions): string {
  const id = audienceId(audience);
  if (options !== DEFAULT_FEED_OPTIONS) return `feed\0${data.version}\0${id}\0${feedOptionsKey(options)}`;
  let keys = plainKeys.get(data);
  if (keys === undefined) {
    keys = new Map();
    plainKeys.set(data, keys);
  }
  let key = keys.get(id);
  if (key === undefined) {
    key = `feed\0${data.version}\0${id}\0${feedOptionsKey(options)}`;
    if (keys.size < KEYS_PER_DATASET) keys.set(id, key);
  }
  return key;
}

const feeds: FastifyPluginAsyncTypebox<FeedRoutesOptions> = async (fastify, { renderFeed }) => {
  const { publicUrl } = fastify.config;

  /** The feed's answer, counted in the subscription statistics once its status is decided. */
  function answer(request: FastifyRequest, reply: FastifyReply, representation: Representation): FastifyReply | Promise<FastifyReply> {
    const sent = sendRepresentation(request, reply, representation, FEED_CACHE_CONTROL);
    if (!(sent instanceof Promise)) {
      fastify.countFeedPoll(request, reply);
      return sent;
    }
    return sent.then((done) => {
      fastify.countFeedPoll(request, reply);
      return done;
    });
  }

  // Not async: a cached feed (every 304 and nearly every 200) is answered within the request's
  // own tick. An async handler and an awaited cache hit cost the 304 two promises and a deferred
  // write (docs/performance.md, "The 304 against the bare route").
  function sendFeed(request: FastifyRequest, reply: FastifyReply, data: Dataset, audience: Audience, query: FeedQuery): FastifyReply | Promise<FastifyReply> {
    const options = feedOptionsFromQuery(query, data.plan);
    const key = feedKey(data, audience, options);
    const cached = fastify.representations.cached(key);
    if (cached !== undefined) return answer(request, reply, cached);
    return fastify.representations
      .get(key, () => buildRepresentation(feedSource(data, audience, options, renderFeed, publicUrl)))
      .then((representation) => answer(request, reply, representation));
  }

  fastify.get(
    '/feeds/all.ics',
    {
      schema: {
        operationId: 'getPlanFeed',
        summary: 'Лента всего плана',
        description: 'Все пункты типового плана для всех типов организаций.',
        tags: FEED_TAGS,
        querystring: FeedQuery,
        response: { ...feedResponses, ...problemResponses('invalid-parameter') },
      },
    },
    // One read of the store per request: the whole response comes from this one version.
    (request, reply) => sendFeed(request, reply, fastify.dataStore.current, { kind: 'all' }, request.query),
  );

  fastify.get(
    '/feeds/:type.ics',
    {
      schema: {
        operationId: 'getOrganizationTypeFeed',
        summary: 'Лента для типа организаций',
        description: 'Пункты плана, относящиеся к одному типу организаций, с учебным графиком по умолчанию для этого типа.',
        tags: FEED_TAGS,
        params: Type.Object({ type: OrganizationTypeId }),
        querystring: FeedQuery,
        response: { ...feedResponses, ...problemResponses('invalid-parameter', 'not-found') },
      },
      config: { notFoundDetail: (params) => typeNotFound(params.type) },
    },
    (request, reply) => sendFeed(request, reply, fastify.dataStore.current, { kind: 'type', type: request.params.type }, request.query),
  );

  fastify.get(
    '/feeds/organizations/:id.ics',
    {
      schema: {
        operationId: 'getOrganizationFeed',
        summary: 'Лента организации',
        description:
          'Пункты плана для типов одной организации (id — идентификатор из реестра организаций) с её собственным учебным графиком и выбранными месяцами.',
        tags: FEED_TAGS,
        params: Type.Object({ id: OrganizationId }),
        querystring: FeedQuery,
        response: { ...feedResponses, ...problemResponses('invalid-parameter', 'not-found') },
      },
      config: { notFoundDetail: (params, url) => organizationNotFound(params.id, url) },
    },
    (request, reply) => {
      const data = fastify.dataStore.current;
      const organization = data.organizationsById.get(request.params.id);
      if (organization === undefined) throw notFound(organizationNotFound(request.params.id, publicUrl));
      return sendFeed(request, reply, data, { kind: 'organization', organization }, request.query);
    },
  );
};

export default feeds;
