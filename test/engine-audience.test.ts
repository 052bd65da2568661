/** Audiences: the whole plan, one type, one organization; calendar groups, options, missing data. */
import { describe, expect, it } from 'vitest';
import { seriesFor } from '../src/domain/engine.js';
import type { Audience, Series, SeriesResult } from '../src/domain/model.js';
import type { TermCalendar } from '../src/domain/schema.js';
import { buildDataset, organization } from './helpers/dataset.js';
import { ITEMS, SCHOOL_YEARS, SCHOOL_YEARS_TWO, WORKING_2025, WORKING_2026, WORKING_2027 } from './helpers/engine-fixtures.js';

const data = buildDataset({ items: ITEMS, schoolYears: SCHOOL_YEARS, workingDays: [WORKING_2025, WORKING_2026] });
const two = buildDataset({ items: ITEMS, schoolYears: SCHOOL_YEARS_TWO, workingDays: [WORKING_2025, WORKING_2026, WORKING_2027] });

const ALL: Audience = { kind: 'all' };
const orgAudience = (...args: Parameters<typeof organization>): Audience => ({ kind: 'organization', organization: organization(...args) });
const groupsOf = (result: SeriesResult, item: number) => [
  ...new Set(result.series.filter((s) => s.item === item).map((s) => `${s.key.split('.')[3]}:${s.organizationTypes.join('+')}`)),
];
const itemsOf = (result: SeriesResult) => [...new Set([...result.series, ...result.standing].map((s) => s.item))];

function expectSortedAndUnique(series: readonly Series[]): void {
  const keys = series.map((s) => s.key);
  expect(new Set(keys).size, 'unique keys').toBe(keys.length);
  for (let i = 1; i < series.length; i++) {
    const [a, b] = [series[i - 1] as Series, series[i] as Series];
    expect(a.item * 1e4 + a.schedule * 100 + a.rule, `${a.key} before ${b.key}`).toBeLessThanOrEqual(b.item * 1e4 + b.schedule * 100 + b.rule);
  }
}

describe('the whole plan', () => {
  const result = seriesFor(data, ALL);

  it('carries term ends and school days once per calendar group', () => {
    expect(groupsOf(result, 19)).toEqual(['quarters:general', 'halfYears:additional']);
    expect(groupsOf(result, 18)).toEqual(['halfYears:additional', 'quarters:general']);
    // within a rule: by date, then key — the two groups interleave
    expect(result.series.filter((s) => s.item === 19 && s.shape === 'single' && s.schoolYear === '2025-2026').map((s) => (s.shape === 'single' ? s.start : ''))).toEqual([
      '2025-10-24',
      '2025-12-30',
      '2025-12-30',
      '2026-03-27',
      '2026-05-26',
      '2026-05-26',
    ]);
  });

  it('is sorted by item, schedule, rule with unique keys', () => {
    expectSortedAndUnique(result.series);
    expect(itemsOf(result).sort((a, b) => a - b)).toEqual(ITEMS.map((i) => i.number));
    // later years get provisional calendars; only the ГИА schedules stay unknown
    expect(result.missing).toEqual([
      { schoolYear: '2026-2027', what: 'finalAttestation', items: [20] },
      { schoolYear: '2027-2028', what: 'finalAttestation', items: [20] },
    ]);
  });
});

describe('one type', () => {
  it('keeps only the schedules of that type', () => {
    const preschool = seriesFor(data, { kind: 'type', type: 'preschool' });
    expect(itemsOf(preschool).sort((a, b) => a - b)).toEqual([1, 2, 4, 5, 12, 22, 24]);
    expect(preschool.series.filter((s) => s.item === 5).map((s) => s.key)).toEqual(['i5.s1.r0']);
    expect(preschool.series.every((s) => s.organizationTypes.join() === 'preschool')).toBe(true);
    expectSortedAndUnique(preschool.series);
  });
});

describe('one organization', () => {
  it('gets the union of its types’ schedules on its one calendar', () => {
    const result = seriesFor(data, orgAudience('sosh-6', ['preschool', 'general']));
    expect(itemsOf(result).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 7, 12, 18, 19, 20, 22, 24]);
    expect(groupsOf(result, 19)).toEqual(['quarters:general']);
    expect(result.series.filter((s) => s.item === 5 && !/20(26|27)-/.test(s.key)).map((s) => [s.key, s.organizationTypes])).toEqual([
      ['i5.s0.r0.quarters.2025-2026', ['general']],
      ['i5.s1.r0', ['preschool']],
    ]);
    expect(result.series.find((s) => s.item === 1)?.organizationTypes).toEqual(['general', 'preschool']);
    expectSortedAndUnique(result.series);
  });

  it('puts every type of a multi-type organization on the calendar of its first type', () => {
    const result = seriesFor(data, orgAudience('cvr-school', ['additional', 'general']));
    expect(groupsOf(result, 19)).toEqual(['halfYears:general+additional']);
  });

  it('uses its own calendar and its term system', () => {
    const own: TermCalendar = { terms: [{ name: '1-й модуль', start: '2025-09-01', end: '2025-12-26' }, { name: '2-й модуль', start: '2026-01-12', end: '2026-05-29' }], holidays: [] };
    const result = seriesFor(data, orgAudience('own', ['general'], { schoolYears: { '2025-2026': own } }));
    // keyed by the term system it replaces, so entering an own calendar keeps the events' UIDs
    expect(result.series.filter((s) => (s.item === 19 || s.item === 5) && s.key.includes('2025-2026')).map((s) => [s.key, s.shape === 'single' ? s.start : ''])).toEqual([
      ['i5.s0.r0.quarters.2025-2026', '2026-06-01'],
      ['i19.s0.r0.quarters.2025-2026.t1', '2025-12-26'],
      ['i19.s0.r0.quarters.2025-2026.t2', '2026-05-29'],
    ]);
    const tri = seriesFor(data, orgAudience('gimnaziya-3', ['general'], { termSystem: 'trimesters' }));
    expect(groupsOf(tri, 19)).toEqual(['trimesters:general']);
    expect(tri.series.find((s) => s.item === 5)).toMatchObject({ start: '2026-06-01' });
  });

  it('has its own calendar even for a school year the municipal data lacks', () => {
    const own: TermCalendar = { terms: [{ name: 'год', start: '2027-09-01', end: '2028-05-26' }], holidays: [] };
    const result = seriesFor(data, orgAudience('ahead', ['general'], { schoolYears: { '2027-2028': own } }));
    expect(result.series.filter((s) => s.item === 19 && s.key.includes('2027-2028')).map((s) => s.key)).toEqual(['i19.s0.r0.quarters.2027-2028.t1']);
    expect(result.series.find((s) => s.key === 'i19.s0.r0.quarters.2027-2028.t1')).toMatchObject({ start: '2028-05-26', provisional: false });
    expect(result.missing).toEqual([
      { schoolYear: '2026-2027', what: 'finalAttestation', items: [20] },
      { schoolYear: '2027-2028', what: 'finalAttestation', items: [20] },
    ]);
  });

  it('takes an own calendar beyond the horizon without a production calendar for it', () => {
    const own: TermCalendar = { terms: [{ name: 'год', start: '2031-09-01', end: '2032-05-26' }], holidays: [] };
    const result = seriesFor(data, orgAudience('far', ['general'], { schoolYears: { '2031-2032': own } }));
    expect(result.series.filter((s) => s.key.includes('2031-2032')).map((s) => s.key)).toEqual(['i5.s0.r0.quarters.2031-2032', 'i19.s0.r0.quarters.2031-2032.t1']);
    expect(result.missing.filter((m) => m.schoolYear === '2031-2032')).toEqual([
      { schoolYear: '2031-2032', what: 'finalAttestation', items: [20] },
      { schoolYear: '2031-2032', what: 'workingDays', items: [18, 24] },
    ]);
  });

  it('shares results between organizations with equal types and settings', () => {
    const a = seriesFor(data, orgAudience('a', ['general'], { termSystem: 'trimesters' }));
    const b = seriesFor(data, orgAudience('b', ['general'], { termSystem: 'trimesters' }));
    expect(b).toBe(a);
    const c = seriesFor(data, orgAudience('c', ['general']));
    expect(c).not.toBe(a);
    expect(c.series.find((s) => s.item === 3)).toEqual(a.series.find((s) => s.item === 3));
  });
});

const FINAL_ATTESTATION_UNKNOWN = [
  { schoolYear: '2026-2027', what: 'finalAttestation', items: [20] },
  { schoolYear: '2027-2028', what: 'finalAttestation', items: [20] },
];

describe('missing school-year data', () => {
  it('falls back to provisional calendars, so only final-attestation dates stay missing', () => {
    expect(seriesFor(two, ALL).missing).toEqual(FINAL_ATTESTATION_UNKNOWN);
    expect(seriesFor(two, { kind: 'type', type: 'general' }).missing).toEqual(FINAL_ATTESTATION_UNKNOWN);
    expect(seriesFor(two, { kind: 'type', type: 'preschool' }).missing).toEqual([]);
    const tri = seriesFor(two, orgAudience('tri', ['general'], { termSystem: 'trimesters' }));
    expect(tri.missing).toEqual(FINAL_ATTESTATION_UNKNOWN);
    // the data has no trimesters for 2026/27: a provisional modular calendar of that system, with its reason
    const terms = tri.series.filter((s) => s.item === 19 && s.shape === 'single' && s.schoolYear === '2026-2027');
    expect(terms.map((s) => (s.shape === 'single' ? [s.label, s.provisional, s.provisionalReason] : []))).toEqual([
      ['1-й триместр 2026/27', true, 'учебный график 2026/27 ещё не утверждён'],
      ['2-й триместр 2026/27', true, 'учебный график 2026/27 ещё не утверждён'],
      ['3-й триместр и 2026/27 учебный год', true, 'учебный график 2026/27 ещё не утверждён'],
    ]);
    expect(tri.series.some((s) => s.item === 5 && s.key.endsWith('trimesters.2026-2027'))).toBe(true);
  });

  it('still gives the years the data has', () => {
    const general = seriesFor(two, { kind: 'type', type: 'general' });
    expect(general.series.filter((s) => s.item === 19).map((s) => s.key.split('.')[4])).toEqual([
      '2025-2026', '2025-2026', '2025-2026', '2025-2026', '2026-2027', '2026-2027', '2026-2027', '2026-2027',
      '2027-2028', '2027-2028', '2027-2028', '2027-2028',
    ]);
    // 2026/27 is provisional in the data
    expect(general.series.filter((s) => s.item === 19 && s.shape === 'single' && s.schoolYear === '2026-2027').every((s) => s.shape === 'single' && s.provisional)).toBe(true);
  });
});

describe('options', () => {
  it('daily: false drops daily series and what only they need', () => {
    const result = seriesFor(two, ALL, { daily: false });
    expect(result.series.some((s) => s.kind === 'daily')).toBe(false);
    expect(result.series.length).toBe(seriesFor(two, ALL).series.filter((s) => s.kind !== 'daily').length);
    expect(result.missing).toEqual(FINAL_ATTESTATION_UNKNOWN);
    const without2026 = buildDataset({ items: ITEMS, schoolYears: SCHOOL_YEARS, workingDays: [WORKING_2025] });
    expect(seriesFor(without2026, ALL, { daily: false }).missing).toEqual(FINAL_ATTESTATION_UNKNOWN);
    expect(seriesFor(two, ALL, { daily: true })).toBe(seriesFor(two, ALL));
  });

  it('items keeps only those items, standing duties and missing data included', () => {
    const result = seriesFor(two, ALL, { items: [19, 22, 99] });
    expect([...new Set(result.series.map((s) => s.item))]).toEqual([19, 22]);
    expect(result.series.filter((s) => s.kind === 'standing').map((s) => (s.shape === 'single' ? s.items : []))).toEqual([[22], [22], [22]]);
    expect(result.standing.map((s) => s.item)).toEqual([22]);
    expect(result.missing).toEqual([]);
    expect(seriesFor(two, ALL, { items: [] })).toEqual({ series: [], standing: [], missing: [] });
    expect(seriesFor(two, ALL, { items: [18], daily: false }).series).toEqual([]);
  });
});
