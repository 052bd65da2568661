/** One rule kind at a time: which series it gives and on which days they fall. */
import { describe, expect, it } from 'vitest';
import { checkCalendarRules, occurrencesFor, SchoolYearEndError, seriesFor } from '../src/domain/engine.js';
import type { Audience, Dataset, Series, SingleSeries, YearlySeries } from '../src/domain/model.js';
import type { SchoolYears, TermCalendar } from '../src/domain/schema.js';
import { buildDataset, item, organization, schedule, type RuleInput } from './helpers/dataset.js';
import { ITEMS, QUARTERS_2025_26, SCHOOL_YEAR_2025_26, SCHOOL_YEARS, WORKING_2025, WORKING_2026 } from './helpers/engine-fixtures.js';

const ALL: Audience = { kind: 'all' };
const GENERAL: Audience = { kind: 'type', type: 'general' };
const ADDITIONAL: Audience = { kind: 'type', type: 'additional' };

const data = buildDataset({ items: ITEMS, schoolYears: SCHOOL_YEARS, workingDays: [WORKING_2025, WORKING_2026] });

/** The item's series from the data's school year 2025/26 (provisional later years: test/engine-provisional.test.ts). */
function ofItem(result: { series: readonly Series[] }, number: number): Series[] {
  return result.series.filter((s) => s.item === number && s.kind !== 'standing' && (s.shape === 'yearly' || s.schoolYear === '2025-2026'));
}

function days(d: Dataset, audience: Audience, number: number, from: string, to: string): string[] {
  return occurrencesFor(d, audience, { from, to })
    .occurrences.filter((o) => o.item === number)
    .map((o) => (o.start === o.end ? o.start : `${o.start}..${o.end}`));
}

/** A one-item plan with the given rule for general schools. */
function single(rule: RuleInput, extra: Partial<Parameters<typeof buildDataset>[0]> = {}): Dataset {
  return buildDataset({
    items: [item(5, schedule(['general'], 'срок', rule))],
    schoolYears: SCHOOL_YEARS,
    workingDays: [WORKING_2025, WORKING_2026],
    ...extra,
  });
}

describe('annual rules recur every year from plan.meta.firstYear', () => {
  it('date: the day itself, or the working day before when it is off (onDayOff: previousWorkingDay)', () => {
    const [series] = ofItem(seriesFor(data, GENERAL), 3) as YearlySeries[];
    expect(series).toMatchObject({ key: 'i3.s0.r0', shape: 'yearly', kind: 'date', firstYear: 2025, start: { month: 2, day: 1 }, end: { month: 2, day: 1 } });
    // 1.02.2025 is a Saturday, 1.02.2026 a Sunday; 1.02.2027 a Monday
    expect(days(data, GENERAL, 3, '2020-01-01', '2027-12-31')).toEqual(['2025-01-31', '2026-01-30', '2027-02-01']);
    const later = buildDataset({ items: ITEMS, schoolYears: SCHOOL_YEARS, firstYear: 2026 });
    expect(days(later, GENERAL, 3, '2020-01-01', '2027-12-31')).toEqual(['2026-01-30', '2027-02-01']);
  });

  it('opening: the day it becomes possible', () => {
    expect(days(data, ALL, 4, '2026-01-01', '2026-12-31')).toEqual(['2026-04-01']);
    expect(ofItem(seriesFor(data, ALL), 4)[0]).toMatchObject({ kind: 'opening', organizationTypes: ['general', 'preschool', 'additional'] });
  });

  it('month: first to last day', () => {
    expect(days(data, { kind: 'type', type: 'preschool' }, 2, '2026-01-01', '2026-12-31')).toEqual(['2026-01-01..2026-01-31']);
    expect(days(data, ADDITIONAL, 5, '2026-01-01', '2026-12-31')).toEqual(['2026-08-01..2026-08-31']);
    const february = single({ kind: 'month', month: 2 });
    // a yearly series has one end day: 28 February, also in leap years
    expect(days(february, GENERAL, 5, '2028-01-01', '2028-12-31')).toEqual(['2028-02-01..2028-02-28']);
  });

  it('span: start to end inclusive', () => {
    expect(days(data, GENERAL, 7, '2026-01-01', '2026-12-31')).toEqual(['2026-06-01..2026-08-31']);
  });

  it('monthChoice: one series per month unless the organization chose one', () => {
    const series = ofItem(seriesFor(data, ALL), 1);
    expect(series.map((s) => [s.key, s.label])).toEqual([
      ['i1.s0.r0.m1', 'январь'],
      ['i1.s0.r0.m9', 'сентябрь'],
    ]);
    expect(days(data, ALL, 1, '2025-09-01', '2026-08-31')).toEqual(['2025-09-01..2025-09-30', '2026-01-01..2026-01-31']);

    const chose = organization('sosh-5', ['general'], { monthChoices: { '1': 9 } });
    const chosen = ofItem(seriesFor(data, { kind: 'organization', organization: chose }), 1);
    expect(chosen.map((s) => s.key)).toEqual(['i1.s0.r0.m9']);
    // the same series (key and days) a school without a choice gets for September
    expect(chosen[0]).toEqual(ofItem(seriesFor(data, GENERAL), 1)[1]);

    const none = organization('ds', ['preschool']);
    expect(ofItem(seriesFor(data, { kind: 'organization', organization: none }), 1)).toHaveLength(2);
    // a month the item does not offer is ignored here and reported by checkCalendarRules
    const wrong = organization('wrong', ['general'], { monthChoices: { '1': 5 } });
    expect(ofItem(seriesFor(data, { kind: 'organization', organization: wrong }), 1)).toHaveLength(2);
  });
});

describe('termEnd: one occurrence per term, the last one also ends the year', () => {
  it('quarters', () => {
    const series = ofItem(seriesFor(data, GENERAL), 19) as SingleSeries[];
    expect(series.map((s) => [s.key, s.start, s.end, s.label, s.provisional])).toEqual([
      ['i19.s0.r0.quarters.2025-2026.t1', '2025-10-24', '2025-10-24', '1-я четверть 2025/26', false],
      ['i19.s0.r0.quarters.2025-2026.t2', '2025-12-30', '2025-12-30', '2-я четверть 2025/26', false],
      ['i19.s0.r0.quarters.2025-2026.t3', '2026-03-27', '2026-03-27', '3-я четверть 2025/26', false],
      ['i19.s0.r0.quarters.2025-2026.t4', '2026-05-26', '2026-05-26', '4-я четверть и 2025/26 учебный год', false],
    ]);
    expect(series.every((s) => s.shape === 'single' && s.schoolYear === '2025-2026' && s.kind === 'termEnd')).toBe(true);
  });

  it('trimesters (an organization’s term system), provisional like their calendar', () => {
    const gimnaziya = organization('gimnaziya-3', ['general'], { termSystem: 'trimesters' });
    const series = ofItem(seriesFor(data, { kind: 'organization', organization: gimnaziya }), 19) as SingleSeries[];
    expect(series.map((s) => [s.key, s.start, s.label, s.provisional])).toEqual([
      ['i19.s0.r0.trimesters.2025-2026.t1', '2025-11-28', '1-й триместр 2025/26', true],
      ['i19.s0.r0.trimesters.2025-2026.t2', '2026-02-27', '2-й триместр 2025/26', true],
      ['i19.s0.r0.trimesters.2025-2026.t3', '2026-05-22', '3-й триместр и 2025/26 учебный год', true],
    ]);
  });

  it('half-years', () => {
    const series = ofItem(seriesFor(data, ADDITIONAL), 19) as SingleSeries[];
    expect(series.map((s) => [s.key, s.start, s.label])).toEqual([
      ['i19.s0.r0.halfYears.2025-2026.t1', '2025-12-30', '1-е полугодие 2025/26'],
      ['i19.s0.r0.halfYears.2025-2026.t2', '2026-05-26', '2-е полугодие и 2025/26 учебный год'],
    ]);
  });

  it('is provisional when only one term is', () => {
    const years: SchoolYears = {
      ...SCHOOL_YEARS,
      years: [{ ...SCHOOL_YEAR_2025_26, systems: { ...SCHOOL_YEAR_2025_26.systems, quarters: withLastTerm('2026-05-26', true) } }],
    };
    const series = ofItem(seriesFor(single({ kind: 'termEnd' }, { schoolYears: years }), GENERAL), 5) as SingleSeries[];
    expect(series.map((s) => s.provisional)).toEqual([false, false, false, true]);
  });
});

function withLastTerm(end: string, provisional = false): TermCalendar {
  const terms = QUARTERS_2025_26.terms.map((t, i, all) => (i === all.length - 1 ? { ...t, end, ...(provisional ? { provisional } : {}) } : t));
  return { ...QUARTERS_2025_26, terms };
}

function yearsEnding(end: string): SchoolYears {
  return { ...SCHOOL_YEARS, years: [{ ...SCHOOL_YEAR_2025_26, systems: { quarters: withLastTerm(end) } }] };
}

describe('schoolYearEnd', () => {
  const item5 = (d: Dataset) => ofItem(seriesFor(d, GENERAL), 5) as SingleSeries[];

  it('moves the day after the year (27 May) forward to 1 June', () => {
    const [series] = item5(data);
    expect(series).toMatchObject({
      key: 'i5.s0.r0.quarters.2025-2026',
      kind: 'schoolYearEnd',
      start: '2026-06-01',
      end: '2026-06-01',
      label: 'завершение 2025/26 учебного года',
      organizationTypes: ['general'],
    });
    expect(days(data, { kind: 'type', type: 'preschool' }, 5, '2025-09-01', '2026-08-31')).toEqual(['2026-08-01..2026-08-31']);
  });

  it('keeps offsetDays without a month, and a date inside the month', () => {
    expect(item5(single({ kind: 'schoolYearEnd', offsetDays: 1 }))[0]?.start).toBe('2026-05-27');
    expect(item5(single({ kind: 'schoolYearEnd', offsetDays: 0 }))[0]?.start).toBe('2026-05-26');
    const june5 = single({ kind: 'schoolYearEnd', offsetDays: 1, month: 6 }, { schoolYears: yearsEnding('2026-06-05') });
    expect(item5(june5)[0]?.start).toBe('2026-06-06');
    const june30 = single({ kind: 'schoolYearEnd', offsetDays: 0, month: 6 }, { schoolYears: yearsEnding('2026-06-30') });
    expect(item5(june30)[0]?.start).toBe('2026-06-30');
    expect(checkCalendarRules(june5)).toEqual([]);
  });

  it('throws when the date falls after the month, and checkCalendarRules names the term end', () => {
    const late = single({ kind: 'schoolYearEnd', offsetDays: 1, month: 6 }, { schoolYears: yearsEnding('2026-06-30') });
    expect(() => seriesFor(late, GENERAL)).toThrow(SchoolYearEndError);
    expect(() => seriesFor(late, GENERAL)).toThrow(/2026-07-01.*«июнь»/);
    // audiences without general schools do not meet the rule
    expect(() => seriesFor(late, ADDITIONAL)).not.toThrow();
    expect(checkCalendarRules(late)).toEqual([
      {
        file: 'data/school-years.json',
        path: '/years/0/systems/quarters/terms/3/end',
        message: expect.stringMatching(/^2025-2026, quarters: учебный год оканчивается 2026-06-30.*2026-07-01.*«июнь»/),
      },
    ]);
  });

  it('checks an organization’s own calendar and names the registry file given', () => {
    const own = organization('late', ['general'], { schoolYears: { '2025-2026': withLastTerm('2026-06-30') } });
    const late = single({ kind: 'schoolYearEnd', offsetDays: 1, month: 6 }, { organizations: [own] });
    const files = { plan: 'p.json', schoolYears: 's.json', registry: 'r.json' };
    expect(checkCalendarRules(late, files)).toEqual([
      { file: 'r.json', path: '/organizations/0/settings/schoolYears/2025-2026/terms/3/end', message: expect.stringContaining('late, 2025-2026') },
    ]);
    expect(() => seriesFor(late, { kind: 'organization', organization: own })).toThrow(SchoolYearEndError);
    expect(() => seriesFor(late, GENERAL)).not.toThrow();
  });
});

describe('checkCalendarRules on plan and registry', () => {
  it('accepts the fixtures', () => {
    expect(checkCalendarRules(data)).toEqual([]);
  });

  it('refuses a span that ends before it starts, and a month choice the item does not offer', () => {
    const bad = buildDataset({
      items: [...ITEMS, item(30, schedule(['general'], 'Декабрь-Январь', { kind: 'span', start: { month: 12, day: 1 }, end: { month: 1, day: 31 } }))],
      schoolYears: SCHOOL_YEARS,
      organizations: [organization('a', ['general'], { monthChoices: { '1': 5, '2': 1, '99': 1 } })],
    });
    expect(checkCalendarRules(bad).map((i) => [i.file, i.path])).toEqual([
      ['plan.json', `/items/${ITEMS.length}/schedules/0/rules/0/end`],
      ['data/organizations.json', '/organizations/0/settings/monthChoices/1'],
      ['data/organizations.json', '/organizations/0/settings/monthChoices/2'],
      ['data/organizations.json', '/organizations/0/settings/monthChoices/99'],
    ]);
  });
});

describe('finalAttestationEnd', () => {
  it('gives the last day of each period, labelled with its name', () => {
    const series = ofItem(seriesFor(data, GENERAL), 20) as SingleSeries[];
    expect(series.map((s) => [s.key, s.start, s.label, s.provisional])).toEqual([
      ['i20.s0.r0.2025-2026.a1', '2026-07-09', 'ГИА-2026, основной период', false],
      ['i20.s0.r0.2025-2026.a2', '2026-09-25', 'ГИА-2026, дополнительный период', false],
    ]);
    const provisional: SchoolYears = {
      ...SCHOOL_YEARS,
      years: [{ ...SCHOOL_YEAR_2025_26, finalAttestation: [{ name: 'ГИА', end: '2026-07-09', provisional: true }] }],
    };
    const [guessed] = ofItem(seriesFor(single({ kind: 'finalAttestationEnd' }, { schoolYears: provisional }), GENERAL), 5) as SingleSeries[];
    expect(guessed?.provisional).toBe(true);
  });
});

describe('standing rules', () => {
  it('are listed once per schedule rule, never dated', () => {
    const result = seriesFor(data, ALL);
    expect(result.standing).toEqual([
      {
        item: 12,
        schedule: 0,
        rule: 1,
        kind: 'onChange',
        wording: 'до 10 сентября, в течение 3-х рабочих дней в случае изменения информации и ее состава',
        organizationTypes: ['general', 'preschool', 'additional'],
      },
      { item: 22, schedule: 0, rule: 0, kind: 'asNeeded', wording: 'По мере необходимости', organizationTypes: ['general', 'preschool', 'additional'] },
    ]);
    // item 12 is a date and a standing duty
    expect(ofItem(result, 12).map((s) => [s.key, s.kind])).toEqual([['i12.s0.r0', 'date']]);
    expect(seriesFor(data, GENERAL).standing.map((s) => s.organizationTypes)).toEqual([['general'], ['general']]);
  });
});
