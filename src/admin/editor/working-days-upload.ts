/**
 * Uploading a production calendar in the xmlcalendar format: the one operation behind both
 * `PUT /admin/api/working-days/{year}` and the editor's upload form, so the two cannot drift.
 * Pure: the file's bytes and the published documents in, the documents to publish (or why not,
 * in Russian) out. Uploading means the methodologist checked the file against the Government's
 * decree, so the year is published as verified and replaces a provisional one.
 */
import { decodeUtf8 } from '../../data/encoding.js';
import { CalendarImportError, convertXmlCalendar } from '../../data/xmlcalendar.js';
import type { DataDocuments } from '../../domain/documents.js';
import type { WorkingDaysYear } from '../../domain/schema.js';

/** The largest file either way of uploading takes; real calendars are a few kilobytes. */
export const CALENDAR_BYTES = 1024 * 1024;

export type CalendarUpload =
  | { readonly kind: 'refused'; readonly message: string }
  | { readonly kind: 'ready'; readonly calendar: WorkingDaysYear; readonly documents: DataDocuments; readonly comment: string; readonly what: string };

/** The whole sentence a refused upload shows, the same in the API's problem and on the form. */
export const refusalDetail = (message: string) => `Производственный календарь не загружен, ничего не опубликовано: ${message}.`;

export const TOO_LARGE = `файл больше ${CALENDAR_BYTES / 1024 / 1024} МБ — это не производственный календарь`;

/**
 * `year` is the year the request names; `named` says where, for the mismatch message
 * («в адресе» for the API, «на странице» for the form).
 */
export function calendarUpload(published: DataDocuments, year: string, bytes: Uint8Array, named: string): CalendarUpload {
  if (bytes.length > CALENDAR_BYTES) return { kind: 'refused', message: TOO_LARGE };
  if (bytes.length === 0) return { kind: 'refused', message: 'файл пуст' };
  // Decoded strictly: a Windows-1251 file read as UTF-8 would publish holiday names as «���».
  const decoded = decodeUtf8(bytes);
  if ('message' in decoded) return { kind: 'refused', message: decoded.message };
  let calendar: WorkingDaysYear;
  try {
    calendar = convertXmlCalendar(decoded.text, { fileName: `${year}.xml`, verified: true });
  } catch (error) {
    if (error instanceof CalendarImportError) return { kind: 'refused', message: error.message };
    throw error;
  }
  if (String(calendar.year) !== year) return { kind: 'refused', message: `в файле календарь ${calendar.year} года, а ${named} — ${year}` };
  return {
    kind: 'ready',
    calendar,
    documents: { ...published, workingDays: { ...published.workingDays, [`${year}.json`]: calendar } },
    comment: `Производственный календарь ${year} года загружен из файла xmlcalendar`,
    what: `производственный календарь ${year}`,
  };
}

/** What a published calendar holds, for the page that confirms an upload. */
export function calendarSummary(calendar: WorkingDaysYear): { holidays: number; transfers: number; shortened: number } {
  return {
    holidays: calendar.days.filter((d) => d.holiday !== undefined).length,
    transfers: calendar.days.filter((d) => d.movedFrom !== undefined).length,
    shortened: calendar.days.filter((d) => d.type === 'shortened').length,
  };
}
