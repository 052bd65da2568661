/**
 * Transfers marked by hand: one year's production calendar as rows of exception days (a day off,
 * a working day, a shortened one), the alternative to uploading an xmlcalendar file. Pure. Like an
 * upload, saving it means the methodologist checked it against the Government's decree: the year is
 * published as verified and replaces a provisional one.
 */
import { DateTime } from 'luxon';
import { Value } from 'typebox/value';
import { TEXT_PATTERN, WorkingDaysYear, type WorkingDayException } from '../../domain/schema.js';
import type { FormBody } from './school-year-form.js';

export const DAY_TYPES = {
  nonWorking: 'выходной (нерабочий день)',
  working: 'рабочий (перенесённый выходной)',
  shortened: 'сокращённый предпраздничный',
} as const satisfies Record<WorkingDayException['type'], string>;
type DayType = keyof typeof DAY_TYPES;

export interface DayRow {
  readonly date: string;
  readonly type: string;
  readonly holiday: string;
  readonly movedFrom: string;
}

const HAND_SOURCE = 'Переносы отмечены вручную в редакторе календаря';
const MAX_ROWS = 120;

export function dayRowsOf(year: WorkingDaysYear | undefined): DayRow[] {
  return (year?.days ?? []).map((d) => ({ date: d.date, type: d.type, holiday: d.holiday ?? '', movedFrom: d.movedFrom ?? '' }));
}

export function dayRowsFromBody(body: FormBody): DayRow[] {
  const rows: DayRow[] = [];
  for (let i = 0; i < MAX_ROWS; i += 1) {
    const [date, type, holiday, movedFrom] = ['date', 'type', 'holiday', 'movedFrom'].map((f) => (body[`days.${i}.${f}`] ?? '').trim()) as [string, string, string, string];
    if (date === '' && holiday === '' && movedFrom === '') continue;
    rows.push({ date, type, holiday, movedFrom });
  }
  return rows;
}

const TEXT = new RegExp(TEXT_PATTERN);
const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid;

/** Problems by input name (`days.3.date`): a wrong row is shown next to its field, nothing published. */
export function dayProblems(year: number, rows: readonly DayRow[]): Map<string, string> {
  const problems = new Map<string, string>();
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    if (!isDate(r.date)) problems.set(`days.${i}.date`, `«${r.date}» — не дата: нужна дата ГГГГ-ММ-ДД`);
    else if (!r.date.startsWith(`${year}-`)) problems.set(`days.${i}.date`, `${r.date} — не ${year} год`);
    else if (seen.has(r.date)) problems.set(`days.${i}.date`, `${r.date} уже отмечен выше: у дня одна отметка`);
    seen.add(r.date);
    if (!Object.hasOwn(DAY_TYPES, r.type)) problems.set(`days.${i}.type`, 'выберите, каким стал день');
    if (r.holiday !== '' && !TEXT.test(r.holiday)) problems.set(`days.${i}.holiday`, 'в названии недопустимые управляющие символы');
    if (r.movedFrom !== '' && !isDate(r.movedFrom)) problems.set(`days.${i}.movedFrom`, `«${r.movedFrom}» — не дата: нужна дата ГГГГ-ММ-ДД`);
  });
  return problems;
}

/** The year's file as the marked rows make it (call only when `dayProblems` found none). */
export function handMarkedYear(year: number, rows: readonly DayRow[], previous: WorkingDaysYear | undefined): WorkingDaysYear {
  const basis = previous && !previous.source.startsWith(HAND_SOURCE) ? `; основа — ${previous.source}` : previous ? previous.source.slice(HAND_SOURCE.length) : '';
  const days = [...rows]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((r): WorkingDayException => ({ date: r.date, type: r.type as DayType, ...(r.holiday ? { holiday: r.holiday } : {}), ...(r.movedFrom ? { movedFrom: r.movedFrom } : {}) }));
  const result: WorkingDaysYear = { $schema: '../../schema/working-days.schema.json', year, source: `${HAND_SOURCE}${basis}`, ...(previous?.generated ? { generated: previous.generated } : {}), verified: true, days };
  if (!Value.Check(WorkingDaysYear, result)) throw new Error(`hand-marked working days of ${year} do not match the schema`);
  return result;
}
