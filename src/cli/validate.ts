/**
 * `npm run validate`: checks plan.json and data/ the way the server does at start-up and prints
 * either a summary or every problem as `file: /json/pointer: message`. Exit code 0 when the data
 * is valid, 1 when it is not, 2 for bad arguments.
 */
import { parseArgs } from 'node:util';
import { loadDataset } from '../data/load.js';
import { DataError } from '../domain/errors.js';
import type { Dataset } from '../domain/model.js';
import { plural } from '../render/html/format.js';
import { isEntryPoint } from './entry.js';

const USAGE = 'Использование: validate [--plan plan.json] [--data data]';

/** «OK: план 2026.1+ab12cd34ef, 26 пунктов, 22 организации, учебные годы 2025-2026, 2026-2027, …» */
export function summary(data: Dataset): string {
  const years = data.schoolYears.years.map((y) => y.id).join(', ');
  const calendarYears = data.workingDays.map((w) => w.year);
  const production =
    calendarYears.length === 0 ? 'производственного календаря нет' : `производственный календарь ${calendarYears[0]}–${calendarYears.at(-1)}`;
  const items = data.plan.items.length;
  const organizations = data.registry.organizations.length;
  return (
    `OK: план ${data.version}, ${items} ${plural(items, 'пункт', 'пункта', 'пунктов')}, ` +
    `${organizations} ${plural(organizations, 'организация', 'организации', 'организаций')}, учебные годы ${years}, ${production}`
  );
}

export async function main(argv: readonly string[], out = console.log, err = console.error): Promise<number> {
  let options: { plan: string; data: string };
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { plan: { type: 'string', default: 'plan.json' }, data: { type: 'string', default: 'data' } },
      strict: true,
      allowPositionals: false,
    });
    options = { plan: values.plan, data: values.data };
  } catch (error) {
    err(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  try {
    out(summary(await loadDataset({ planFile: options.plan, dataDir: options.data })));
    return 0;
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    err(error.message);
    err(`Найдено проблем: ${error.issues.length}`);
    return 1;
  }
}

if (isEntryPoint(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
