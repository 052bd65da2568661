/**
 * Provisional production calendars for years without a Government decree, from Labour Code
 * art. 112: the fixed holidays are certain; a holiday on a Saturday or Sunday moves its day
 * off to the next working day, except the January ones, whose days the decree places (unknown
 * until it is out). See shared/reference/domain.md §4.
 */
import { addDays, isoDate, isoWeekday } from '../dates.js';
import type { IsoDate } from '../model.js';
import type { WorkingDayException, WorkingDaysYear } from '../schema.js';

const NEW_YEAR = 'Новогодние каникулы';

/** Art. 112 p. 1, by month and day. */
const HOLIDAYS: readonly (readonly [number, number, string])[] = [
  [1, 1, NEW_YEAR],
  [1, 2, NEW_YEAR],
  [1, 3, NEW_YEAR],
  [1, 4, NEW_YEAR],
  [1, 5, NEW_YEAR],
  [1, 6, NEW_YEAR],
  [1, 7, 'Рождество Христово'],
  [1, 8, NEW_YEAR],
  [2, 23, 'День защитника Отечества'],
  [3, 8, 'Международный женский день'],
  [5, 1, 'Праздник Весны и Труда'],
  [5, 9, 'День Победы'],
  [6, 12, 'День России'],
  [11, 4, 'День народного единства'],
];

const generated = new WeakSet<WorkingDaysYear>();

/** True for a year built by {@link provisionalWorkingDays} rather than read from a decree's file. */
export function isGeneratedWorkingYear(year: WorkingDaysYear): boolean {
  return generated.has(year);
}

/** Why a production-calendar year is not final. */
export function workingYearReason(year: WorkingDaysYear): string {
  return isGeneratedWorkingYear(year)
    ? `производственный календарь ${year.year} года ещё не утверждён (выходные — по ст. 112 ТК РФ, переносы январских выходных неизвестны)`
    : `производственный календарь ${year.year} года не сверен с постановлением Правительства`;
}

export function provisionalWorkingDays(year: number): WorkingDaysYear {
  const off = new Map<IsoDate, WorkingDayException>();
  for (const [month, day, holiday] of HOLIDAYS) {
    const date = isoDate(year, month, day);
    off.set(date, { date, type: 'nonWorking', holiday });
  }
  for (const [month, day] of HOLIDAYS) {
    const date = isoDate(year, month, day);
    if (month === 1 || isoWeekday(date) < 6) continue;
    let moved = addDays(date, 1);
    while (isoWeekday(moved) >= 6 || off.has(moved)) moved = addDays(moved, 1);
    off.set(moved, { date: moved, type: 'nonWorking', movedFrom: date });
  }
  const result: WorkingDaysYear = {
    year,
    source: `Предварительный производственный календарь ${year} года по ст. 112 Трудового кодекса РФ: постановление Правительства ещё не издано`,
    verified: false,
    days: [...off.values()].sort((a, b) => (a.date < b.date ? -1 : 1)),
  };
  generated.add(result);
  return result;
}
