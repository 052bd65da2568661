/**
 * Rewrites the event ledger (data/event-history.json) for the current data: every event of
 * every feed gets its content hash, and SEQUENCE/LAST-MODIFIED rise where the content changed.
 * Run it after every data change and commit the ledger with the data. When the data as it was
 * before is known (`--before DIR`, or git's HEAD), the change is also told to subscribers: an
 * entry by «вне редактора» in data/changes.json (/changes, the Atom feeds, «Изменено…» notes).
 *
 *   npx tsx scripts/stamp-history.ts                      write data/event-history.json (and changes.json)
 *   npx tsx scripts/stamp-history.ts --check              exit 1 when the committed ledger or change log is stale
 *   npx tsx scripts/stamp-history.ts --plan P --data D    other data location (ledger: D/event-history.json)
 *   npx tsx scripts/stamp-history.ts --before DIR         the previous data: DIR/plan.json, DIR/data/ (default: git HEAD)
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Value } from 'typebox/value';
import { loadDataset, type DataLocation } from '../src/data/load.js';
import type { ChangeLog } from '../src/domain/change-log.js';
import { EventHistoryFile, serializeEventHistory, type EventHistory } from '../src/render/ics/history.js';
import { historyFor } from '../src/render/ics/index.js';
import { previousData } from './previous-data.js';
import { stampChangeLog, type ChangeLogStamp } from './stamp-changes.js';

export const LEDGER_FILE = 'event-history.json';

/** The ledger file's current text and events, or undefined when there is none yet. */
async function readLedger(file: string): Promise<{ text: string; events: EventHistory } | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const json: unknown = JSON.parse(text);
  if (!Value.Check(EventHistoryFile, json)) {
    const first = Value.Errors(EventHistoryFile, json)[0];
    throw new Error(`${file}: ${first?.instancePath || '/'}: журнал событий повреждён (${first?.message ?? 'неверная структура'})`);
  }
  return { text, events: json.events };
}

/** The ledger text the current data calls for, and the text on disk (undefined when absent). */
export async function stampLedger(planFile: string, dataDir: string, changeLog?: ChangeLog): Promise<{ file: string; next: string; current?: string }> {
  const file = path.join(dataDir, LEDGER_FILE);
  const [data, ledger] = await Promise.all([loadDataset({ planFile, dataDir }), readLedger(file)]);
  // The change log's «Изменено…» notes are part of the events: stamped as they will be served.
  const next = serializeEventHistory(historyFor(changeLog ? { ...data, changeLog } : data, ledger?.events));
  return ledger === undefined ? { file, next } : { file, next, current: ledger.text };
}

function option(argv: readonly string[], name: string, fallback: string): string {
  const index = argv.indexOf(name);
  return index >= 0 && argv[index + 1] !== undefined ? (argv[index + 1] as string) : fallback;
}

async function changeLogStamp(location: DataLocation, argv: readonly string[]): Promise<ChangeLogStamp | string> {
  const before = argv.includes('--before') ? option(argv, '--before', '') : undefined;
  const previous = await previousData(location, before);
  if (!previous) return 'журнал изменений (changes.json) не обновлён: прежние данные неизвестны — укажите --before КАТАЛОГ или храните данные в git';
  try {
    return await stampChangeLog(location, previous.location, new Date());
  } finally {
    await previous.cleanup();
  }
}

/** The command: its exit code; what it says goes to the console. */
export async function main(argv: readonly string[]): Promise<number> {
  const location = { planFile: option(argv, '--plan', 'plan.json'), dataDir: option(argv, '--data', 'data') };
  const changeLog = await changeLogStamp(location, argv);
  const told = typeof changeLog === 'string' ? undefined : changeLog;
  const { file, next, current } = await stampLedger(location.planFile, location.dataDir, told?.log);
  const stale = [...(current === next ? [] : [file]), ...(told && told.next !== told.current ? [told.file] : [])];
  if (argv.includes('--check')) {
    if (stale.length === 0) return 0;
    console.error(`${stale.join(', ')} ${stale.length > 1 ? 'устарели' : 'устарел'}: данные изменились. Выполните: npm run stamp`);
    return 1;
  }
  if (typeof changeLog === 'string' || told?.note) console.log(typeof changeLog === 'string' ? changeLog : told?.note);
  if (told?.next !== undefined && told.next !== told.current) {
    await writeFile(told.file, told.next);
    console.log(`${told.file}: записано изменение вне редактора (изменений: ${told.changes})`);
  }
  if (current !== next) await writeFile(file, next);
  console.log(current === next ? `${file}: без изменений` : `${file}: обновлён`);
  return 0;
}

const invokedAsScript = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedAsScript) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 2;
    },
  );
}
