/**
 * Converts one production calendar in the public xmlcalendar format into
 * `data/working-days/YYYY.json` (the conversion: src/data/xmlcalendar.ts).
 *
 *   npx tsx scripts/import-working-days.ts <file.xml> [--out data/working-days] [--verified]
 *
 * `--verified` states that a person compared the file with the Government's decree on
 * transferring days off for that year; the script cannot know it, so it is never the default.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { CalendarImportError, convertXmlCalendar, formatWorkingDaysYear } from '../src/data/xmlcalendar.js';
import type { WorkingDaysYear } from '../src/domain/schema.js';

export { CalendarImportError, convertXmlCalendar, formatWorkingDaysYear, type ConvertOptions } from '../src/data/xmlcalendar.js';

export const DEFAULT_OUT_DIR = 'data/working-days';

/** Reads `file`, converts it and writes `<out>/<year>.json` (the year from the file, not its name). */
export async function importWorkingDays(file: string, outDir: string, verified: boolean): Promise<{ path: string; data: WorkingDaysYear }> {
  const fileName = basename(file);
  const data = convertXmlCalendar(await readFile(file, 'utf8'), { fileName, verified });
  const named = /^(\d{4})\.xml$/.exec(fileName);
  if (named && Number(named[1]) !== data.year) {
    throw new CalendarImportError(`имя файла ${fileName} не совпадает с годом календаря ${data.year}`);
  }
  await mkdir(outDir, { recursive: true });
  const path = join(outDir, `${data.year}.json`);
  await writeFile(path, formatWorkingDaysYear(data), 'utf8');
  return { path, data };
}

const USAGE = 'использование: npx tsx scripts/import-working-days.ts <файл.xml> [--out data/working-days] [--verified]';

interface Arguments {
  readonly file: string;
  readonly outDir: string;
  readonly verified: boolean;
}

function parseArguments(argv: readonly string[]): Arguments {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: { out: { type: 'string' }, verified: { type: 'boolean' } },
    allowPositionals: true,
  });
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new Error('нужен ровно один XML-файл');
  return { file, outDir: values.out ?? DEFAULT_OUT_DIR, verified: values.verified ?? false };
}

async function main(argv: readonly string[]): Promise<number> {
  let args: Arguments;
  try {
    args = parseArguments(argv);
  } catch (error) {
    console.error(`import-working-days: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  try {
    const { path, data } = await importWorkingDays(args.file, args.outDir, args.verified);
    console.log(`${path}: ${data.year} год, особых дней: ${data.days.length}, verified=${data.verified}`);
    return 0;
  } catch (error) {
    console.error(`import-working-days: ${args.file}: ${(error as Error).message}`);
    return 1;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
