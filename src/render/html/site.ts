/**
 * Whole pages from the data: gathers each page's view (engine results, links, QR codes) and
 * renders the document. Pure apart from awaiting the QR encoder; the HTTP layer only parses
 * requests, caches and sends.
 */
import { ORGANIZATION_TYPE_IDS, type Organization, type OrganizationTypeId } from '../../domain/schema.js';
import { effectiveCalendars } from '../../domain/calendars.js';
import { organizationCalendarProfile, resolveCalendar } from '../../domain/school-calendar.js';
import type { Audience } from '../../domain/model.js';
import type { FeedCounts } from '../../stats/subscriptions.js';
import { baseUrl, feedPath } from '../feeds.js';
import type { CalendarSectionView } from './components/calendar-section.js';
import type { PageContext } from './layout.js';
import { embedPage } from './pages/embed.js';
import { homePage } from './pages/home.js';
import { memoPage } from './pages/memo.js';
import { methodologistPage, type MethodologistRow } from './pages/methodologist.js';
import { organizationPage, type SchoolYearView } from './pages/organization.js';
import { organizationsPage } from './pages/organizations.js';
import { planPage } from './pages/plan.js';
import { typePage } from './pages/type.js';
import { qrSvg } from './qr.js';
import { subscribeLinks } from './subscribe-links.js';
import { toDocument } from './template.js';
import { agenda, embedUrl, itemLinks, itemsByNumber, optionsQuery, pagePath, pageUrl, subscribeView, widgetTitle, type ViewContext } from './views.js';

export function renderHome(ctx: ViewContext, page: PageContext): string {
  const cards = ORGANIZATION_TYPE_IDS.map((type) => {
    const next = agenda(ctx, { kind: 'type', type }).next;
    return {
      type,
      organizationCount: ctx.data.registry.organizations.filter((o) => o.types.includes(type)).length,
      ...(next === undefined ? {} : { next }),
    };
  });
  return toDocument(homePage(page, { registry: ctx.data.registry, links: itemLinks(ctx, page), cards }));
}

export function renderOrganizations(ctx: Pick<ViewContext, 'data'>, page: PageContext, query: string): string {
  return toDocument(organizationsPage(page, { registry: ctx.data.registry, query }));
}

/** Only schools and additional education have terms: a kindergarten's page shows none. */
function hasTerms(organization: Organization): boolean {
  return organization.types.some((t) => t !== 'preschool');
}

/** School years that have not ended by `today`: the data's and those the organization has its own calendar for. */
function schoolYears(ctx: ViewContext, organization: Organization): SchoolYearView[] {
  if (!hasTerms(organization)) return [];
  const profile = organizationCalendarProfile(ctx.data, organization);
  // The engine's calendars: the data's, completed with provisional ones up to its horizon, so the
  // page shows the same (marked) dates the feed carries.
  const years = effectiveCalendars(ctx.data).schoolYears;
  const ids = new Set([...years.map((y) => y.id), ...Object.keys(organization.settings?.schoolYears ?? {})]);
  const schools = organization.types.includes('general');
  return [...ids]
    .sort()
    .filter((id) => `${id.slice(5)}-08-31` >= ctx.today)
    .map((id) => {
      const year = years.find((y) => y.id === id) ?? { id, systems: {} };
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

async function calendarSection(ctx: ViewContext, page: PageContext, audience: Audience, key: string, heading: string): Promise<CalendarSectionView> {
  const url = pageUrl(ctx, audience);
  return {
    heading,
    options: ctx.options,
    subscribe: subscribeView(ctx, key, audience),
    qr: await qrSvg(url, `QR-код адреса этой страницы: ${url}`),
    pageUrl: url,
    ...(audience.kind === 'organization' ? { memoHref: `${page.base}/organizations/${audience.organization.id}/memo` } : {}),
    agenda: agenda(ctx, audience),
    links: itemLinks(ctx, page),
    embedUrl: embedUrl(ctx, audience),
    widgetTitle: widgetTitle(ctx, audience),
  };
}

export async function renderOrganization(ctx: ViewContext, page: PageContext, organization: Organization): Promise<string> {
  const audience: Audience = { kind: 'organization', organization };
  const firstType: OrganizationTypeId = organization.types[0] ?? 'general';
  return toDocument(
    organizationPage(page, {
      ...(await calendarSection(ctx, page, audience, 'org', 'Подписаться на календарь организации')),
      organization,
      schoolYears: schoolYears(ctx, organization),
      itemTitles: new Map(ctx.data.plan.items.map((i) => [i.number, i.title])),
      defaultTermSystem: ctx.data.schoolYears.defaults[firstType],
    }),
  );
}

export async function renderType(ctx: ViewContext, page: PageContext, type: OrganizationTypeId): Promise<string> {
  const section = await calendarSection(ctx, page, { kind: 'type', type }, type, 'Подписаться на календарь типа');
  return toDocument(typePage(page, { ...section, type }));
}

export async function renderMemo(ctx: ViewContext, page: PageContext, organization: Organization): Promise<string> {
  const audience: Audience = { kind: 'organization', organization };
  const url = pageUrl(ctx, audience);
  return toDocument(
    memoPage(page, {
      organization,
      pageUrl: url,
      links: subscribeLinks(audience, ctx.data, ctx.publicUrl, ctx.options),
      qr: await qrSvg(url, `QR-код адреса страницы организации: ${url}`),
    }),
  );
}

export function renderPlan(ctx: ViewContext, page: PageContext): string {
  const site = baseUrl(ctx.publicUrl);
  const year = Number(ctx.today.slice(0, 4)) - (Number(ctx.today.slice(5, 7)) >= 9 ? 0 : 1);
  return toDocument(
    planPage(page, {
      plan: ctx.data.plan,
      subscribe: subscribeView(ctx, 'all', { kind: 'all' }),
      csv: {
        plan: `${site}/api/plan.csv`,
        occurrences: `${site}/api/occurrences.csv?from=${year}-09-01&to=${year + 1}-08-31&type=general`,
        organizations: `${site}/api/organizations.csv`,
        docs: `${site}/docs`,
      },
    }),
  );
}

export function renderEmbed(ctx: ViewContext, page: PageContext, audience: Audience, compact: boolean): string {
  const site = baseUrl(ctx.publicUrl);
  return toDocument(
    embedPage(page, {
      title: widgetTitle(ctx, audience),
      agenda: agenda(ctx, audience),
      links: { today: ctx.today, items: itemsByNumber(ctx.data), itemHref: (item) => `${site}/plan#item-${item}`, newTab: true },
      compact,
      pageUrl: `${site}${pagePath(audience)}${optionsQuery(ctx.options)}`,
    }),
  );
}

/**
 * The methodologist's table of all organizations with their subscription statistics. Not
 * mounted here: the /admin context serves it behind the methodologist role.
 */
/** Every organization with its page, feed, memo, embed and QR: the rows of the methodologist's table. */
export async function methodologistRows(ctx: ViewContext, page: PageContext): Promise<MethodologistRow[]> {
  return Promise.all(
    ctx.data.registry.organizations.map(async (organization) => {
      const audience: Audience = { kind: 'organization', organization };
      const url = pageUrl(ctx, audience);
      const links = subscribeLinks(audience, ctx.data, ctx.publicUrl, ctx.options);
      return {
        organization,
        pageUrl: url,
        feedUrl: links.https,
        feedPath: feedPath(audience),
        memoHref: `${page.base}/organizations/${organization.id}/memo`,
        embedUrl: embedUrl(ctx, audience),
        qr: await qrSvg(url, `QR-код страницы: ${url}`),
      };
    }),
  );
}

export async function renderMethodologistTable(ctx: ViewContext, page: PageContext, stats: readonly FeedCounts[]): Promise<string> {
  return toDocument(methodologistPage(page, await methodologistRows(ctx, page), stats));
}
