/** Rules dated by the school calendar: end of each term, end of the school year, end of final attestation. */
import { addDays, daysInMonth, isoDate, monthOf, MONTH_NAMES_RU, shortSchoolYear, yearOf } from '../dates.js';
import type { IsoDate, SingleSeries } from '../model.js';
import type { Rule, SchoolYear } from '../schema.js';
import { finalAttestationReason, schoolYearReason } from '../calendars.js';
import type { ResolvedCalendar } from '../school-calendar.js';
import type { WorkingCalendar } from '../working-days.js';
import { seriesBase, seriesKey, type RuleRef } from './common.js';

type SchoolYearEndRule = Extract<Rule, { kind: 'schoolYearEnd' }>;

/** One series per term, on its last day; the last term's series also marks the end of the year. */
export function termEndSeries(ref: RuleRef, resolved: ResolvedCalendar): SingleSeries[] {
  const { schoolYear, calendar, group } = resolved;
  const short = shortSchoolYear(schoolYear.id);
  const last = calendar.terms.length - 1;
  return calendar.terms.map((term, index) => ({
    ...seriesBase(ref),
    kind: 'termEnd',
    shape: 'single',
    key: seriesKey(ref, group, schoolYear.id, `t${index + 1}`),
    label: index === last ? `${term.name} и ${short} учебный год` : `${term.name} ${short}`,
    schoolYear: schoolYear.id,
    start: term.end,
    end: term.end,
    ...provisionalOf(resolved.provisional || term.provisional === true, resolved.provisionalReason ?? schoolYearReason(schoolYear.id)),
  }));
}

/** Thrown when `schoolYearEnd` with a `month` falls after that month: the data contradicts the plan. */
export class SchoolYearEndError extends Error {
  constructor(
    readonly item: number,
    readonly schoolYear: string,
    readonly date: IsoDate,
    readonly month: number,
  ) {
    super(
      `Пункт ${item}: срок после завершения ${shortSchoolYear(schoolYear)} учебного года выпадает на ${date}, ` +
        `позже месяца «${MONTH_NAMES_RU[month - 1] ?? month}», указанного в плане`,
    );
    this.name = 'SchoolYearEndError';
  }
}

/**
 * `offsetDays` after the last day of the last term; with `month`, a date before that month (in
 * the same calendar year) moves to its 1st day. Returns `{ after: true }` when the date falls
 * after the month, which the plan's wording («Июнь (…)») does not allow.
 */
export function schoolYearEndDate(lastTermEnd: IsoDate, rule: SchoolYearEndRule): { date: IsoDate; after: boolean } {
  const date = addDays(lastTermEnd, rule.offsetDays);
  if (rule.month === undefined) return { date, after: false };
  const year = yearOf(date);
  const monthStart = isoDate(year, rule.month, 1);
  if (date < monthStart) return { date: monthStart, after: false };
  return { date, after: date > isoDate(year, rule.month, daysInMonth(year, rule.month)) };
}

/** The day after the school year (item 5 for schools); throws {@link SchoolYearEndError} when the data contradicts the rule's month. */
export function schoolYearEndSeries(ref: RuleRef, rule: SchoolYearEndRule, resolved: ResolvedCalendar): SingleSeries {
  const { schoolYear, calendar, group } = resolved;
  const lastTerm = calendar.terms.at(-1);
  if (!lastTerm) throw new Error(`School year ${schoolYear.id} has no terms`);
  const { date, after } = schoolYearEndDate(lastTerm.end, rule);
  if (after) throw new SchoolYearEndError(ref.item, schoolYear.id, date, rule.month ?? monthOf(date));
  return {
    ...seriesBase(ref),
    kind: 'schoolYearEnd',
    shape: 'single',
    key: seriesKey(ref, group, schoolYear.id),
    label: `завершение ${shortSchoolYear(schoolYear.id)} учебного года`,
    schoolYear: schoolYear.id,
    start: date,
    end: date,
    ...provisionalOf(resolved.provisional || lastTerm.provisional === true, resolved.provisionalReason ?? schoolYearReason(schoolYear.id)),
  };
}

/** One series per final-attestation period, on its last day. The data must have the periods. */
export function finalAttestationSeries(ref: RuleRef, schoolYear: SchoolYear): SingleSeries[] {
  return (schoolYear.finalAttestation ?? []).map((period, index) => ({
    ...seriesBase(ref),
    kind: 'finalAttestationEnd',
    shape: 'single',
    key: seriesKey(ref, schoolYear.id, `a${index + 1}`),
    label: period.name,
    schoolYear: schoolYear.id,
    start: period.end,
    end: period.end,
    ...provisionalOf(period.provisional === true || schoolYear.provisional === true, finalAttestationReason(schoolYear.id, period)),
  }));
}

/**
 * Item 20 before the year's ГИА schedule is known: one event that says so, on the first working
 * day of June (when the main period starts), so the subscriber sees the gap in the agenda.
 */
export function finalAttestationUnknownSeries(ref: RuleRef, schoolYear: SchoolYear, working: WorkingCalendar): SingleSeries {
  const year = yearOf(schoolYear.id.slice(5) + '-01-01');
  const date = working.nearestWorkingDay(isoDate(year, 6, 1), 1);
  return {
    ...seriesBase(ref),
    kind: 'finalAttestationEnd',
    shape: 'single',
    // The key of the first period's event: entering the schedule moves this event, never duplicates it.
    key: seriesKey(ref, schoolYear.id, 'a1'),
    label: `ГИА-${year}: сроки пока не известны`,
    schoolYear: schoolYear.id,
    start: date,
    end: date,
    provisional: true,
    provisionalReason: finalAttestationReason(schoolYear.id),
    dateUnknown: true,
  };
}

function provisionalOf(provisional: boolean, reason: string): { provisional: boolean; provisionalReason?: string } {
  return provisional ? { provisional, provisionalReason: reason } : { provisional };
}
