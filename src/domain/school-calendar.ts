/**
 * Which school calendar applies to an organization type or an organization in a school year,
 * and which days are school days. Precedence (docs/architecture.md): the organization's own
 * calendar, the municipal calendar of its `termSystem`, the municipal calendar of the default
 * system of its first type.
 */
import { isoWeekday } from './dates.js';
import type { Dataset, IsoDate } from './model.js';
import type { Organization, OrganizationTypeId, SchoolYear, TermCalendar, TermSystemId } from './schema.js';
import type { WorkingCalendar } from './working-days.js';

/** How a type or an organization picks its calendar, whatever the school year. */
export interface CalendarProfile {
  /** The municipal term system used when there is no own calendar for the year. */
  readonly termSystem: TermSystemId;
  /** The organization's own calendars, by school year. */
  readonly own?: Readonly<Record<string, TermCalendar>>;
  /** School days per week: Saturday is a school day in a 6-day week. */
  readonly weekDays: 5 | 6;
}

/** The calendar that applies in one school year. */
export interface ResolvedCalendar {
  readonly schoolYear: SchoolYear;
  readonly calendar: TermCalendar;
  /** `own`: the organization's `settings.schoolYears`; `municipal`: data/school-years.json. */
  readonly source: 'own' | 'municipal';
  /** The profile's municipal term system (for an own calendar: the one it replaces). */
  readonly termSystem: TermSystemId;
  /** Calendar-group name used in series keys: `org` for an own calendar, else the term system. */
  readonly group: string;
  /** The calendar or its school year is marked provisional. */
  readonly provisional: boolean;
  readonly weekDays: 5 | 6;
}

export function typeCalendarProfile(data: Dataset, type: OrganizationTypeId): CalendarProfile {
  return { termSystem: data.schoolYears.defaults[type], weekDays: 5 };
}

export function organizationCalendarProfile(data: Dataset, organization: Organization): CalendarProfile {
  const settings = organization.settings;
  const firstType = organization.types[0] ?? 'general';
  const profile: CalendarProfile = {
    termSystem: settings?.termSystem ?? data.schoolYears.defaults[firstType],
    weekDays: settings?.weekDays ?? 5,
  };
  return settings?.schoolYears ? { ...profile, own: settings.schoolYears } : profile;
}

/** The calendar for the school year, or `undefined` when the data lacks it (the profile's term system then names what is missing). */
export function resolveCalendar(data: Dataset, profile: CalendarProfile, schoolYear: SchoolYear): ResolvedCalendar | undefined {
  const own = profile.own?.[schoolYear.id];
  const calendar = own ?? schoolYear.systems[profile.termSystem];
  if (!calendar) return undefined;
  return {
    schoolYear,
    calendar,
    source: own ? 'own' : 'municipal',
    termSystem: profile.termSystem,
    group: own ? 'org' : profile.termSystem,
    provisional: Boolean(calendar.provisional || (!own && schoolYear.provisional)),
    weekDays: profile.weekDays,
  };
}

/** Convenience for callers outside the engine: the organization's calendar for `schoolYearId`. */
export function organizationCalendar(data: Dataset, organization: Organization, schoolYearId: string): ResolvedCalendar | undefined {
  const schoolYear = data.schoolYears.years.find((y) => y.id === schoolYearId);
  return schoolYear && resolveCalendar(data, organizationCalendarProfile(data, organization), schoolYear);
}

/** Holidays for every grade; a holiday limited to some grades (the first-graders' February week) keeps the school open. */
function isWholeSchoolHoliday(calendar: TermCalendar, date: IsoDate): boolean {
  return calendar.holidays.some((h) => h.grades === undefined && date >= h.start && date <= h.end);
}

export function isInTerm(calendar: TermCalendar, date: IsoDate): boolean {
  return calendar.terms.some((t) => date >= t.start && date <= t.end);
}

/**
 * A school day: inside a term, not in a whole-school holiday, and a working day for a week of
 * `weekDays` days — Monday–Friday (Monday–Saturday in a 6-day week) unless the decree makes it a
 * day off, plus weekend days the decree makes working. The working calendar must have the year.
 */
export function isSchoolDay(calendar: TermCalendar, date: IsoDate, working: WorkingCalendar, weekDays: 5 | 6 = 5): boolean {
  if (!isInTerm(calendar, date) || isWholeSchoolHoliday(calendar, date)) return false;
  if (working.isWorkingDay(date)) return true;
  // A plain Saturday (not a listed day off) is a school day in a 6-day week.
  return weekDays === 6 && isoWeekday(date) === 6 && !working.isListedDayOff(date);
}
