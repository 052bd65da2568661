/**
 * Russian wording of dates, ranges and counts for pages (dates are Moscow calendar days), with
 * the typography a Russian reader expects: non-breaking spaces between day and month and before
 * «г.», en-dash ranges, plurals from Intl.PluralRules, one school-year format («2026/27»).
 */
import { DateTime } from 'luxon';
import type { IsoDate } from '../../domain/model.js';
import { MONTHS_GENITIVE } from '../../domain/vocabulary.js';

const PLAN_ZONE = 'Europe/Moscow';
/** U+00A0: keeps «31 декабря» and «2026 г.» on one line. */
export const NBSP = '\u00a0';

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

const year = (y: number): string => `${y}${NBSP}г.`;

/** «1 февраля 2027 г.» (non-breaking spaces) */
export function formatDate(date: IsoDate): string {
  const [y, month, day] = parts(date);
  return `${formatDayMonth(month, day)} ${year(y)}`;
}

/** «1 февраля» (no year), for recurring days. */
export function formatDayMonth(month: number, day: number): string {
  return `${day}${NBSP}${monthGenitive(month)}`;
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
  if (m1 !== m2) return `${formatDayMonth(m1, d1)} – ${formatDayMonth(m2, d2)} ${year(y2)}`;
  return `${d1}–${d2}${NBSP}${monthGenitive(m2)} ${year(y2)}`;
}

/** «2025/26»: the one school-year format of every page (ids are `2025-2026`). */
export function formatSchoolYear(id: string): string {
  const match = /^(\d{4})-(\d{2})(\d{2})$/.exec(id);
  return match ? `${match[1]}/${match[3]}` : id;
}

/** The Moscow calendar day of an instant. */
export function moscowDate(instant: Date): IsoDate {
  const date = DateTime.fromJSDate(instant, { zone: PLAN_ZONE }).toISODate();
  if (date === null) throw new RangeError('Invalid instant');
  return date;
}

const PLURAL_RULES = new Intl.PluralRules('ru-RU');

/** Russian plural form by Intl.PluralRules: one / few / many («1 день», «2 дня», «7 дней»). */
export function plural(n: number, one: string, few: string, many: string): string {
  switch (PLURAL_RULES.select(n)) {
    case 'one':
      return one;
    case 'few':
      return few;
    default:
      return many;
  }
}

/** «7 дней», «1 организация»: the number and its word kept together. */
export function count(n: number, one: string, few: string, many: string): string {
  return `${n}${NBSP}${plural(n, one, few, many)}`;
}

/** «за 7 дней», «за 1 день», «в день срока» */
export function formatReminder(days: number): string {
  if (days === 0) return 'в день срока';
  return `за ${count(days, 'день', 'дня', 'дней')}`;
}

/** «дошкольные организации» → «Дошкольные организации» */
export function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase('ru-RU') + text.slice(1);
}

/**
 * Typography of text from the data (names, wordings): a non-breaking space after «№» and before
 * «г.», and quotes inside quotes as „…“ («Детский сад № 4 «Ласточка»» → «Детский сад № 4 „Ласточка“»).
 * The data keeps plain spaces and one kind of quotes, as the sources write them.
 */
export function typography(text: string): string {
  return nestQuotes(text.replace(/№\s+/g, `№${NBSP}`).replace(/ +г\./g, `${NBSP}г.`).replace(DAY_MONTH, `$1${NBSP}$2`));
}

const DAY_MONTH = new RegExp(`(\\d) +(${MONTHS_GENITIVE.join('|')})`, 'g');

/** «text», with quotes inside it turned into „…“ (the wrapping quotes are the outer ones). */
export function quoted(text: string): string {
  return typography(`«${text}»`);
}

function nestQuotes(text: string): string {
  let depth = 0;
  let out = '';
  for (const ch of text) {
    if (ch === '«') {
      out += depth === 0 ? '«' : '„';
      depth += 1;
    } else if (ch === '»' && depth > 0) {
      depth -= 1;
      out += depth === 0 ? '»' : '“';
    } else {
      out += ch;
    }
  }
  return out;
}
