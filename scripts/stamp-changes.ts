/**
 * The change-log half of `npm run stamp`: a hand edit told to subscribers as an entry by «вне
 * редактора» in data/changes.json, computed from the data as it was before (scripts/previous-data.ts).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readData, type DataLocation, type ReadData } from '../src/data/load.js';
import type { ChangeLog } from '../src/domain/change-log.js';
import { changesBetween } from '../src/domain/changes.js';
import { assembleDataset } from '../src/domain/documents.js';
import { DataError } from '../src/domain/errors.js';
import type { Dataset } from '../src/domain/model.js';
import { OUTSIDE_COMMENT_PREFIX, outsideComment, reportedAlready, withOutsideChange } from '../src/domain/outside-change.js';

const CHANGE_LOG_FILE = 'changes.json';

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
  const current = await readData(location);
  const is = assembleDataset(current.documents, current.inputs);
  const currentText = await readFile(file, 'utf8').catch(() => undefined);
  const kept = { file, ...(is.changeLog ? { log: is.changeLog } : {}), ...(currentText === undefined ? {} : { current: currentText, next: currentText }) };
  let previous: ReadData;
  let was: Dataset;
  try {
    previous = await readData(before);
    was = assembleDataset(previous.documents, previous.inputs);
  } catch (error) {
    // Fixing broken data must not need the broken version to load.
    if (!(error instanceof DataError)) throw error;
    return { ...kept, changes: 0, note: `журнал изменений (changes.json) не обновлён: прежние данные не читаются или неверны:\n${DataError.format(error.issues)}` };
  }
  const changes = changesBetween(was, is);
  const version = is.plan.meta.version;
  const unchanged = { ...kept, changes: changes.length };
  if (reportedAlready(is.changeLog, version, changes)) return unchanged;
  const since = (is.changeLog?.publications ?? []).filter((p) => !was.changeLog?.publications.some((q) => q.revision === p.revision && q.at === p.at));
  const top = since[0];
  const ours = since.length === 1 && top !== undefined && top.version === version && top.comment.startsWith(OUTSIDE_COMMENT_PREFIX);
  // The editor published since `before`: the change is not all outside it, and the editor tells
  // subscribers of hand edits itself (src/admin/editor/sync.ts).
  if (since.length > (ours ? 1 : 0)) return { ...unchanged, note: `журнал изменений ведёт редактор (публикаций после прежних данных: ${since.length}); изменение вне редактора он запишет сам` };
  const base = ours && is.changeLog ? { ...is.changeLog, publications: is.changeLog.publications.slice(1) } : is.changeLog;
  const revision = ours ? top.revision : Math.max(0, ...(is.changeLog?.publications.map((p) => p.revision) ?? [])) + 1;
  const at = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const log = withOutsideChange(base, { revision, at, version, comment: outsideComment(previous.documents, current.documents), changes }) ?? base;
  if (log === undefined) return unchanged;
  return { file, log, next: fileText(log), ...(currentText === undefined ? {} : { current: currentText }), changes: changes.length };
}
