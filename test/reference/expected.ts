/**
 * The reference table: for the school year 2025/26, on which days each of the plan's 26 items
 * falls for each organization type. Written by hand from the order itself
 * (`../shared/seed/000_ebc388b7c7892d63.txt`, appendix: «Срок исполнения», «Ответственные»),
 * the wording → date interpretation in `docs/architecture.md`, and the 2025/26 school calendar
 * (federal recommendation, `../shared/reference/domain.md` §3–4) — never from plan.json, so
 * that it checks the plan encoding and the engine together. Daily items are counted by the
 * independent brute-force counter in `./school-days.ts` from the public production-calendar
 * XML.
 *
 * Renderer-neutral on purpose: the engine tests compare occurrences with it, the iCalendar
 * tests compare expanded feeds with it.
 */
import { centreDays, loadProductionCalendar, schoolDays, workingDays, type Day, type DayRange } from './school-days.js';

export type { Day, DayRange } from './school-days.js';

export type ReferenceType = 'general' | 'preschool' | 'additional';
export const REFERENCE_TYPES: readonly ReferenceType[] = ['general', 'preschool', 'additional'];

/** The school year 2025/26, 1 September – 31 August, inclusive. */
export const REFERENCE_PERIOD = { from: '2025-09-01', to: '2026-08-31' } as const satisfies { from: Day; to: Day };
export const REFERENCE_SCHOOL_YEAR = '2025-2026';

// The municipal 2025/26 calendar = the federal recommendation (domain.md §3).
export const QUARTERS_2025_26: readonly DayRange[] = [
  { start: '2025-09-01', end: '2025-10-24' },
  { start: '2025-11-03', end: '2025-12-30' },
  { start: '2026-01-12', end: '2026-03-27' },
  { start: '2026-04-06', end: '2026-05-26' },
];
/** Half-years for additional education: December and May, with the same holidays. */
export const HALF_YEARS_2025_26: readonly DayRange[] = [
  { start: '2025-09-01', end: '2025-12-30' },
  { start: '2026-01-12', end: '2026-05-26' },
];
/** Whole-school holidays (autumn, winter, spring). */
export const HOLIDAYS_2025_26: readonly DayRange[] = [
  { start: '2025-10-25', end: '2025-11-02' },
  { start: '2025-12-31', end: '2026-01-11' },
  { start: '2026-03-28', end: '2026-04-05' },
];
/** The extra February week of grade 1: it does not cancel the organization's school days. */
export const GRADE_1_HOLIDAY_2026: DayRange = { start: '2026-02-16', end: '2026-02-22' };
/** ГИА 2026: the main period ends 9 July; the additional (September) one ends after the period. */
export const FINAL_ATTESTATION_2026_ENDS: readonly Day[] = ['2026-07-09', '2026-09-25'];

/** Not responsible for the item: no occurrence and no standing duty. */
export interface Absent {
  readonly kind: 'absent';
}
/** All-day occurrences, `end` inclusive; `standing` when the wording adds «далее по необходимости» and the like. */
export interface Dates {
  readonly kind: 'dates';
  readonly dates: readonly DayRange[];
  readonly standing: boolean;
  readonly wording: string;
}
/** A timed daily slot on every school day or every working day of the period. */
export interface Daily {
  readonly kind: 'daily';
  readonly days: 'school' | 'working';
  readonly count: number;
  /** Every day of the period, as the brute-force counter finds them (`count` of them). */
  readonly all: readonly Day[];
  /** Hand-picked days that must be there… */
  readonly includes: readonly Day[];
  /** …and days that must not be. */
  readonly excludes: readonly Day[];
  readonly wording: string;
}
/** A standing duty only: listed, never dated. */
export interface Standing {
  readonly kind: 'standing';
  readonly wording: string;
}
export type Expectation = Absent | Dates | Daily | Standing;

export interface ItemReference {
  readonly item: number;
  readonly byType: Readonly<Record<ReferenceType, Expectation>>;
}

const calendar = loadProductionCalendar([2025, 2026]);

const on = (day: Day): DayRange => ({ start: day, end: day });
const SEPTEMBER_2025: DayRange = { start: '2025-09-01', end: '2025-09-30' };
const JANUARY_2026: DayRange = { start: '2026-01-01', end: '2026-01-31' };
const JUNE_2026: DayRange = { start: '2026-06-01', end: '2026-06-30' };
const AUGUST_2026: DayRange = { start: '2026-08-01', end: '2026-08-31' };

const absent: Absent = { kind: 'absent' };
const dates = (wording: string, ...ranges: DayRange[]): Dates => ({ kind: 'dates', dates: ranges, standing: false, wording });
const datesAndStanding = (wording: string, ...ranges: DayRange[]): Dates => ({
  kind: 'dates',
  dates: ranges,
  standing: true,
  wording,
});
const standing = (wording: string): Standing => ({ kind: 'standing', wording });
const all = (e: Expectation): Record<ReferenceType, Expectation> => ({ general: e, preschool: e, additional: e });

function daily(days: 'school' | 'working' | 'centre', list: readonly Day[], wording: string): Daily {
  if (days === 'centre') {
    // Saturdays and the school holidays are lesson days; 4 Nov, the moved 3 Nov and summer are not
    const includes = ['2025-09-06', '2025-10-27', '2025-11-01', '2025-11-08', '2026-03-30', '2026-05-26'];
    const excludes = ['2025-09-07', '2025-11-03', '2025-11-04', '2026-01-07', '2026-02-23', '2026-05-27'];
    return { kind: 'daily', days: 'school', count: list.length, all: list, includes, excludes, wording };
  }
  const includes =
    days === 'school'
      ? // first days of the year and after winter; the grade-1 February week is still school
        ['2025-09-01', '2025-10-24', '2025-11-05', '2026-01-12', '2026-02-16', '2026-04-06', '2026-05-26']
      : // summer; 1 Nov 2025 is a working (shortened) Saturday by the decree; holidays of schools are work
        ['2025-09-01', '2025-10-27', '2025-11-01', '2026-01-12', '2026-04-30', '2026-06-15', '2026-08-31'];
  const excludes =
    days === 'school'
      ? // 4 Nov, the moved days off 3 Nov and 9 Jan, 23 Feb, autumn/spring holidays, Saturdays, after the year
        ['2025-09-06', '2025-10-27', '2025-11-03', '2025-11-04', '2026-01-09', '2026-02-23', '2026-03-30', '2026-05-27', '2026-06-15']
      : ['2025-09-06', '2025-11-03', '2025-11-04', '2025-12-31', '2026-01-09', '2026-02-23', '2026-03-09', '2026-05-11', '2026-06-12'];
  return { kind: 'daily', days, count: list.length, all: list, includes, excludes, wording };
}

const SCHOOL_DAYS_QUARTERS = schoolDays(calendar, QUARTERS_2025_26, HOLIDAYS_2025_26);
const CENTRE_DAYS_HALF_YEARS = centreDays(calendar, HALF_YEARS_2025_26);
const WORKING_DAYS = workingDays(calendar, REFERENCE_PERIOD.from, REFERENCE_PERIOD.to);

const inPeriod = (day: Day): boolean => REFERENCE_PERIOD.from <= day && day <= REFERENCE_PERIOD.to;

const W = {
  onChange: 'в течение 3-х рабочих дней в случае изменения информации и ее состава',
  asNeeded: 'По мере необходимости',
} as const;
const W12 = `до 10 сентября, ${W.onChange}`;
const W21 =
  'Сентябрь, по мере необходимости, в связи с изменениями в действующем законодатель- стве, приходом новых сотрудников';

export const REFERENCE: readonly ItemReference[] = [
  // «Январь или Сентябрь»: both months unless the organization chose one.
  { item: 1, byType: all(dates('Январь или Сентябрь', SEPTEMBER_2025, JANUARY_2026)) },
  { item: 2, byType: { general: absent, preschool: dates('Январь', JANUARY_2026), additional: absent } },
  { item: 3, byType: { general: dates('до 1 февраля', on('2026-02-01')), preschool: absent, additional: absent } },
  { item: 4, byType: all(dates('Доступно с 1 апреля', on('2026-04-01'))) },
  {
    item: 5,
    byType: {
      // the year ends 26 May; the next day, 27 May, is moved forward into June as the wording says
      general: dates('Июнь (на следующий день после завершения учебного года)', on('2026-06-01')),
      preschool: dates('Август', AUGUST_2026),
      additional: dates('Август', AUGUST_2026),
    },
  },
  {
    item: 6,
    byType: { general: dates('Июнь', JUNE_2026), preschool: dates('Август', AUGUST_2026), additional: dates('Июнь', JUNE_2026) },
  },
  {
    item: 7,
    byType: { general: dates('Июнь-Август', { start: '2026-06-01', end: '2026-08-31' }), preschool: absent, additional: absent },
  },
  { item: 8, byType: { general: dates('до 3 сентября', on('2025-09-03')), preschool: absent, additional: absent } },
  {
    item: 9,
    byType: { general: absent, preschool: datesAndStanding('до 3 сентября, далее по необходимости', on('2025-09-03')), additional: absent },
  },
  {
    item: 10,
    byType: { general: absent, preschool: datesAndStanding('до 5 сентября, далее по необходимости', on('2025-09-05')), additional: absent },
  },
  {
    item: 11,
    byType: { general: absent, preschool: absent, additional: datesAndStanding('до 15 сентября, далее по необходимости', on('2025-09-15')) },
  },
  { item: 12, byType: all(datesAndStanding(W12, on('2025-09-10'))) },
  {
    item: 13,
    byType: { general: datesAndStanding(W12, on('2025-09-10')), preschool: absent, additional: datesAndStanding(W12, on('2025-09-10')) },
  },
  {
    item: 14,
    byType: {
      general: dates('до 15 сентября', on('2025-09-15')),
      preschool: dates('до 5 сентября', on('2025-09-05')),
      additional: dates('до 15 сентября', on('2025-09-15')),
    },
  },
  { item: 15, byType: { general: dates('сентябрь', SEPTEMBER_2025), preschool: absent, additional: absent } },
  { item: 16, byType: { general: dates('сентябрь', SEPTEMBER_2025), preschool: absent, additional: absent } },
  { item: 17, byType: all(datesAndStanding('Сентябрь, далее по необходимости', SEPTEMBER_2025)) },
  {
    // grades and attendance: lessons, so school days of each type's own terms
    item: 18,
    byType: {
      general: daily('school', SCHOOL_DAYS_QUARTERS, 'ежедневно'),
      preschool: absent,
      // centres work Saturdays and school holidays (municipal default in data/school-years.json)
      additional: daily('centre', CENTRE_DAYS_HALF_YEARS, 'ежедневно'),
    },
  },
  {
    item: 19,
    byType: {
      general: dates(
        'По окончании учебного периода (четверти, триместра, полугодия, года)',
        ...QUARTERS_2025_26.map((q) => on(q.end)),
      ),
      preschool: absent,
      additional: dates(
        'По окончании учебного периода (четверти, триместра, полугодия, года)',
        ...HALF_YEARS_2025_26.map((h) => on(h.end)),
      ),
    },
  },
  {
    item: 20,
    byType: {
      general: dates('По окончании итоговой аттестации', ...FINAL_ATTESTATION_2026_ENDS.filter(inPeriod).map(on)),
      preschool: absent,
      additional: absent,
    },
  },
  { item: 21, byType: all(datesAndStanding(W21, SEPTEMBER_2025)) },
  { item: 22, byType: all(standing(W.asNeeded)) },
  { item: 23, byType: all(standing(W.onChange)) },
  // data control is not about lessons: every working day, summer included
  { item: 24, byType: all(daily('working', WORKING_DAYS, 'Ежедневно')) },
  { item: 25, byType: { general: standing(W.asNeeded), preschool: absent, additional: standing(W.asNeeded) } },
  { item: 26, byType: all(standing(W.asNeeded)) },
];

export function expectationFor(item: number, type: ReferenceType): Expectation {
  const row = REFERENCE.find((r) => r.item === item);
  if (!row) throw new Error(`no reference row for item ${item}`);
  return row.byType[type];
}

/** Item numbers a type is responsible for (dated, daily or standing). */
export function itemsFor(type: ReferenceType): number[] {
  return REFERENCE.filter((r) => r.byType[type].kind !== 'absent').map((r) => r.item);
}
