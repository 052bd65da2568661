/**
 * The engine: plan rules → series (per audience) → occurrences (per date range). Pure; the
 * iCalendar, JSON and HTML views all read its results, so they cannot disagree.
 */
import { audienceCacheKey, audienceTypes, calendarGroups, canonicalTypes, type CalendarGroup } from './audience.js';
import { schoolYearBounds, schoolYearOf, yearOf } from './dates.js';
import { assertDateRange, expandInRange } from './expand.js';
import { summarizeMissing, type MissingNeed } from './missing.js';
import type {
  Audience,
  Dataset,
  DateRangeQuery,
  MissingSchoolYear,
  Occurrence,
  OccurrenceResult,
  Series,
  SeriesResult,
  StandingDuty,
} from './model.js';
import { effectiveCalendars } from './calendars.js';
import { annualSeries, type DayOffContext } from './rules/annual.js';
import type { RuleRef } from './rules/common.js';
import { schoolDaysSeries, schoolDaysYears, workingDaysSeries } from './rules/daily.js';
import { finalAttestationSeries, finalAttestationUnknownSeries, schoolYearEndSeries, termEndSeries } from './rules/school-year.js';
import { standingSeries } from './rules/standing.js';
import type { Rule, SchoolYear } from './schema.js';
import { resolveCalendar } from './school-calendar.js';
import { workingCalendarOf, type WorkingCalendar } from './working-days.js';

export { expandSeries } from './expand.js';
export { checkCalendarRules } from './calendar-rules.js';
export { SchoolYearEndError } from './rules/school-year.js';

/** Narrows what {@link seriesFor} and {@link occurrencesFor} return. */
export interface SeriesOptions {
  /** `false` drops the `daily` series (and the missing data only they need). */
  readonly daily?: boolean;
  /** Keep only these items (series, standing duties and missing data alike). */
  readonly items?: readonly number[];
}

type CalendarRule = Extract<Rule, { kind: 'schoolYearEnd' | 'termEnd' | 'finalAttestationEnd' | 'daily' }>;

/** A calendar-dependent rule of the audience, waiting for school years. */
interface CalendarEntry {
  readonly ref: RuleRef;
  readonly rule: CalendarRule;
  readonly groups: readonly CalendarGroup[];
}

/** Everything about one audience that does not depend on options or a range; cached. */
interface AudienceSeries {
  readonly series: readonly Series[];
  readonly standing: readonly StandingDuty[];
  readonly needs: readonly MissingNeed[];
  readonly calendarEntries: readonly CalendarEntry[];
  /** School years the series were computed for. */
  readonly schoolYears: ReadonlySet<string>;
  readonly full: SeriesResult;
}

const cache = new WeakMap<Dataset, Map<string, AudienceSeries>>();

function isCalendarRule(rule: Rule): rule is CalendarRule {
  return rule.kind === 'schoolYearEnd' || rule.kind === 'termEnd' || rule.kind === 'finalAttestationEnd' || rule.kind === 'daily';
}

function compareSeries(a: Series, b: Series): number {
  return a.item - b.item || a.schedule - b.schedule || a.rule - b.rule || compareText(sortDate(a), sortDate(b)) || compareText(a.key, b.key);
}

function sortDate(series: Series): string {
  if (series.shape !== 'yearly') return series.start;
  return `${String(series.start.month).padStart(2, '0')}-${String(series.start.day).padStart(2, '0')}`;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * School years to compute: those in the data and the provisional ones up to the horizon
 * ({@link effectiveCalendars}), plus years an organization has its own calendar for.
 */
function schoolYearsOf(data: Dataset, audience: Audience): SchoolYear[] {
  const years = new Map(effectiveCalendars(data).schoolYears.map((y) => [y.id, y]));
  if (audience.kind === 'organization') {
    for (const id of Object.keys(audience.organization.settings?.schoolYears ?? {})) {
      if (!years.has(id)) years.set(id, { id, systems: {} });
    }
  }
  return [...years.values()].sort((a, b) => compareText(a.id, b.id));
}

/** Series and unmet needs of one calendar-dependent rule in one school year. */
function datedForYear(data: Dataset, entry: CalendarEntry, schoolYear: SchoolYear, working: WorkingCalendar, out: Series[], needs: MissingNeed[]): void {
  const { ref, rule } = entry;
  const daily = rule.kind === 'daily';
  const need = (what: MissingNeed['what'], termSystem?: MissingNeed['termSystem']) =>
    needs.push(termSystem ? { schoolYear: schoolYear.id, what, termSystem, item: ref.item, daily } : { schoolYear: schoolYear.id, what, item: ref.item, daily });

  if (rule.kind === 'finalAttestationEnd') {
    if (schoolYear.finalAttestation?.length) out.push(...finalAttestationSeries(ref, schoolYear));
    else {
      need('finalAttestation');
      // An own calendar beyond the horizon has no production calendar to place the notice on.
      if (working.has(yearOf(schoolYearBounds(schoolYear.id).end))) out.push(finalAttestationUnknownSeries(ref, schoolYear, working));
    }
    return;
  }
  if (rule.kind === 'daily' && rule.days === 'working') {
    const first = yearOf(schoolYearBounds(schoolYear.id).start);
    if (!working.covers(first, first + 1)) {
      need('workingDays');
      return;
    }
    const series = workingDaysSeries(ref, rule, schoolYear.id, working);
    if (series) out.push(series);
    return;
  }
  for (const group of entry.groups) {
    const resolved = resolveCalendar(data, group.profile, schoolYear);
    if (!resolved) {
      need('terms', group.profile.termSystem);
      continue;
    }
    const groupRef: RuleRef = { ...ref, organizationTypes: group.types };
    if (rule.kind === 'termEnd') out.push(...termEndSeries(groupRef, resolved));
    else if (rule.kind === 'schoolYearEnd') out.push(schoolYearEndSeries(groupRef, rule, resolved));
    else {
      const [from, to] = schoolDaysYears(resolved.calendar);
      if (!working.covers(from, to)) need('workingDays');
      else {
        const series = schoolDaysSeries(groupRef, rule, resolved, working);
        if (series) out.push(series);
      }
    }
  }
}

function buildAudience(data: Dataset, audience: Audience): AudienceSeries {
  const working = workingCalendarOf(data);
  const within = audienceTypes(audience);
  const choices = audience.kind === 'organization' ? audience.organization.settings?.monthChoices : undefined;
  const series: Series[] = [];
  const standing: StandingDuty[] = [];
  const calendarEntries: CalendarEntry[] = [];

  const dayOff: DayOffContext = {
    policy: data.plan.meta.onDayOff ?? 'previousWorkingDay',
    working,
    lastYear: effectiveCalendars(data).workingDays.at(-1)?.year ?? data.plan.meta.firstYear,
  };

  for (const item of data.plan.items) {
    item.schedules.forEach((schedule, scheduleIndex) => {
      const types = canonicalTypes(schedule.organizationTypes.filter((t) => within.includes(t)));
      if (types.length === 0) return;
      let groups: CalendarGroup[] | undefined;
      schedule.rules.forEach((rule, ruleIndex) => {
        const ref: RuleRef = {
          item: item.number,
          schedule: scheduleIndex,
          rule: ruleIndex,
          scheduleId: schedule.id,
          ruleId: rule.id,
          wording: schedule.wording,
          organizationTypes: types,
        };
        if (rule.kind === 'onChange' || rule.kind === 'asNeeded') {
          standing.push({ item: ref.item, schedule: ref.schedule, rule: ref.rule, kind: rule.kind, wording: ref.wording, organizationTypes: types });
        } else if (isCalendarRule(rule)) {
          groups ??= calendarGroups(data, audience, types);
          calendarEntries.push({ ref, rule, groups });
        } else {
          series.push(...annualSeries(ref, rule, data.plan.meta.firstYear, dayOff, choices?.[String(item.number)]));
        }
      });
    });
  }

  const needs: MissingNeed[] = [];
  const schoolYears = schoolYearsOf(data, audience);
  for (const schoolYear of schoolYears) {
    for (const entry of calendarEntries) datedForYear(data, entry, schoolYear, working, series, needs);
    const notice = working.has(yearOf(schoolYearBounds(schoolYear.id).start)) ? standingSeries(standing, schoolYear.id, working) : undefined;
    if (notice) series.push(notice);
  }
  series.sort(compareSeries);
  const full: SeriesResult = { series, standing, missing: summarizeMissing(needs) };
  return { series, standing, needs, calendarEntries, schoolYears: new Set(schoolYears.map((y) => y.id)), full };
}

function audienceSeries(data: Dataset, audience: Audience): AudienceSeries {
  let byAudience = cache.get(data);
  if (!byAudience) cache.set(data, (byAudience = new Map()));
  const key = audienceCacheKey(audience);
  let result = byAudience.get(key);
  if (!result) byAudience.set(key, (result = buildAudience(data, audience)));
  return result;
}

function filters(options: SeriesOptions | undefined) {
  const items = options?.items ? new Set(options.items) : undefined;
  const daily = options?.daily !== false;
  return {
    item: (item: number) => items === undefined || items.has(item),
    series: (s: Series) => (items === undefined || items.has(s.item)) && (daily || s.kind !== 'daily'),
    need: (n: MissingNeed) => (items === undefined || items.has(n.item)) && (daily || !n.daily),
  };
}

/**
 * Every dated series for the audience, its standing duties and the data it lacks.
 *
 * Annual rules give one yearly series from `plan.meta.firstYear` (`monthChoice`: one per month,
 * or the organization's chosen month). Calendar-dependent rules give single/weekly series for
 * each school year in the data (for an organization, also each year it has its own calendar
 * for), per calendar group: the schedule's types within the audience, grouped by the school
 * calendar they resolve to. `missing` lists school years lacking a term calendar, final
 * attestation periods or production-calendar years. Sorted by item, schedule, rule, date, key.
 * Results are cached per data set and audience: organizations with equal types and settings get
 * the same series objects.
 *
 * Throws {@link SchoolYearEndError} when a `schoolYearEnd` date falls after the rule's month
 * (the validator reports it first through {@link checkCalendarRules}).
 */
export function seriesFor(data: Dataset, audience: Audience, options?: SeriesOptions): SeriesResult {
  const cached = audienceSeries(data, audience);
  if (options?.daily !== false && options?.items === undefined) return cached.full;
  const keep = filters(options);
  return {
    series: cached.series.flatMap((s) => (s.kind === 'standing' ? narrowStanding(s, keep.item) : keep.series(s) ? [s] : [])).sort(compareSeries),
    standing: cached.standing.filter((d) => keep.item(d.item)),
    missing: summarizeMissing(cached.needs.filter(keep.need)),
  };
}

/** The standing-duties event listing only the kept items (none left: no event). */
function narrowStanding(series: Series, keep: (item: number) => boolean): Series[] {
  if (series.shape !== 'single' || series.items === undefined) return [series];
  const items = series.items.filter(keep);
  if (items.length === series.items.length) return [series];
  return items.length === 0 ? [] : [{ ...series, item: items[0] as number, items }];
}

/** School years `YYYY-YYYY+1` overlapping `[from, to]`, in order. */
function schoolYearsOverlapping(range: DateRangeQuery): string[] {
  const first = yearOf(schoolYearBounds(schoolYearOf(range.from)).start);
  const last = yearOf(schoolYearBounds(schoolYearOf(range.to)).start);
  const ids: string[] = [];
  for (let year = first; year <= last; year++) ids.push(`${year}-${year + 1}`);
  return ids;
}

function compareOccurrences(a: Occurrence, b: Occurrence): number {
  return compareText(a.start, b.start) || a.item - b.item || a.schedule - b.schedule || a.rule - b.rule || compareText(a.key, b.key);
}

/**
 * The audience's occurrences overlapping the inclusive range `[from, to]` (an occurrence that
 * spans a boundary is included), sorted by start, item, schedule, rule, key; keys are the series
 * key plus the start date. `missing` covers the school years overlapping the range: those the
 * data has but lacks something for, and — from the school year the plan starts in
 * (`firstYear - 1`/`firstYear`) — those it lacks altogether (reported as missing terms of each
 * calendar group's term system). Throws a RangeError when `from` or `to` is not a real date.
 */
export function occurrencesFor(data: Dataset, audience: Audience, range: DateRangeQuery, options?: SeriesOptions): OccurrenceResult {
  assertDateRange(range);
  const cached = audienceSeries(data, audience);
  const result = seriesFor(data, audience, options);
  const occurrences = result.series.flatMap((s) => expandInRange(s, range)).sort(compareOccurrences);
  if (range.from > range.to) return { occurrences, standing: result.standing, missing: [] };

  const inRange = new Set(schoolYearsOverlapping(range));
  const keep = filters(options);
  const needs = cached.needs.filter((n) => inRange.has(n.schoolYear) && keep.need(n));
  const firstSchoolYear = data.plan.meta.firstYear - 1;
  for (const id of inRange) {
    if (cached.schoolYears.has(id) || Number(id.slice(0, 4)) < firstSchoolYear) continue;
    for (const entry of cached.calendarEntries) {
      for (const group of entry.groups) {
        const need: MissingNeed = { schoolYear: id, what: 'terms', termSystem: group.profile.termSystem, item: entry.ref.item, daily: entry.rule.kind === 'daily' };
        if (keep.need(need)) needs.push(need);
      }
    }
  }
  const missing: MissingSchoolYear[] = summarizeMissing(needs);
  return { occurrences, standing: result.standing, missing };
}
