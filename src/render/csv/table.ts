/**
 * CSV for Excel and Google Sheets (csv-stringify): UTF-8 with a BOM so Excel reads Cyrillic,
 * `;` as the Russian Excel default separator, CRLF and quoting as RFC 4180 asks. A cell that a
 * spreadsheet would run as a formula (starting with = + - @, or a tab or CR) is prefixed with
 * an apostrophe, so a hostile organization name stays text.
 */
import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | boolean | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell as text a spreadsheet keeps as text. */
export function inertCell(value: CsvCell): string {
  if (value === undefined) return '';
  const text = String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A header row of `columns` (the JSON field names) and one row per record. */
export function csvTable<C extends string>(columns: readonly C[], rows: readonly Readonly<Record<C, CsvCell>>[]): string {
  return stringify(
    rows.map((row) => columns.map((column) => inertCell(row[column]))),
    { bom: true, delimiter: ';', record_delimiter: 'windows', header: true, columns: [...columns] },
  );
}
