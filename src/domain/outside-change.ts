/**
 * A change made outside the editor (a git pull into data/, a hand edit, a school's own settings)
 * reaches subscribers like a publication: one entry in the public change log, by «вне
 * редактора». Both paths that find such a change build it here — the editor when it next looks
 * at the disk, `npm run stamp` on an instance without the editor — and each recognizes an entry
 * the other already wrote, so a change is reported once.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Change } from './changes.js';
import { withPublication, type ChangeLog, type Publication } from './change-log.js';
import type { DataDocuments } from './documents.js';

export const OUTSIDE_AUTHOR = 'вне редактора';
export const OUTSIDE_COMMENT_PREFIX = 'Данные изменены вне редактора';

function withoutSettings(organizations: unknown): unknown {
  const list = (organizations as { organizations?: unknown } | null)?.organizations;
  if (!Array.isArray(list)) return organizations;
  return { ...(organizations as object), organizations: list.map((o: unknown) => (o !== null && typeof o === 'object' ? { ...o, settings: undefined } : o)) };
}

/** The comment of the entry: a school's own settings, or the data files themselves. */
export function outsideComment(before: DataDocuments, after: DataDocuments): string {
  const onlySettings =
    isDeepStrictEqual([before.plan, before.schoolYears, before.workingDays], [after.plan, after.schoolYears, after.workingDays]) &&
    isDeepStrictEqual(withoutSettings(before.organizations), withoutSettings(after.organizations));
  return onlySettings
    ? `${OUTSIDE_COMMENT_PREFIX}: организация изменила свои настройки`
    : `${OUTSIDE_COMMENT_PREFIX}: файлы данных исправлены вручную или получены из git`;
}

const plain = (changes: readonly unknown[]): unknown => JSON.parse(JSON.stringify(changes));

/** The log's newest entry when it already reports exactly these changes to this version. */
export function reportedAlready(log: ChangeLog | undefined, version: string, changes: readonly Change[]): Publication | undefined {
  const top = log?.publications[0];
  return top && top.version === version && isDeepStrictEqual(plain(top.changes), plain(changes)) ? top : undefined;
}

export interface OutsideEntry {
  readonly revision: number;
  readonly at: string;
  readonly version: string;
  readonly comment: string;
  readonly changes: readonly Change[];
}

/** The log with the entry first; undefined when there is nothing to tell subscribers or it is told already. */
export function withOutsideChange(log: ChangeLog | undefined, entry: OutsideEntry): ChangeLog | undefined {
  if (entry.changes.length === 0 || reportedAlready(log, entry.version, entry.changes)) return undefined;
  return withPublication(log, entry);
}
