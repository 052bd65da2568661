/**
 * Which school calendar applies to an organization type or an organization in a school year,
 * and which days are school days. Precedence (docs/architecture.md): the organization's own
 * calendar, the municipal calendar of its `termSystem`, the municipal calendar of the default
 * system of its first type.
 */
import { effectiveCalendars, schoolYearReason } from './calendars.js';
import { isoWeekday } from './dates.js';
import type { Dataset, IsoDate } from './model.js';
import type { DailyDefault, Organization, OrganizationTypeId, SchoolYear, TermCalendar, TermSystemId } from './schema.js';
import type { WorkingCalendar } from './working-days.js';

/** How a type or an organization picks its calendar, whatever the school year. */
export interface CalendarProfile {
  /** The municipal term system used when there is no own calendar for the year. */
  readonly termSystem: TermSystemId;
  /** The organization's own calendars, by school year. */
  readonly own?: Readonly<Record<string, TermCalendar>>;
  /** School days per week: Saturday is a school day in a 6-day week. */
  readonly weekDays: 5 | 6;
  /** Time of the school-day slot (item 18), `HH:mm` Moscow; the rule's own time when absent. */
  readonly dailyTime?: string;
  /** Lessons go on in school holidays (additional-education centres). */
  readonly schoolHolidays: boolean;
}

/** When the data sets no defaults: a 5-day week, holidays off, the rule's own time. */
const BUILT_IN_DAILY: Readonly<Record<OrganizationTypeId, Omit<DailyDefault, 'time'> & { time?: string }>> = {
  general: { weekDays: 5, schoolHolidays: false },
  preschool: { weekDays: 5, schoolHolidays: false },
  additional: { weekDays: 5, schoolHolidays: false },
};

function dailyDefault(data: Dataset, type: OrganizationTypeId): Omit<DailyDefault, 'time'> & { time?: string } {
  return data.schoolYears.dailyDefaults?.[type] ?? BUILT_IN_DAILY[type];
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
  /** The calendar or its school year is provisional (marked so, or generated). */
  readonly provisional: boolean;
  readonly provisionalReason?: string;
  readonly weekDays: 5 | 6;
  readonly schoolHolidays: boolean;
  readonly dailyTime?: string;
}

function withTime(profile: CalendarProfile, time: string | undefined): CalendarProfile {
  return time === undefined ? profile : { ...profile, dailyTime: time };
}

export function typeCalendarProfile(data: Dataset, type: OrganizationTypeId): CalendarProfile {
  const daily = dailyDefault(data, type);
  return withTime({ termSystem: data.schoolYears.defaults[type], weekDays: daily.weekDays, schoolHolidays: daily.schoolHolidays }, daily.time);
}

/** The organization's settings over the municipal defaults of its first type. */
export function organizationCalendarProfile(data: Dataset, organization: Organization): CalendarProfile {
  const settings = organization.settings;
  const firstType = organization.types[0] ?? 'general';
  const daily = dailyDefault(data, firstType);
  const profile = withTime(
    {
      termSystem: settings?.termSystem ?? data.schoolYears.defaults[firstType],
      weekDays: settings?.weekDays ?? daily.weekDays,
      schoolHolidays: settings?.schoolHolidays ?? daily.schoolHolidays,
    },
    settings?.dailyTime ?? daily.time,
  );
  return settings?.schoolYears ? { ...profile, own: settings.schoolYears } : profile;
}

/** The calendar for the school year, or `undefined` when the data lacks it (the profile's term system then names what is missing). */
export function resolveCalendar(data: Dataset, profile: CalendarProfile, schoolYear: SchoolYear): ResolvedCalendar | undefined {
  const own = profile.own?.[schoolYear.id];
  const calendar = own ?? schoolYear.systems[profile.termSystem];
  if (!calendar) return undefined;
  const provisional = Boolean(calendar.provisional || (!own && schoolYear.provisional));
  return {
    schoolYear,
    calendar,
    source: own ? 'own' : 'municipal',
    termSystem: profile.termSystem,
    // The term system, also for an own calendar: entering one must not change the events' UIDs.
    group: profile.termSystem,
    provisional,
    ...(provisional ? { provisionalReason: schoolYearReason(schoolYear.id) } : {}),
    weekDays: profile.weekDays,
    schoolHolidays: profile.schoolHolidays,
    ...(profile.dailyTime === undefined ? {} : { dailyTime: profile.dailyTime }),
  };
}

/** Convenience for callers outside the engine: the organization's calendar for `schoolYearId`. */
export function organizationCalendar(data: Dataset, organization: Organization, schoolYearId: string): ResolvedCalendar | undefined {
  const schoolYear = effectiveCalendars(data).schoolYears.find((y) => y.id === schoolYearId);
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
export function isSchoolDay(calendar: TermCalendar, date: IsoDate, working: WorkingCalendar, weekDays: 5 | 6 = 5, schoolHolidays = false): boolean {
  if (schoolHolidays) {
    // Open through the holidays: any day from the first term's start to the last term's end.
    const first = calendar.terms[0];
    const last = calendar.terms.at(-1);
    if (!first || !last || date < first.start || date > last.end) return false;
  } else if (!isInTerm(calendar, date) || isWholeSchoolHoliday(calendar, date)) return false;
  if (working.isWorkingDay(date)) return true;
  // A plain Saturday (not a listed day off) is a school day in a 6-day week.
  return weekDays === 6 && isoWeekday(date) === 6 && !working.isListedDayOff(date);
}
