/**
 * The pure half of «a form submitted unchanged changes nothing» (the browser half is
 * test/browser/editor-forms-unchanged.test.ts): what a form shows, saved back, is the data.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { dayRowsOf, handMarkedYear } from '../src/admin/editor/working-days-form.js';
import { copiedFromPrevious, formOf, withForm } from '../src/admin/editor/school-year-form.js';
import type { TermSystemId, WorkingDaysYear } from '../src/domain/schema.js';

const schoolYears = JSON.parse(await readFile('data/school-years.json', 'utf8'));
const CALENDARS: [string, TermSystemId][] = [['2025-2026', 'quarters'], ['2025-2026', 'trimesters'], ['2025-2026', 'halfYears'], ['2026-2027', 'quarters'], ['2026-2027', 'halfYears']];

describe('the school-year form saved unchanged', () => {
  it.each(CALENDARS)('%s %s: the document stays as it was (source kept, marks row by row)', (year, system) => {
    expect(withForm(schoolYears, formOf(schoolYears, year, system))).toEqual(schoolYears);
  });

  it('marks a confirmed row provisional once its dates change in a calendar not confirmed as a whole', () => {
    const form = formOf(schoolYears, '2025-2026', 'trimesters');
    const confirmed = form.holidays.findIndex((h) => h.confirmedDates !== undefined);
    const holidays = form.holidays.map((h, i) => (i === confirmed ? { ...h, end: '2026-04-20' } : h));
    const saved = withForm(schoolYears, { ...form, holidays }) as typeof schoolYears;
    const calendar = saved.years[0].systems.trimesters;
    expect(calendar.holidays[confirmed]).toMatchObject({ end: '2026-04-20', provisional: true });
    expect(calendar.holidays.filter((h: { provisional?: boolean }) => !h.provisional)).toHaveLength(0);
  });

  it('copies the previous year with no row confirmed', () => {
    const copied = copiedFromPrevious(schoolYears, '2026-2027', 'quarters')!;
    expect([...copied.terms, ...copied.holidays].every((r) => r.confirmedDates === undefined)).toBe(true);
  });
});

describe('the working-days form saved unchanged', () => {
  it.each([2024, 2025, 2026, 2027])('%i: every day, and the file’s generation date, kept', async (year) => {
    const file = JSON.parse(await readFile(`data/working-days/${year}.json`, 'utf8')) as WorkingDaysYear;
    const { source: _source, verified: _verified, ...marked } = handMarkedYear(year, dayRowsOf(file), file);
    const { source: _was, verified: _wasVerified, ...before } = file;
    expect(JSON.stringify(marked)).toBe(JSON.stringify(before));
  });
});
