/**
 * Inline data for engine tests: the plan's rule shapes (a subset of the 26 items, same wording
 * and types), the 2025/26 municipal calendars (federal recommendation, domain.md §3) and the
 * production calendars 2025–2027 transcribed from shared/data/production-calendar/ru/*.xml.
 */
import type { Item, SchoolYear, SchoolYears, TermCalendar, WorkingDaysYear } from '../../src/domain/schema.js';
import { item, schedule, workingYear } from './dataset.js';

const NW = 'nonWorking' as const;
const SH = 'shortened' as const;

export const WORKING_2025: WorkingDaysYear = workingYear(2025, [
  ['01-01', NW], ['01-02', NW], ['01-03', NW], ['01-04', NW], ['01-05', NW], ['01-06', NW], ['01-07', NW], ['01-08', NW],
  ['02-23', NW], ['03-07', SH], ['03-08', NW], ['04-30', SH], ['05-01', NW], ['05-02', NW], ['05-08', NW], ['05-09', NW],
  ['06-11', SH], ['06-12', NW], ['06-13', NW], ['11-01', SH], ['11-03', NW], ['11-04', NW], ['12-31', NW],
]);

export const WORKING_2026: WorkingDaysYear = workingYear(2026, [
  ['01-01', NW], ['01-02', NW], ['01-03', NW], ['01-04', NW], ['01-05', NW], ['01-06', NW], ['01-07', NW], ['01-08', NW],
  ['01-09', NW], ['02-23', NW], ['03-08', NW], ['03-09', NW], ['04-30', SH], ['05-01', NW], ['05-08', SH], ['05-09', NW],
  ['05-11', NW], ['06-11', SH], ['06-12', NW], ['11-03', SH], ['11-04', NW], ['12-31', NW],
]);

export const WORKING_2027: WorkingDaysYear = workingYear(
  2027,
  [
    ['01-01', NW], ['01-02', NW], ['01-03', NW], ['01-04', NW], ['01-05', NW], ['01-06', NW], ['01-07', NW], ['01-08', NW],
    ['02-20', SH], ['02-22', NW], ['02-23', NW], ['03-08', NW], ['04-30', SH], ['05-01', NW], ['05-03', NW], ['05-09', NW],
    ['05-10', NW], ['06-11', SH], ['06-12', NW], ['06-14', NW], ['11-03', SH], ['11-04', NW], ['11-05', NW], ['12-31', NW],
  ],
  false,
);

export const HOLIDAYS_2025_26 = [
  { name: 'осенние каникулы', start: '2025-10-25', end: '2025-11-02' },
  { name: 'зимние каникулы', start: '2025-12-31', end: '2026-01-11' },
  { name: 'весенние каникулы', start: '2026-03-28', end: '2026-04-05' },
  { name: 'дополнительные каникулы для 1-х классов', start: '2026-02-16', end: '2026-02-22', grades: [1] },
];

export const QUARTERS_2025_26: TermCalendar = {
  terms: [
    { name: '1-я четверть', start: '2025-09-01', end: '2025-10-24' },
    { name: '2-я четверть', start: '2025-11-03', end: '2025-12-30' },
    { name: '3-я четверть', start: '2026-01-12', end: '2026-03-27' },
    { name: '4-я четверть', start: '2026-04-06', end: '2026-05-26' },
  ],
  holidays: HOLIDAYS_2025_26,
};

export const TRIMESTERS_2025_26: TermCalendar = {
  terms: [
    { name: '1-й триместр', start: '2025-09-01', end: '2025-11-28' },
    { name: '2-й триместр', start: '2025-12-01', end: '2026-02-27' },
    { name: '3-й триместр', start: '2026-03-02', end: '2026-05-22' },
  ],
  holidays: [
    { name: 'осенние каникулы', start: '2025-10-25', end: '2025-11-02' },
    { name: 'зимние каникулы', start: '2025-12-31', end: '2026-01-11' },
    { name: 'весенние каникулы', start: '2026-04-11', end: '2026-04-19' },
  ],
  provisional: true,
};

export const HALF_YEARS_2025_26: TermCalendar = {
  terms: [
    { name: '1-е полугодие', start: '2025-09-01', end: '2025-12-30' },
    { name: '2-е полугодие', start: '2026-01-12', end: '2026-05-26' },
  ],
  holidays: HOLIDAYS_2025_26,
};

export const SCHOOL_YEAR_2025_26: SchoolYear = {
  id: '2025-2026',
  systems: { quarters: QUARTERS_2025_26, trimesters: TRIMESTERS_2025_26, halfYears: HALF_YEARS_2025_26 },
  finalAttestation: [
    { name: 'ГИА-2026, основной период', end: '2026-07-09' },
    { name: 'ГИА-2026, дополнительный период', end: '2026-09-25' },
  ],
};

/** Quarters only, guessed: half-years and final attestation are missing. */
export const SCHOOL_YEAR_2026_27: SchoolYear = {
  id: '2026-2027',
  provisional: true,
  systems: {
    quarters: {
      terms: [
        { name: '1-я четверть', start: '2026-09-01', end: '2026-10-23' },
        { name: '2-я четверть', start: '2026-11-02', end: '2026-12-29' },
        { name: '3-я четверть', start: '2027-01-11', end: '2027-03-19' },
        { name: '4-я четверть', start: '2027-03-29', end: '2027-05-26' },
      ],
      holidays: [
        { name: 'осенние каникулы', start: '2026-10-24', end: '2026-11-01' },
        { name: 'зимние каникулы', start: '2026-12-30', end: '2027-01-10' },
        { name: 'весенние каникулы', start: '2027-03-20', end: '2027-03-28' },
      ],
    },
  },
};

export const SCHOOL_YEARS: SchoolYears = {
  defaults: { general: 'quarters', preschool: 'quarters', additional: 'halfYears' },
  years: [SCHOOL_YEAR_2025_26],
};

export const SCHOOL_YEARS_TWO: SchoolYears = { ...SCHOOL_YEARS, years: [SCHOOL_YEAR_2025_26, SCHOOL_YEAR_2026_27] };

const ALL = ['general', 'preschool', 'additional'] as ('general' | 'preschool' | 'additional')[];
const ON_CHANGE = 'в течение 3-х рабочих дней в случае изменения информации и ее состава';

/** The plan's rule shapes: one item per kind, with the plan's numbers, types and wordings. */
export const ITEMS: readonly Item[] = [
  item(1, schedule(ALL, 'Январь или Сентябрь', { kind: 'monthChoice', months: [1, 9] })),
  item(2, schedule(['preschool'], 'Январь', { kind: 'month', month: 1 })),
  item(3, schedule(['general'], 'до 1 февраля', { kind: 'date', month: 2, day: 1 })),
  item(4, schedule(ALL, 'Доступно с 1 апреля', { kind: 'opening', month: 4, day: 1 })),
  item(
    5,
    schedule(['general'], 'Июнь (на следующий день после завершения учебного года)', { kind: 'schoolYearEnd', offsetDays: 1, month: 6 }),
    schedule(['preschool', 'additional'], 'Август', { kind: 'month', month: 8 }),
  ),
  item(7, schedule(['general'], 'Июнь-Август', { kind: 'span', start: { month: 6, day: 1 }, end: { month: 8, day: 31 } })),
  item(
    12,
    schedule(ALL, `до 10 сентября, ${ON_CHANGE}`, { kind: 'date', month: 9, day: 10 }, { kind: 'onChange', workingDays: 3 }),
  ),
  item(18, schedule(['general', 'additional'], 'ежедневно', { kind: 'daily', days: 'school' })),
  item(19, schedule(['general', 'additional'], 'По окончании учебного периода (четверти, триместра, полугодия, года)', { kind: 'termEnd' })),
  item(20, schedule(['general'], 'По окончании итоговой аттестации', { kind: 'finalAttestationEnd' })),
  item(22, schedule(ALL, 'По мере необходимости', { kind: 'asNeeded' })),
  item(24, schedule(ALL, 'Ежедневно', { kind: 'daily', days: 'working' })),
];
