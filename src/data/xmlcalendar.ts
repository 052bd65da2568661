/**
 * Converts one production calendar in the public xmlcalendar format (xmlcalendar.ru,
 * github.com/xmlcalendar/data) into the content of `data/working-days/YYYY.json`. Used by
 * `npm run import-working-days` and by the editor's upload (`PUT /admin/api/working-days/{year}`),
 * so it lives in src and ships in the built tree.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Value } from 'typebox/value';
import { WorkingDaysYear, type WorkingDayException } from '../domain/schema.js';

const SCHEMA_REF = '../../schema/working-days.schema.json';
const DAY_TYPES = { '1': 'nonWorking', '2': 'shortened', '3': 'working' } as const;

/** The input is not a usable xmlcalendar file; the message is for the person running the import. */
export class CalendarImportError extends Error {
  override readonly name = 'CalendarImportError';
}

export interface ConvertOptions {
  /** Name of the source file as it should appear in `source` (no directories: output must not depend on them). */
  readonly fileName: string;
  readonly verified: boolean;
}

type Attributes = Record<string, string | undefined>;
interface ParsedCalendar {
  calendar?: Attributes & { holidays?: { holiday?: Attributes[] }; days?: { day?: Attributes[] } };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  isArray: (name) => name === 'holiday' || name === 'day',
});

/** Converts the text of one xmlcalendar file; throws CalendarImportError on anything malformed. */
export function convertXmlCalendar(xml: string, options: ConvertOptions): WorkingDaysYear {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new CalendarImportError(`некорректный XML (строка ${valid.err.line}): ${valid.err.msg}`);
  }
  const calendar = (parser.parse(xml) as ParsedCalendar).calendar;
  if (!calendar) throw new CalendarImportError('нет корневого элемента <calendar>');
  if (calendar.country !== undefined && calendar.country !== 'ru') {
    throw new CalendarImportError(`календарь другой страны (country="${calendar.country}"), нужен производственный календарь России`);
  }
  const year = parseYear(calendar.year);
  const generated = calendar.date === undefined ? undefined : parseGenerated(calendar.date);
  const holidays = readHolidays(calendar.holidays?.holiday ?? []);
  const days = readDays(calendar.days?.day ?? [], year, holidays);

  const result: WorkingDaysYear = {
    $schema: SCHEMA_REF,
    year,
    source:
      `Производственный календарь в формате xmlcalendar (xmlcalendar.ru, github.com/xmlcalendar/data), файл ${options.fileName}` +
      (generated ? `, сформирован ${generated.split('-').reverse().join('.')}` : ', дата формирования не указана'),
    ...(generated ? { generated } : {}),
    verified: options.verified,
    days,
  };
  if (!Value.Check(WorkingDaysYear, result)) {
    const problems = Value.Errors(WorkingDaysYear, result).map((e) => `${e.instancePath || '/'}: ${e.message}`);
    throw new CalendarImportError(`результат не соответствует схеме WorkingDaysYear: ${problems.join('; ')}`);
  }
  return result;
}

/** The committed file's exact bytes: stable key order (as built), two-space indent, final newline. */
export function formatWorkingDaysYear(data: WorkingDaysYear): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

function parseYear(raw: string | undefined): number {
  if (raw === undefined) throw new CalendarImportError('у элемента <calendar> нет атрибута year');
  if (!/^\d{4}$/.test(raw)) throw new CalendarImportError(`атрибут year="${raw}" — не год из четырёх цифр`);
  const year = Number(raw);
  if (year < 2000 || year > 2100) throw new CalendarImportError(`год ${year} вне допустимого диапазона 2000–2100`);
  return year;
}

function parseGenerated(raw: string): string {
  const m = /^(\d{4})\.(\d{2})\.(\d{2})$/.exec(raw);
  const iso = m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
  if (!iso || !isRealDate(iso)) throw new CalendarImportError(`атрибут date="${raw}" — не дата в формате ГГГГ.ММ.ДД`);
  return iso;
}

function readHolidays(elements: readonly Attributes[]): Map<string, string> {
  const titles = new Map<string, string>();
  for (const { id, title } of elements) {
    if (id === undefined || title === undefined || title.trim() === '') {
      throw new CalendarImportError('у элемента <holiday> должны быть атрибуты id и title');
    }
    if (titles.has(id)) throw new CalendarImportError(`праздник id="${id}" объявлен дважды`);
    titles.set(id, title.trim());
  }
  return titles;
}

function readDays(elements: readonly Attributes[], year: number, holidays: ReadonlyMap<string, string>): WorkingDayException[] {
  const byDate = new Map<string, WorkingDayException>();
  for (const { d, t, h, f } of elements) {
    const date = dayOfYear(d, year, 'd');
    const type = t === '1' || t === '2' || t === '3' ? DAY_TYPES[t] : undefined;
    if (!type) throw new CalendarImportError(`день ${d}: атрибут t="${t ?? ''}", ожидается 1, 2 или 3`);
    if (byDate.has(date)) throw new CalendarImportError(`день ${d} указан дважды`);
    const holiday = h === undefined ? undefined : holidays.get(h);
    if (h !== undefined && holiday === undefined) throw new CalendarImportError(`день ${d}: нет праздника с id="${h}"`);
    // `f` carries no year. Every transfer in a Russian decree stays inside the year the decree
    // covers, including January holidays moved to May or 31 December and later days moved back
    // (2024: 30 April from Saturday 2 November), so `f` is read in the calendar's own year.
    const movedFrom = f === undefined ? undefined : dayOfYear(f, year, 'f');
    if (movedFrom !== undefined && type === 'nonWorking' && !isWeekend(movedFrom)) {
      throw new CalendarImportError(`день ${d}: выходной перенесён с ${f}, но ${movedFrom} — не суббота и не воскресенье`);
    }
    byDate.set(date, {
      date,
      type,
      ...(holiday !== undefined ? { holiday } : {}),
      ...(movedFrom !== undefined ? { movedFrom } : {}),
    });
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function dayOfYear(raw: string | undefined, year: number, attribute: 'd' | 'f'): string {
  if (raw === undefined) throw new CalendarImportError('у элемента <day> нет атрибута d');
  const m = /^(\d{2})\.(\d{2})$/.exec(raw);
  const iso = m ? `${year}-${m[1]}-${m[2]}` : undefined;
  if (!iso) throw new CalendarImportError(`атрибут ${attribute}="${raw}" — не день в формате ММ.ДД`);
  if (!isRealDate(iso)) throw new CalendarImportError(`атрибут ${attribute}="${raw}": такого дня нет в ${year} году`);
  return iso;
}

function isRealDate(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function isWeekend(iso: string): boolean {
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

