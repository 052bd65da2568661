import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysInMonth,
  eachDay,
  fromDayNumber,
  isIsoDate,
  isoWeekday,
  parseIsoDate,
  schoolYearBounds,
  schoolYearOf,
  shortSchoolYear,
  toDayNumber,
  weekdayCode,
} from '../src/domain/dates.js';

describe('ISO dates', () => {
  it('accepts real days and refuses impossible or malformed ones', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-04-31')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-2-3')).toBe(false);
    expect(isIsoDate('2026-02-03T00:00')).toBe(false);
    expect(parseIsoDate('2026-01-09')?.zoneName).toBe('Europe/Moscow');
  });

  it('does day arithmetic exactly like luxon in Moscow, 1900–2100', () => {
    const day = fc.integer({ min: toDayNumber('1900-01-01'), max: toDayNumber('2100-12-31') });
    fc.assert(
      fc.property(day, fc.integer({ min: -800, max: 800 }), (n, delta) => {
        const iso = fromDayNumber(n);
        const luxon = DateTime.fromISO(iso, { zone: 'Europe/Moscow' });
        expect(luxon.isValid).toBe(true);
        expect(toDayNumber(iso)).toBe(n);
        expect(isoWeekday(iso)).toBe(luxon.weekday);
        expect(addDays(iso, delta)).toBe(luxon.plus({ days: delta }).toISODate());
      }),
      { numRuns: 2000 },
    );
  });

  it('validates without luxon exactly as luxon does', () => {
    const text = fc
      .tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
      .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    fc.assert(fc.property(text, (value) => isIsoDate(value) === (parseIsoDate(value) !== undefined)), { numRuns: 5000 });
  });

  it('knows weekdays, month lengths and school years', () => {
    expect(weekdayCode('2026-01-09')).toBe('FR');
    expect(weekdayCode('2025-11-01')).toBe('SA');
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2026, 6)).toBe(30);
    expect(schoolYearOf('2025-09-01')).toBe('2025-2026');
    expect(schoolYearOf('2026-08-31')).toBe('2025-2026');
    expect(schoolYearOf('2026-09-01')).toBe('2026-2027');
    expect(schoolYearBounds('2025-2026')).toEqual({ start: '2025-09-01', end: '2026-08-31' });
    expect(shortSchoolYear('2025-2026')).toBe('2025/26');
    expect(shortSchoolYear('2099-2100')).toBe('2099/00');
  });

  it('iterates days inclusively across a year boundary, nothing when reversed', () => {
    expect([...eachDay('2025-12-30', '2026-01-02')]).toEqual(['2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02']);
    expect([...eachDay('2026-01-02', '2026-01-01')]).toEqual([]);
    expect([...eachDay('2024-02-28', '2024-03-01')]).toHaveLength(3);
  });
});
