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
import { loadDataset, readData, type DataLocation } from '../src/data/load.js';
import { changesBetween } from '../src/domain/changes.js';
import type { ChangeLog } from '../src/domain/change-log.js';
import { assembleDataset } from '../src/domain/documents.js';
import { OUTSIDE_COMMENT_PREFIX, outsideComment, reportedAlready, withOutsideChange } from '../src/domain/outside-change.js';
import { EventHistoryFile, serializeEventHistory, type EventHistory } from '../src/render/ics/history.js';
import { historyFor } from '../src/render/ics/index.js';
import { previousData } from './previous-data.js';

export const LEDGER_FILE = 'event-history.json';
const CHANGE_LOG_FILE = 'changes.json';

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

export interface ChangeLogStamp {
  readonly file: string;
  /** The change log the data calls for: undefined when there is none and nothing to tell. */
  readonly log?: ChangeLog;
  readonly next?: string;
  readonly current?: string;
  readonly changes: number;
  /** Why nothing was told although the data changed. */
  readonly note?: string;
}

const fileText = (json: unknown) => `${JSON.stringify(json, null, 2)}\n`;

/**
 * The change log with the change from `before` to the current data told, once: unchanged when its
 * newest entry already tells it (an earlier run, or the editor); an entry this command added
 * since `before` for the same version is replaced, so editing again and re-running tells the
 * whole change in one entry.
 */
export async function stampChangeLog(location: DataLocation, before: DataLocation, now: Date): Promise<ChangeLogStamp> {
  const file = path.join(location.dataDir, CHANGE_LOG_FILE);
  const [previous, current] = await Promise.all([readData(before), readData(location)]);
  const [was, is] = [assembleDataset(previous.documents, previous.inputs), assembleDataset(current.documents, current.inputs)];
  const currentText = await readFile(file, 'utf8').catch(() => undefined);
  const changes = changesBetween(was, is);
  const version = is.plan.meta.version;
  const unchanged = { file, ...(is.changeLog ? { log: is.changeLog } : {}), ...(currentText === undefined ? {} : { current: currentText, next: currentText }), changes: changes.length };
  if (reportedAlready(is.changeLog, version, changes)) return unchanged;
  const since = (is.changeLog?.publications ?? []).filter((p) => !was.changeLog?.publications.some((q) => q.revision === p.revision && q.at === p.at));
  const top = since[0];
  const ours = since.length === 1 && top !== undefined && top.version === version && top.comment.startsWith(OUTSIDE_COMMENT_PREFIX);
  // The editor published since `before`: the change is not all outside it, and the editor tells
  // subscribers of hand edits itself (src/admin/editor/publisher.ts).
  if (since.length > (ours ? 1 : 0)) return { ...unchanged, note: `журнал изменений ведёт редактор (публикаций после прежних данных: ${since.length}); изменение вне редактора он запишет сам` };
  const base = ours && is.changeLog ? { ...is.changeLog, publications: is.changeLog.publications.slice(1) } : is.changeLog;
  const revision = ours ? top.revision : Math.max(0, ...(is.changeLog?.publications.map((p) => p.revision) ?? [])) + 1;
  const at = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const log = withOutsideChange(base, { revision, at, version, comment: outsideComment(previous.documents, current.documents), changes }) ?? base;
  if (log === undefined) return unchanged;
  return { file, log, next: fileText(log), ...(currentText === undefined ? {} : { current: currentText }), changes: changes.length };
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
