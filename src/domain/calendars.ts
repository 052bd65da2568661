/**
 * The calendars the engine dates with: the data's, completed with provisional ones so that
 * every schedule has dates for the current school year and the next two whatever the data
 * holds. Entered data always wins; generated calendars are marked provisional with a reason.
 * "Current" is the school year of `plan.meta.updated`, never the clock: same data, same bytes.
 */
import { schoolYearOf, shortSchoolYear } from './dates.js';
import type { Dataset } from './model.js';
import { provisionalSchoolYear, provisionalTermCalendar, schoolYearReason } from './provisional/school-year.js';
import { provisionalWorkingDays, workingYearReason } from './provisional/working-days.js';
import type { FinalAttestationPeriod, SchoolYear, TermCalendar, TermSystemId, WorkingDaysYear } from './schema.js';

export { schoolYearReason, workingYearReason };

/** School years after the current one that always get dates. */
export const PROVISIONAL_YEARS_AHEAD = 2;

const TERM_SYSTEMS: readonly TermSystemId[] = ['quarters', 'trimesters', 'halfYears'];

export interface EffectiveCalendars {
  /** Data years with missing systems generated, then generated years up to the horizon; sorted. */
  readonly schoolYears: readonly SchoolYear[];
  readonly workingDays: readonly WorkingDaysYear[];
  /** Last school year with dates, `YYYY-YYYY+1`. */
  readonly lastSchoolYear: string;
}

const cache = new WeakMap<Dataset, EffectiveCalendars>();

function startYear(schoolYearId: string): number {
  return Number(schoolYearId.slice(0, 4));
}

function completed(year: SchoolYear): SchoolYear {
  const missing = TERM_SYSTEMS.filter((system) => year.systems[system] === undefined);
  if (missing.length === 0) return year;
  const systems: Partial<Record<TermSystemId, TermCalendar>> = { ...year.systems };
  for (const system of missing) systems[system] = provisionalTermCalendar(year.id, system);
  return { ...year, systems };
}

export function effectiveCalendars(data: Dataset): EffectiveCalendars {
  const cached = cache.get(data);
  if (cached) return cached;
  const current = startYear(schoolYearOf(data.plan.meta.updated.slice(0, 10)));
  const byId = new Map(data.schoolYears.years.map((year) => [year.id, completed(year)]));
  const firstData = Math.min(...data.schoolYears.years.map((year) => startYear(year.id)));
  const last = Math.max(current + PROVISIONAL_YEARS_AHEAD, ...data.schoolYears.years.map((year) => startYear(year.id)));
  for (let first = Math.min(firstData, current); first <= last; first++) {
    const id = `${first}-${first + 1}`;
    if (!byId.has(id)) byId.set(id, provisionalSchoolYear(id));
  }
  const schoolYears = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const working = new Map(data.workingDays.map((year) => [year.year, year]));
  const firstWorking = Math.min(data.plan.meta.firstYear, startYear(schoolYears[0]?.id ?? `${current}`), ...data.workingDays.map((year) => year.year));
  for (let year = firstWorking; year <= last + 1; year++) if (!working.has(year)) working.set(year, provisionalWorkingDays(year));
  const result: EffectiveCalendars = {
    schoolYears,
    workingDays: [...working.values()].sort((a, b) => a.year - b.year),
    lastSchoolYear: `${last}-${last + 1}`,
  };
  cache.set(data, result);
  return result;
}

/** Why a final-attestation period is not final. */
export function finalAttestationReason(schoolYearId: string, period?: FinalAttestationPeriod): string {
  const year = startYear(schoolYearId) + 1;
  return period === undefined ? `расписание ГИА-${year} ещё не утверждено` : `расписание ГИА-${year} — по проекту, не сверено с утверждённым`;
}

/** The short school year in reasons, re-exported for the renderers. */
export { shortSchoolYear };
