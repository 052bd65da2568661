/** Russian wording of dates, ranges and counts for pages (dates are Moscow calendar days). */
import { DateTime } from 'luxon';
import type { IsoDate } from '../../domain/model.js';
import { MONTHS_GENITIVE } from '../../domain/vocabulary.js';

const PLAN_ZONE = 'Europe/Moscow';

function parts(date: IsoDate): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function monthGenitive(month: number): string {
  const name = MONTHS_GENITIVE[month - 1];
  if (name === undefined) throw new RangeError(`No month ${month}`);
  return name;
}

/** «1 февраля 2027 г.» */
export function formatDate(date: IsoDate): string {
  const [year, month, day] = parts(date);
  return `${day} ${monthGenitive(month)} ${year} г.`;
}

/** «1 февраля» (no year), for recurring days. */
export function formatDayMonth(month: number, day: number): string {
  return `${day} ${monthGenitive(month)}`;
}

/**
 * An inclusive range, shortened where the parts agree: «1–31 января 2027 г.»,
 * «25 октября – 2 ноября 2025 г.», «31 декабря 2025 г. – 11 января 2026 г.».
 */
export function formatRange(start: IsoDate, end: IsoDate): string {
  if (start === end) return formatDate(start);
  const [y1, m1, d1] = parts(start);
  const [y2, m2, d2] = parts(end);
  if (y1 !== y2) return `${formatDate(start)} – ${formatDate(end)}`;
  if (m1 !== m2) return `${d1} ${monthGenitive(m1)} – ${d2} ${monthGenitive(m2)} ${y2} г.`;
  return `${d1}–${d2} ${monthGenitive(m2)} ${y2} г.`;
}

/** The Moscow calendar day of an instant. */
export function moscowDate(instant: Date): IsoDate {
  const date = DateTime.fromJSDate(instant, { zone: PLAN_ZONE }).toISODate();
  if (date === null) throw new RangeError('Invalid instant');
  return date;
}

/** Russian plural form for 1 / 2–4 / 5+ («1 день», «2 дня», «7 дней»). */
export function plural(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}

/** «за 7 дней», «за 1 день», «в день срока» */
export function formatReminder(days: number): string {
  if (days === 0) return 'в день срока';
  return `за ${days} ${plural(days, 'день', 'дня', 'дней')}`;
}

/** «дошкольные организации» → «Дошкольные организации» */
export function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase('ru-RU') + text.slice(1);
}
