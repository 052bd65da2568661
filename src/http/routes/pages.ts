/**
 * The web pages: `/`, `/organizations`, `/organizations/:id` (and its A4 memo), `/types/:type`, `/plan`, the widgets under
 * `/embed/…`, the problem types' documentation under `/problems/…`, and their two assets. Pages are rendered once per data version, day and option
 * set (they list the coming days' deadlines) and served from the representation cache; errors
 * are Russian HTML pages, not problem documents, because people read them.
 */
import { DateTime } from 'luxon';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Audience, Dataset } from '../../domain/model.js';
import { ORGANIZATION_TYPE_IDS, type Organization, type OrganizationTypeId } from '../../domain/schema.js';
import { DEFAULT_FEED_OPTIONS, feedOptionsKey, type OptionsQuery } from '../../render/feed-options.js';
import { loadAssets } from '../../render/html/assets.js';
import { moscowDate } from '../../render/html/format.js';
import { siteIdentity } from '../../render/html/identity.js';
import type { PageContext } from '../../render/html/layout.js';
import { parsePageOptions } from '../../render/html/options.js';
import { errorPage } from '../../render/html/pages/error.js';
import { problemPage } from '../../render/html/pages/problem.js';
import { findOrganization, MAX_QUERY_LENGTH } from '../../render/html/search.js';
import { deviceOf } from '../../render/html/device.js';
import { renderEmbed, renderHome, renderMemo, renderOrganization, renderOrganizations, renderPlan, renderType } from '../../render/html/site.js';
import { toDocument } from '../../render/html/template.js';
import type { ViewContext } from '../../render/html/views.js';
import { MAX_REMINDERS, REMINDER_OFFSETS_TEXT } from '../../api/feed-query.js';
import { PROBLEM_KINDS, problemTypeUri, type ProblemKind } from '../../api/problem.js';
import { buildRepresentation, type Representation } from '../representation.js';
import { MAX_RANGE_DAYS } from '../../api/schemas/occurrences.js';
import { sendRepresentation } from '../send-representation.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The page is a widget other sites may frame. */
    embeddable?: boolean;
    /** The page orders its subscribe choices by the visitor's device (Vary: User-Agent). */
    byDevice?: boolean;
  }
}

export const HTML = 'text/html; charset=utf-8';
// Pages list "the next 30 days": a few minutes of freshness, then revalidation by ETag.
const PAGE_CACHE_CONTROL = 'public, max-age=300';
const ASSET_CACHE_CONTROL = 'public, max-age=300';
const VERSIONED_ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';

const CSP_BASE = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "object-src 'none'",
];
export const CSP_PAGE = [...CSP_BASE, "frame-ancestors 'none'"].join('; ');
const CSP_EMBED = [...CSP_BASE, 'frame-ancestors *'].join('; ');

const EMBED_AUDIENCES: readonly string[] = [...ORGANIZATION_TYPE_IDS, 'all'];

type Query = OptionsQuery;

const isOrganizationType = (type: string): type is OrganizationTypeId => (ORGANIZATION_TYPE_IDS as readonly string[]).includes(type);

/** `compact=1`: the widget lists the next three deadlines only. */
const isCompact = (request: FastifyRequest): boolean => (request.query as Query)['compact'] === '1';

// Own keys only: `/problems/constructor` is not a kind.
const isProblemKind = (kind: string): kind is ProblemKind => Object.hasOwn(PROBLEM_KINDS, kind);

/** The site's path below its host, as pages link it ('' at the root). */
export function pageBase(publicUrl: string): string {
  return new URL(publicUrl).pathname.replace(/\/+$/, '');
}

/** What every page's layout needs; the static export renders with the same (src/static-export/direct.ts). */
export function pageContextOf(base: string, assets: Awaited<ReturnType<typeof loadAssets>>, data: Dataset): PageContext {
  return {
    base,
    siteTitle: data.plan.meta.shortTitle,
    assets: {
      css: `${assets.css.path}?v=${assets.css.version}`,
      js: `${assets.js.path}?v=${assets.js.version}`,
    },
    identity: siteIdentity(data),
  };
}

/** A page changes when the data does and when the day turns (the upcoming list). */
export function pageModified(today: string, loadedAt: Date): Date {
  const dayStart = DateTime.fromISO(today, { zone: 'Europe/Moscow' }).toJSDate();
  return loadedAt > dayStart ? loadedAt : dayStart;
}

export const pagesRoutes: FastifyPluginAsync = async (fastify) => {
  const { publicUrl } = fastify.config;
  const assets = await loadAssets();
  const base = pageBase(publicUrl);

  fastify.addHook('onSend', async (request, reply, payload) => {
    if (request.routeOptions.config.byDevice === true) {
      const vary = reply.getHeader('vary');
      reply.header('vary', vary === undefined ? 'User-Agent' : `${String(vary)}, User-Agent`);
    }
    const embeddable = request.routeOptions.config.embeddable === true;
    reply.header('content-security-policy', embeddable ? CSP_EMBED : CSP_PAGE);
    if (!embeddable) reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-content-type-options', 'nosniff');
    return payload;
  });

  const pageContext = (data: Dataset): PageContext => pageContextOf(base, assets, data);

  function sendError(reply: FastifyReply, data: Dataset, status: 400 | 404, detail: string, embed = false): FastifyReply {
    const body = toDocument(errorPage(pageContext(data), { status, detail, embed, organizations: data.registry.organizations }));
    return reply.code(status).type(HTML).header('cache-control', 'no-store').send(body);
  }

  // Any unknown path a browser opens gets the Russian page with the search box; tools keep problem+json.
  fastify.htmlNotFound.render = (_request, reply, detail) => sendError(reply, fastify.dataStore.current, 404, detail);

  /** Everything a page depends on, read once per request so one response comes from one data version. */
  function viewContext(request: FastifyRequest, reply: FastifyReply): ViewContext | undefined {
    const data = fastify.dataStore.current;
    const parsed = parsePageOptions(request.query as Query);
    if (!parsed.ok) {
      sendError(reply, data, 400, parsed.message, request.routeOptions.config.embeddable === true);
      return undefined;
    }
    return { data, publicUrl, today: moscowDate(fastify.clock()), options: parsed.options, device: deviceOf(request.headers['user-agent']) };
  }

  /** Serves the page for (version, day, path, options, device) from the cache, rendering it on first use. */
  async function sendPage(request: FastifyRequest, reply: FastifyReply, ctx: ViewContext, path: string, render: () => Promise<string> | string) {
    const key = `page\0${ctx.data.version}\0${ctx.today}\0${path}\0${feedOptionsKey(ctx.options)}\0${ctx.device}`;
    const representation = await fastify.representations.get(key, async () => {
      return buildRepresentation({ body: await render(), contentType: HTML, lastModified: pageModified(ctx.today, fastify.dataStore.snapshot.loadedAt) });
    });
    return sendRepresentation(request, reply, representation, PAGE_CACHE_CONTROL);
  }

  fastify.get('/', async (request, reply) => {
    const found = viewContext(request, reply);
    if (!found) return reply;
    // No subscribe block on the home page: one rendering for every device.
    const ctx: ViewContext = { ...found, device: 'other' };
    return sendPage(request, reply, ctx, '/', () => renderHome(ctx, pageContext(ctx.data)));
  });

  fastify.get('/plan', { config: { byDevice: true } }, async (request, reply) => {
    const ctx = viewContext(request, reply);
    if (!ctx) return reply;
    return sendPage(request, reply, ctx, '/plan', () => renderPlan(ctx, pageContext(ctx.data)));
  });

  fastify.get('/organizations', async (request, reply) => {
    const data = fastify.dataStore.current;
    const q = (request.query as Query)['q'];
    if (q !== undefined && typeof q !== 'string') return sendError(reply, data, 400, 'Укажите один поисковый запрос (параметр q).');
    const query = (q ?? '').trim();
    if (query.length > MAX_QUERY_LENGTH) {
      return sendError(reply, data, 400, `Поисковый запрос слишком длинный: не более ${MAX_QUERY_LENGTH} символов.`);
    }
    const ctx: ViewContext = { data, publicUrl, today: moscowDate(fastify.clock()), options: DEFAULT_FEED_OPTIONS, device: 'other' };
    if (query === '') return sendPage(request, reply, ctx, '/organizations', () => renderOrganizations(ctx, pageContext(data), ''));
    // The search box's own submission: one organization found (or a name chosen from the suggestions) opens it at once.
    const found = findOrganization(data.registry.organizations, query);
    if (found !== undefined) return reply.code(303).header('cache-control', 'no-store').redirect(`${base}/organizations/${encodeURIComponent(found.id)}`, 303);
    // Searches are not cached: every query would be a new entry (and a new compression).
    return reply.type(HTML).header('cache-control', PAGE_CACHE_CONTROL).send(renderOrganizations(ctx, pageContext(data), query));
  });

  /** The organization page and its memo: the same lookup, the same Russian 404 with the search box. */
  function organizationPage(suffix: string, render: (ctx: ViewContext, organization: Organization) => Promise<string>) {
    return async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
      const ctx = viewContext(request, reply);
      if (!ctx) return reply;
      const organization = ctx.data.organizationsById.get(request.params.id);
      if (!organization) {
        return sendError(reply, ctx.data, 404, `Организации с идентификатором «${request.params.id}» нет в реестре. Найдите её поиском ниже или в списке организаций.`);
      }
      // The memo is printed for everyone: no device comes first there.
      const forPage = suffix === '' ? ctx : { ...ctx, device: 'other' as const };
      return sendPage(request, reply, forPage, `/organizations/${organization.id}${suffix}`, () => render(forPage, organization));
    };
  }

  fastify.get('/organizations/:id', { config: { byDevice: true } }, organizationPage('', (ctx, o) => renderOrganization(ctx, pageContext(ctx.data), o)));
  fastify.get('/organizations/:id/memo', organizationPage('/memo', (ctx, o) => renderMemo(ctx, pageContext(ctx.data), o)));

  fastify.get<{ Params: { type: string } }>('/types/:type', { config: { byDevice: true } }, async (request, reply) => {
    const ctx = viewContext(request, reply);
    if (!ctx) return reply;
    const type = request.params.type;
    if (!isOrganizationType(type)) {
      return sendError(reply, ctx.data, 404, `Типа организаций «${type}» нет. Типы: ${ORGANIZATION_TYPE_IDS.join(', ')}.`);
    }
    return sendPage(request, reply, ctx, `/types/${type}`, () => renderType(ctx, pageContext(ctx.data), type));
  });

  fastify.get<{ Params: { type: string } }>('/embed/:type', { config: { embeddable: true } }, async (request, reply) => {
    const ctx = viewContext(request, reply);
    if (!ctx) return reply;
    const type = request.params.type;
    if (!EMBED_AUDIENCES.includes(type)) {
      return sendError(reply, ctx.data, 404, `Виджета для «${type}» нет. Допустимые типы: ${EMBED_AUDIENCES.join(', ')}.`, true);
    }
    const audience: Audience = type === 'all' ? { kind: 'all' } : { kind: 'type', type: type as OrganizationTypeId };
    const compact = isCompact(request);
    return sendPage(request, reply, { ...ctx, device: 'other' }, `/embed/${type}${compact ? '?compact' : ''}`, () =>
      renderEmbed(ctx, pageContext(ctx.data), audience, compact),
    );
  });

  fastify.get<{ Params: { id: string } }>('/embed/organizations/:id', { config: { embeddable: true } }, async (request, reply) => {
    const ctx = viewContext(request, reply);
    if (!ctx) return reply;
    const organization = ctx.data.organizationsById.get(request.params.id);
    if (!organization) {
      return sendError(reply, ctx.data, 404, `Организации с идентификатором «${request.params.id}» нет в реестре.`, true);
    }
    const compact = isCompact(request);
    return sendPage(request, reply, { ...ctx, device: 'other' }, `/embed/organizations/${organization.id}${compact ? '?compact' : ''}`, () =>
      renderEmbed(ctx, pageContext(ctx.data), { kind: 'organization', organization }, compact),
    );
  });

  // What each problem's type URI points to (RFC 9457 §3.1.1). It depends on the data only (the
  // site title, the plan's issuer), not on the day or on options, which it ignores.
  fastify.get<{ Params: { kind: string } }>('/problems/:kind', async (request, reply) => {
    const { dataset: data, loadedAt } = fastify.dataStore.snapshot;
    const kind = request.params.kind;
    if (!isProblemKind(kind)) {
      return sendError(reply, data, 404, `Типа ошибки «${kind}» нет. Сервис сообщает об ошибках типов: ${Object.keys(PROBLEM_KINDS).join(', ')}.`);
    }
    const representation = await fastify.representations.get(`problem\0${data.version}\0${kind}`, () => {
      const { status, title } = PROBLEM_KINDS[kind];
      const page = problemPage(pageContext(data), {
        kind,
        status,
        title,
        typeUri: problemTypeUri(publicUrl, kind),
        maintainer: data.plan.meta.issuer,
        limits: { reminderOffsets: REMINDER_OFFSETS_TEXT, maxReminders: MAX_REMINDERS, maxRangeDays: MAX_RANGE_DAYS },
      });
      return buildRepresentation({ body: toDocument(page), contentType: HTML, lastModified: loadedAt });
    });
    return sendRepresentation(request, reply, representation, PAGE_CACHE_CONTROL);
  });

  for (const asset of [assets.css, assets.js]) {
    const representation: Promise<Representation> = buildRepresentation({
      body: asset.body,
      contentType: asset.contentType,
      lastModified: asset.modified,
    });
    fastify.get(asset.path, async (request, reply) => {
      const versioned = (request.query as Query)['v'] === asset.version;
      return sendRepresentation(request, reply, await representation, versioned ? VERSIONED_ASSET_CACHE_CONTROL : ASSET_CACHE_CONTROL);
    });
  }
};

