import type { DateRange, TermCalendar } from '../schema.js';
import { isIsoDate } from '../dates.js';
import { pointer, type Report } from './pointer.js';

/**
 * The window a school year's dates must fall into. Terms may start in late August (some schools
 * begin before 1 September when it falls on a weekend or by their own schedule).
 */
export function schoolYearWindow(startYear: number): { first: string; last: string } {
  return { first: `${startYear}-08-15`, last: `${startYear + 1}-08-31` };
}

/** `2025-2026` → 2025; undefined unless the second year follows the first. */
export function schoolYearStart(id: string): number | undefined {
  const m = /^(\d{4})-(\d{4})$/.exec(id);
  return m && Number(m[2]) === Number(m[1]) + 1 ? Number(m[1]) : undefined;
}

function checkRange(range: DateRange, startYear: number, path: string, report: Report): boolean {
  if (!isIsoDate(range.start) || !isIsoDate(range.end)) return false;
  if (range.end < range.start) {
    report(path + pointer('end'), `«${range.name}»: окончание ${range.end} раньше начала ${range.start}`);
    return false;
  }
  const { first, last } = schoolYearWindow(startYear);
  if (range.start < first) {
    report(path + pointer('start'), `«${range.name}» начинается ${range.start} — раньше учебного года ${startYear}-${startYear + 1} (${first} – ${last})`);
  }
  if (range.end > last) {
    report(path + pointer('end'), `«${range.name}» заканчивается ${range.end} — позже учебного года ${startYear}-${startYear + 1} (${first} – ${last})`);
  }
  return true;
}

/** Terms in order and not overlapping, every date inside the school year, no range ending before it starts. */
export function checkTermCalendar(calendar: TermCalendar, startYear: number, path: string, report: Report): void {
  let previous: DateRange | undefined;
  calendar.terms.forEach((term, t) => {
    const termPath = path + pointer('terms', t);
    if (!checkRange(term, startYear, termPath, report)) return;
    if (previous && term.start <= previous.end) {
      const what = term.start < previous.start ? 'периоды перечислены не по порядку' : 'периоды пересекаются';
      report(termPath + pointer('start'), `«${term.name}» начинается ${term.start}, а предыдущий период «${previous.name}» заканчивается ${previous.end}: ${what}`);
    }
    previous = term;
  });
  calendar.holidays.forEach((holiday, h) => checkRange(holiday, startYear, path + pointer('holidays', h), report));
}

/** The last day of the last term, or undefined when a date is invalid. */
export function lastTermEnd(calendar: TermCalendar): string | undefined {
  const ends = calendar.terms.map((t) => t.end);
  return ends.every(isIsoDate) ? ends.sort().at(-1) : undefined;
}
