/**
 * The engine's vocabulary: what a loaded data set is, who a calendar is for (audience), and
 * what the engine returns (series, occurrences, standing duties). Renderers (iCalendar, JSON,
 * HTML) depend on these types only.
 */
import type {
  MonthDay,
  Organization,
  OrganizationTypeId,
  Plan,
  Registry,
  RuleKind,
  SchoolYears,
  TermSystemId,
  WorkingDaysYear,
  EventHistory,
} from './schema.js';
import type { ChangeLog } from './change-log.js';

/** `YYYY-MM-DD`, a calendar day in Europe/Moscow. */
export type IsoDate = string;

/** Everything loaded from plan.json and data/, validated. Immutable once built. */
export interface Dataset {
  readonly plan: Plan;
  readonly registry: Registry;
  readonly schoolYears: SchoolYears;
  /** Production calendars, one per year, sorted by year. */
  readonly workingDays: readonly WorkingDaysYear[];
  readonly organizationsById: ReadonlyMap<string, Organization>;
  /** `plan.meta.version` plus a short hash of every file's bytes: changes whenever any file does. */
  readonly version: string;
  /** `data/event-history.json`: SEQUENCE and LAST-MODIFIED of every feed event; absent → all new. */
  readonly eventHistory?: EventHistory;
  /**
   * When the data last changed (UTC, `YYYY-MM-DDTHH:mm:ssZ`): the later of `plan.meta.updated`
   * and the newest data file's modification time, so `Last-Modified` moves even when someone
   * edits a file without bumping `updated`. Absent for data sets built in memory.
   */
  readonly modified?: string;
  /** `data/changes.json`: the editor's publications and what each changed; absent → none yet. */
  readonly changeLog?: ChangeLog;
}

/** `Last-Modified` of everything rendered from this data set. */
export function dataModified(data: Dataset): Date {
  return new Date(data.modified ?? data.plan.meta.updated);
}

/** Who a calendar is for. */
export type Audience =
  | { readonly kind: 'all' }
  | { readonly kind: 'type'; readonly type: OrganizationTypeId }
  | { readonly kind: 'organization'; readonly organization: Organization };

export type DatedRuleKind = Exclude<RuleKind, 'onChange' | 'asNeeded'>;
/** What a series comes from: a dated rule, or `standing` — the yearly event listing the standing duties. */
export type SeriesKind = DatedRuleKind | 'standing';
export type StandingRuleKind = Extract<RuleKind, 'onChange' | 'asNeeded'>;

export type Weekday = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';

interface SeriesBase {
  /**
   * Stable natural key, unique within one audience's series: item, schedule, rule, the
   * calendar group and (for per-year series) the school year and term. Used to build UIDs.
   */
  readonly key: string;
  readonly item: number;
  /** Index into `item.schedules`. */
  readonly schedule: number;
  /** Index into `schedule.rules`. */
  readonly rule: number;
  readonly kind: SeriesKind;
  /** The schedule's deadline wording, verbatim. */
  readonly wording: string;
  /** The schedule's organization types that this series is for (within the audience). */
  readonly organizationTypes: readonly OrganizationTypeId[];
  /** What this particular occurrence is, in Russian, e.g. «2-я четверть», «январь». */
  readonly label?: string;
}

/** A year in which a `date` deadline falls on a day off and the plan's `onDayOff` moves it. */
export interface DayOffShift {
  readonly year: number;
  /** The order's day, a day off that year. */
  readonly orderDate: IsoDate;
  /** Where the calendar puts the deadline. */
  readonly date: IsoDate;
  /** The production calendar that says the day is off (or where the new day is) is not final. */
  readonly provisional: boolean;
  readonly provisionalReason?: string;
}

/** Recurs every year from `firstYear`: all-day, `start`..`end` inclusive (same year). */
export interface YearlySeries extends SeriesBase {
  readonly shape: 'yearly';
  readonly firstYear: number;
  readonly start: MonthDay;
  readonly end: MonthDay;
  /** `date` rules: the years, up to the last year with a production calendar, that move to another day. */
  readonly shifts?: readonly DayOffShift[];
  /** `opening` rules (and `date` rules under `onDayOff: keep`): the days, up to the same year, that stay on although they are off. */
  readonly daysOff?: readonly IsoDate[];
}

/** One all-day occurrence derived from a school calendar, `start`..`end` inclusive. */
export interface SingleSeries extends SeriesBase {
  readonly shape: 'single';
  readonly schoolYear: string;
  readonly start: IsoDate;
  readonly end: IsoDate;
  /** True when a date it was computed from is provisional (marked so in the data, or generated). */
  readonly provisional: boolean;
  /** Why, in Russian («учебный график 2027/28 ещё не утверждён»); set when `provisional`. */
  readonly provisionalReason?: string;
  /** `standing`: the items the event lists (one X-PLAN-ITEM each). */
  readonly items?: readonly number[];
  /** The date itself is not known (ГИА not scheduled yet): the event only says so. */
  readonly dateUnknown?: boolean;
}

/**
 * A daily duty within one school year: a timed slot on `weekdays` from `start` to `until`
 * (inclusive), except `exdates` (public holidays, days off, school holidays), plus
 * `extraDates` (working weekends moved by decree) that the weekly rule cannot express.
 */
export interface WeeklySeries extends SeriesBase {
  readonly shape: 'weekly';
  readonly schoolYear: string;
  readonly start: IsoDate;
  readonly until: IsoDate;
  readonly weekdays: readonly Weekday[];
  readonly exdates: readonly IsoDate[];
  readonly extraDates: readonly IsoDate[];
  /** Local time in Europe/Moscow, `HH:mm`. */
  readonly time: string;
  readonly durationMinutes: number;
  readonly provisional: boolean;
  readonly provisionalReason?: string;
}

export type Series = YearlySeries | SingleSeries | WeeklySeries;

/** A duty with no date of its own («по мере необходимости», «в течение 3-х рабочих дней…»). */
export interface StandingDuty {
  readonly item: number;
  readonly schedule: number;
  readonly rule: number;
  readonly kind: StandingRuleKind;
  readonly wording: string;
  readonly organizationTypes: readonly OrganizationTypeId[];
}

/** A school year the audience's calendar-dependent items need but the data lacks. */
export interface MissingSchoolYear {
  readonly schoolYear: string;
  /** What is missing: the term calendar of a term system, or final-attestation dates. */
  readonly what: 'terms' | 'finalAttestation' | 'workingDays';
  readonly termSystem?: TermSystemId;
  readonly items: readonly number[];
}

/** One dated instance of a series. */
export interface Occurrence {
  /** Series key plus the start date: unique within one audience. */
  readonly key: string;
  readonly item: number;
  readonly schedule: number;
  readonly rule: number;
  readonly kind: SeriesKind;
  readonly start: IsoDate;
  /** Last day, inclusive. */
  readonly end: IsoDate;
  readonly allDay: boolean;
  /** For timed occurrences (daily duties): local Moscow time `HH:mm`. */
  readonly time?: string;
  readonly durationMinutes?: number;
  readonly wording: string;
  readonly organizationTypes: readonly OrganizationTypeId[];
  readonly label?: string;
  readonly provisional: boolean;
  readonly provisionalReason?: string;
  /** `date` rules: the order's day; differs from `start` when the day was off and `onDayOff` moved it. */
  readonly orderDate?: IsoDate;
  /** `standing`: every item the event lists. */
  readonly items?: readonly number[];
  readonly dateUnknown?: boolean;
}

export interface SeriesResult {
  readonly series: readonly Series[];
  readonly standing: readonly StandingDuty[];
  readonly missing: readonly MissingSchoolYear[];
}

export interface OccurrenceResult {
  readonly occurrences: readonly Occurrence[];
  readonly standing: readonly StandingDuty[];
  /** School years overlapping the range that calendar-dependent items need but the data lacks. */
  readonly missing: readonly MissingSchoolYear[];
}

/** Inclusive range of days. */
export interface DateRangeQuery {
  readonly from: IsoDate;
  readonly to: IsoDate;
}
