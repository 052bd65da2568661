import { describe, expect, it } from 'vitest';
import { expectationFor, HOLIDAYS_2025_26, QUARTERS_2025_26, REFERENCE, REFERENCE_TYPES } from './expected.js';
import { eachDay, loadProductionCalendar, parseProductionCalendarXml, schoolDays, workingDays } from './school-days.js';

const calendar = loadProductionCalendar([2025, 2026]);

describe('production calendar XML parser', () => {
  it('reads non-working, shortened and working-weekend days and checks the year', () => {
    const xml = `<calendar year="2024" lang="ru"><days>
      <day d="04.27" t="3" /><day d="04.29" t="1" f="04.27"/><day d="04.30" t="2"/></days></calendar>`;
    expect([...parseProductionCalendarXml(xml, 2024)]).toEqual([
      ['2024-04-27', 3],
      ['2024-04-29', 1],
      ['2024-04-30', 2],
    ]);
    expect(() => parseProductionCalendarXml(xml, 2025)).toThrow(/expected year 2025/);
  });

  it('fails with a clear message when the shared calendar is missing', () => {
    expect(() => loadProductionCalendar([2025], '/nonexistent/dir')).toThrow(/production calendar .*missing/);
  });
});

describe('working days (counted by hand)', () => {
  it('the week of 27 Oct – 9 Nov 2025: the working Saturday 1 Nov in, the days off 3–4 Nov out', () => {
    expect(workingDays(calendar, '2025-10-27', '2025-11-09')).toEqual([
      '2025-10-27', '2025-10-28', '2025-10-29', '2025-10-30', '2025-10-31', '2025-11-01',
      '2025-11-05', '2025-11-06', '2025-11-07',
    ]);
  });

  it('New Year 2026: nothing until 12 January; 31 December 2025 is a day off', () => {
    expect(workingDays(calendar, '2025-12-29', '2026-01-13')).toEqual(['2025-12-29', '2025-12-30', '2026-01-12', '2026-01-13']);
  });

  it('the whole school year 2025/26 has 247 working days (summed month by month by hand)', () => {
    // Sep 22, Oct 23, Nov 19, Dec 22, Jan 15, Feb 19, Mar 21, Apr 22, May 19, Jun 21, Jul 23, Aug 21
    expect(workingDays(calendar, '2025-09-01', '2026-08-31')).toHaveLength(247);
  });
});

describe('school days (counted by hand)', () => {
  it('skip the autumn holidays and the days off after them', () => {
    const days = schoolDays(calendar, QUARTERS_2025_26, HOLIDAYS_2025_26).filter((d) => d >= '2025-10-20' && d <= '2025-11-09');
    expect(days).toEqual(['2025-10-20', '2025-10-21', '2025-10-22', '2025-10-23', '2025-10-24', '2025-11-05', '2025-11-06', '2025-11-07']);
  });

  it('a weekend day the decree makes working counts when it is inside a term and not in a holiday', () => {
    const cal = { years: new Set([2025]), listed: new Map([['2025-09-06', 3 as const]]) };
    expect(schoolDays(cal, [{ start: '2025-09-01', end: '2025-09-07' }], [])).toEqual([
      '2025-09-01', '2025-09-02', '2025-09-03', '2025-09-04', '2025-09-05', '2025-09-06',
    ]);
    expect(schoolDays(cal, [{ start: '2025-09-01', end: '2025-09-07' }], [{ start: '2025-09-06', end: '2025-09-06' }])).toHaveLength(5);
  });

  it('2025/26 by quarters: 40 + 40 + 53 + 35 = 168 school days (counted by hand)', () => {
    const days = schoolDays(calendar, QUARTERS_2025_26, HOLIDAYS_2025_26);
    const inQuarter = QUARTERS_2025_26.map((q) => days.filter((d) => d >= q.start && d <= q.end).length);
    expect(inQuarter).toEqual([40, 40, 53, 35]);
  });

  it('eachDay walks across month and year ends', () => {
    expect(eachDay('2025-12-30', '2026-01-02')).toEqual(['2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02']);
    expect(() => eachDay('2026-02-29', '2026-03-01')).toThrow(/no such day/);
  });
});

describe('the reference table is consistent with itself', () => {
  it('has one row per item 1..26', () => {
    expect(REFERENCE.map((r) => r.item)).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
  });

  it('daily rows: the hand-picked days agree with the counter', () => {
    for (const row of REFERENCE) {
      for (const type of REFERENCE_TYPES) {
        const e = expectationFor(row.item, type);
        if (e.kind !== 'daily') continue;
        expect(e.count).toBe(e.all.length);
        for (const day of e.includes) expect(e.all, `${row.item}/${type} includes ${day}`).toContain(day);
        for (const day of e.excludes) expect(e.all, `${row.item}/${type} excludes ${day}`).not.toContain(day);
      }
    }
    expect(expectationFor(18, 'general')).toMatchObject({ kind: 'daily', count: 168 });
    expect(expectationFor(24, 'preschool')).toMatchObject({ kind: 'daily', count: 247 });
  });

  it('dated rows stay inside the reference period', () => {
    for (const row of REFERENCE) {
      for (const type of REFERENCE_TYPES) {
        const e = expectationFor(row.item, type);
        if (e.kind !== 'dates') continue;
        expect(e.dates.length, `${row.item}/${type}`).toBeGreaterThan(0);
        for (const r of e.dates) expect(r.start >= '2025-09-01' && r.end <= '2026-08-31' && r.start <= r.end).toBe(true);
      }
    }
  });
});
