import type { SchoolYears, TermSystemId } from '../schema.js';
import { isIsoDate } from '../dates.js';
import { pointer, type Report } from './pointer.js';
import { checkTermCalendar, lastTermEnd, schoolYearStart } from './term-calendar.js';

/** Checks of data/school-years.json that its schema cannot express. */
export function checkSchoolYears(data: SchoolYears, report: Report): void {
  const seen = new Map<string, number>();
  data.years.forEach((year, i) => {
    const idPath = pointer('years', i, 'id');
    const first = seen.get(year.id);
    if (first !== undefined) report(idPath, `учебный год ${year.id} уже описан (${pointer('years', first)})`);
    else seen.set(year.id, i);

    const start = schoolYearStart(year.id);
    if (start === undefined) {
      report(idPath, `учебный год ${year.id}: второй год должен быть следующим за первым, например 2025-2026`);
      return;
    }
    const ends: string[] = [];
    for (const [system, calendar] of Object.entries(year.systems) as [TermSystemId, (typeof year.systems)[TermSystemId]][]) {
      if (!calendar) continue;
      checkTermCalendar(calendar, start, pointer('years', i, 'systems', system), report);
      const end = lastTermEnd(calendar);
      if (end) ends.push(end);
    }
    const yearEnd = ends.sort().at(-1);
    const latest = `${start + 1}-12-31`;
    year.finalAttestation?.forEach((period, p) => {
      if (!isIsoDate(period.end)) return;
      const path = pointer('years', i, 'finalAttestation', p, 'end');
      if (yearEnd && period.end <= yearEnd) {
        report(path, `«${period.name}» заканчивается ${period.end} — не позже окончания учебного года (${yearEnd}); итоговая аттестация идёт после последнего учебного периода`);
      } else if (period.end > latest) {
        report(path, `«${period.name}» заканчивается ${period.end} — позже ${latest}: это уже не итоговая аттестация учебного года ${year.id}`);
      }
    });
  });
}
