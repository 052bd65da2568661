import { isIsoDate } from '../dates.js';
import type { WorkingDaysYear } from '../schema.js';
import { pointer, type Report } from './pointer.js';

/** Checks of one data/working-days/YYYY.json; `name` is the file's base name. */
export function checkWorkingDays(data: WorkingDaysYear, name: string, report: Report): void {
  const named = /^(\d{4})\.json$/.exec(name);
  if (!named) report('', `имя файла производственного календаря должно быть ГГГГ.json (год), а не ${name}`);
  else if (Number(named[1]) !== data.year) report(pointer('year'), `год ${data.year} не совпадает с именем файла ${name}`);
  // When "year" contradicts the file name, one of them is a typo: judging the dates by the name
  // reports that once instead of once per date.
  const year = named ? Number(named[1]) : data.year;

  const seen = new Map<string, number>();
  data.days.forEach((day, d) => {
    const path = pointer('days', d, 'date');
    if (!isIsoDate(day.date)) return;
    if (!day.date.startsWith(`${year}-`)) report(path, `дата ${day.date} не относится к ${year} году`);
    const first = seen.get(day.date);
    if (first !== undefined) report(path, `дата ${day.date} уже указана (${pointer('days', first)})`);
    else seen.set(day.date, d);
  });
}
