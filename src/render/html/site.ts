/**
 * Whole pages from the data: gathers each page's view (engine results, links, QR codes) and
 * renders the document. Pure apart from awaiting the QR encoder; the HTTP layer only parses
 * requests, caches and sends.
 */
import { ORGANIZATION_TYPE_IDS, type Organization, type OrganizationTypeId } from '../../domain/schema.js';
import { organizationCalendarProfile, resolveCalendar } from '../../domain/school-calendar.js';
import type { Audience, IsoDate, OccurrenceResult } from '../../domain/model.js';
import { baseUrl } from '../feeds.js';
import type { DeadlinesView } from './components/deadlines.js';
import type { PageContext } from './layout.js';
import { embedPage, WIDGET_LIMIT } from './pages/embed.js';
import { homePage } from './pages/home.js';
import { organizationPage, type SchoolYearView } from './pages/organization.js';
import { organizationsPage } from './pages/organizations.js';
import { planPage } from './pages/plan.js';
import { toDocument } from './template.js';
import { subscribeLinks } from './subscribe-links.js';
import {
  embedUrl,
  itemsByNumber,
  optionsQuery,
  pagePath,
  subscribeView,
  upcoming,
  upcomingRange,
  widgetTitle,
  type ViewContext,
} from './views.js';

function deadlinesView(
  ctx: ViewContext,
  page: PageContext,
  audience: Audience,
  extra: Partial<DeadlinesView> = {},
  result: OccurrenceResult = upcoming(ctx, audience),
): DeadlinesView {
  return {
    today: ctx.today,
    occurrences: result.occurrences,
    missing: result.missing,
    daily: ctx.options.daily,
    items: itemsByNumber(ctx.data),
    itemHref: (item) => `${page.base}/plan#item-${item}`,
    ...extra,
  };
}

export async function renderHome(ctx: ViewContext, page: PageContext): Promise<string> {
  const cards = await Promise.all(
    ORGANIZATION_TYPE_IDS.map(async (type) => {
      const audience: Audience = { kind: 'type', type };
      return {
        type,
        organizationCount: ctx.data.registry.organizations.filter((o) => o.types.includes(type)).length,
        subscribe: await subscribeView(ctx, type, audience),
        deadlines: deadlinesView(ctx, page, audience),
        embedUrl: embedUrl(ctx, audience),
        widgetTitle: widgetTitle(ctx, audience),
      };
    }),
  );
  const { to } = upcomingRange(ctx.today);
  return toDocument(homePage(page, { meta: ctx.data.plan.meta, options: ctx.options, today: ctx.today, to, cards }));
}

export function renderOrganizations(ctx: Pick<ViewContext, 'data'>, page: PageContext, query: string): string {
  return toDocument(organizationsPage(page, { registry: ctx.data.registry, query }));
}

/** School years that have not ended by `today`: the data's and those the organization has its own calendar for. */
function schoolYears(ctx: ViewContext, organization: Organization): SchoolYearView[] {
  const profile = organizationCalendarProfile(ctx.data, organization);
  const ids = new Set([...ctx.data.schoolYears.years.map((y) => y.id), ...Object.keys(organization.settings?.schoolYears ?? {})]);
  const schools = organization.types.includes('general');
  return [...ids]
    .sort()
    .filter((id) => `${id.slice(5)}-08-31` >= ctx.today)
    .map((id) => {
      const year = ctx.data.schoolYears.years.find((y) => y.id === id) ?? { id, systems: {} };
      const resolved = resolveCalendar(ctx.data, profile, year);
      const finalAttestation = schools ? year.finalAttestation : undefined;
      return {
        id,
        ...(resolved === undefined
          ? {}
          : {
              calendar: {
                source: resolved.source,
                termSystem: resolved.termSystem,
                provisional: resolved.provisional,
                terms: resolved.calendar.terms,
                holidays: resolved.calendar.holidays,
              },
            }),
        ...(finalAttestation === undefined ? {} : { finalAttestation }),
      };
    });
}

export async function renderOrganization(ctx: ViewContext, page: PageContext, organization: Organization): Promise<string> {
  const audience: Audience = { kind: 'organization', organization };
  const result = upcoming(ctx, audience);
  const { to } = upcomingRange(ctx.today);
  const firstType: OrganizationTypeId = organization.types[0] ?? 'general';
  return toDocument(
    organizationPage(page, {
      organization,
      options: ctx.options,
      today: ctx.today,
      to,
      subscribe: await subscribeView(ctx, 'org', audience),
      // The same engine result as the standing items: computing it once halves the page's engine work.
      deadlines: deadlinesView(ctx, page, audience, {}, result),
      standing: result.standing,
      schoolYears: schoolYears(ctx, organization),
      itemTitles: new Map(ctx.data.plan.items.map((i) => [i.number, i.title])),
      embedUrl: embedUrl(ctx, audience),
      widgetTitle: widgetTitle(ctx, audience),
      defaultTermSystem: ctx.data.schoolYears.defaults[firstType],
    }),
  );
}

export async function renderPlan(ctx: ViewContext, page: PageContext): Promise<string> {
  const subscribe = await subscribeView(ctx, 'all', { kind: 'all' });
  return toDocument(planPage(page, { plan: ctx.data.plan, subscribe }));
}

export function renderEmbed(ctx: ViewContext, page: PageContext, audience: Audience): string {
  const { to }: { to: IsoDate } = upcomingRange(ctx.today);
  const site = baseUrl(ctx.publicUrl);
  const fullPage = pagePath(audience);
  const [path, hash] = fullPage.split('#');
  return toDocument(
    embedPage(page, {
      title: widgetTitle(ctx, audience),
      today: ctx.today,
      to,
      links: subscribeLinks(audience, ctx.data, ctx.publicUrl, ctx.options),
      deadlines: {
        ...deadlinesView(ctx, page, audience),
        itemHref: (item) => `${site}/plan#item-${item}`,
        newTab: true,
        limit: WIDGET_LIMIT,
      },
      pageUrl: `${site}${path}${optionsQuery(ctx.options)}${hash === undefined ? '' : `#${hash}`}`,
    }),
  );
}
