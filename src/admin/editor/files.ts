/**
 * The published data on disk, as documents: reading it (through the loader's reader) and writing
 * a publication — every data file that changed, then the event ledger, each atomically (temporary
 * file, fsync, rename). The ledger goes last: a reader that sees the new ledger sees new data.
 */
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { readData, type DataLocation, type ReadData } from '../../data/load.js';
import { writeFileAtomic, type AtomicWriteHooks } from '../../data/write-atomic.js';
import type { DataDocuments } from '../../domain/documents.js';

export const LEDGER_FILE = 'event-history.json';
export const CHANGE_LOG_FILE = 'changes.json';

export function fileText(json: unknown): string {
  return `${JSON.stringify(json, null, 2)}\n`;
}

export function readPublished(location: DataLocation): Promise<ReadData> {
  return readData(location);
}

/** The editable documents equal (working days included). */
export function sameDocuments(a: DataDocuments, b: DataDocuments): boolean {
  return isDeepStrictEqual(a, b);
}

/** The three documents the draft edits equal: working-day uploads never conflict with a draft. */
export function sameDraftDocuments(a: Pick<DataDocuments, 'plan' | 'organizations' | 'schoolYears'>, b: Pick<DataDocuments, 'plan' | 'organizations' | 'schoolYears'>): boolean {
  return isDeepStrictEqual([a.plan, a.organizations, a.schoolYears], [b.plan, b.organizations, b.schoolYears]);
}

export async function writePublication(
  location: DataLocation,
  previous: DataDocuments,
  next: DataDocuments,
  ledger: string,
  changeLog: string,
  hooks: AtomicWriteHooks = {},
): Promise<void> {
  const write = async (file: string, before: unknown, after: unknown) => {
    if (!isDeepStrictEqual(before, after)) await writeFileAtomic(file, fileText(after), hooks);
  };
  await write(location.planFile, previous.plan, next.plan);
  await write(path.join(location.dataDir, 'organizations.json'), previous.organizations, next.organizations);
  await write(path.join(location.dataDir, 'school-years.json'), previous.schoolYears, next.schoolYears);
  for (const [name, json] of Object.entries(next.workingDays)) {
    await write(path.join(location.dataDir, 'working-days', name), previous.workingDays[name], json);
  }
  await writeFileAtomic(path.join(location.dataDir, CHANGE_LOG_FILE), changeLog, hooks);
  await writeFileAtomic(path.join(location.dataDir, LEDGER_FILE), ledger, hooks);
}
