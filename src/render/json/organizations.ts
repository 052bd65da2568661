/** `/api/organization-types` and `/api/organizations`: the registry with effective settings and calendars. */
import type { Dataset } from '../../domain/model.js';
import { ORGANIZATION_TYPE_IDS, type DateRange, type Organization, type OrganizationTypeId, type SchoolYear } from '../../domain/schema.js';
import { effectiveCalendars, finalAttestationReason } from '../../domain/calendars.js';
import { organizationCalendarProfile, resolveCalendar, type ResolvedCalendar } from '../../domain/school-calendar.js';
import { ORGANIZATION_TYPES } from '../../domain/vocabulary.js';
import type { ApiValue, Organization as OrganizationJson, OrganizationList, OrganizationTypeList } from '../../api/schemas/index.js';
import { DEFAULT_FEED_OPTIONS } from '../feed-options.js';
import { feedUrls } from '../feeds.js';

function itemsFor(data: Dataset, type: OrganizationTypeId): number[] {
  return data.plan.items
    .filter((item) => item.schedules.some((schedule) => schedule.organizationTypes.includes(type)))
    .map((item) => item.number);
}

export function organizationTypesDocument(data: Dataset, publicUrl: string): OrganizationTypeList {
  return {
    dataVersion: data.version,
    organizationTypes: ORGANIZATION_TYPE_IDS.map((type) => ({
      id: type,
      name: ORGANIZATION_TYPES[type].name,
      shortName: ORGANIZATION_TYPES[type].shortName,
      termSystem: data.schoolYears.defaults[type],
      items: itemsFor(data, type),
      feed: feedUrls({ kind: 'type', type }, publicUrl, DEFAULT_FEED_OPTIONS),
    })),
  };
}

function periodJson(period: DateRange, calendarProvisional: boolean): ApiValue<'Period'> {
  return {
    name: period.name,
    start: period.start,
    end: period.end,
    provisional: calendarProvisional || period.provisional === true,
    ...(period.grades === undefined ? {} : { grades: [...period.grades] }),
  };
}

function calendarJson(resolved: ResolvedCalendar): ApiValue<'SchoolCalendar'> {
  const { calendar, schoolYear, provisional } = resolved;
  return {
    schoolYear: schoolYear.id,
    source: resolved.source,
    ...(resolved.source === 'municipal' ? { termSystem: resolved.termSystem } : {}),
    provisional,
    ...(resolved.provisionalReason === undefined ? {} : { provisionalReason: resolved.provisionalReason }),
    terms: calendar.terms.map((term) => periodJson(term, provisional)),
    holidays: calendar.holidays.map((holiday) => periodJson(holiday, provisional)),
    finalAttestation: (schoolYear.finalAttestation ?? []).map((period) => {
      const provisional = period.provisional === true || schoolYear.provisional === true;
      return { name: period.name, end: period.end, provisional, ...(provisional ? { provisionalReason: finalAttestationReason(schoolYear.id, period) } : {}) };
    }),
  };
}

/**
 * The school years the engine computes for the organization: the data's and the provisional
 * ones up to the horizon, plus those it has its own calendar for.
 */
function schoolCalendars(data: Dataset, organization: Organization): ApiValue<'SchoolCalendar'>[] {
  const years = new Map<string, SchoolYear>(effectiveCalendars(data).schoolYears.map((year) => [year.id, year]));
  for (const id of Object.keys(organization.settings?.schoolYears ?? {})) {
    if (!years.has(id)) years.set(id, { id, systems: {} });
  }
  const profile = organizationCalendarProfile(data, organization);
  return [...years.keys()]
    .sort()
    .flatMap((id) => {
      const resolved = resolveCalendar(data, profile, years.get(id) as SchoolYear);
      // A year without a calendar for this organization's term system shows up as `missing` in /api/occurrences.
      return resolved === undefined ? [] : [calendarJson(resolved)];
    });
}

function monthChoices(data: Dataset, organization: Organization): ApiValue<'MonthChoice'>[] {
  const chosen = organization.settings?.monthChoices ?? {};
  const seen = new Set<string>();
  const choices: ApiValue<'MonthChoice'>[] = [];
  for (const item of data.plan.items) {
    for (const schedule of item.schedules) {
      if (!schedule.organizationTypes.some((type) => organization.types.includes(type))) continue;
      for (const rule of schedule.rules) {
        if (rule.kind !== 'monthChoice') continue;
        const month = chosen[String(item.number)];
        // The engine ignores a choice outside the rule's months, and so does this view of it.
        const applies = month !== undefined && rule.months.includes(month);
        const choice = { item: item.number, months: applies ? [month] : [...rule.months], chosen: applies };
        const key = JSON.stringify(choice);
        if (!seen.has(key)) choices.push(choice);
        seen.add(key);
      }
    }
  }
  return choices;
}

export function organizationJson(data: Dataset, organization: Organization, publicUrl: string): OrganizationJson {
  const profile = organizationCalendarProfile(data, organization);
  return {
    id: organization.id,
    name: organization.name,
    shortName: organization.shortName,
    types: [...organization.types],
    settings: {
      termSystem: profile.termSystem,
      weekDays: profile.weekDays,
      ...(profile.dailyTime === undefined ? {} : { dailyTime: profile.dailyTime }),
      schoolHolidays: profile.schoolHolidays,
      monthChoices: monthChoices(data, organization),
    },
    schoolYears: schoolCalendars(data, organization),
    feed: feedUrls({ kind: 'organization', organization }, publicUrl, DEFAULT_FEED_OPTIONS),
  };
}

/** The list's document with the registry's entries where their documents go (organizationJson makes each one). */
export function organizationsShell(data: Dataset): Omit<OrganizationList, 'organizations'> & { readonly organizations: readonly Organization[] } {
  const { description, date, url } = data.registry.source;
  return {
    dataVersion: data.version,
    source: url === undefined ? { description, date } : { description, date, url },
    organizations: data.registry.organizations,
  };
}

export function organizationsDocument(data: Dataset, publicUrl: string): OrganizationList {
  const shell = organizationsShell(data);
  return { ...shell, organizations: shell.organizations.map((organization) => organizationJson(data, organization, publicUrl)) };
}
