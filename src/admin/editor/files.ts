/**
 * The published data on disk, as documents: reading it (through the loader's reader) and writing
 * a publication — every data file that changed, the change log and the event ledger — as one
 * switch (`writeFilesAtomic`): a reader sees the old version or the new one, never a mix.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { readData, type DataLocation, type ReadData } from '../../data/load.js';
import { describeInterrupted, MARKER_FILE, readMarker, STALE_MARKER_MS } from '../../data/publication-marker.js';
import { completeInterrupted, writeFilesAtomic, type AtomicWriteHooks } from '../../data/write-atomic.js';
import type { DataDocuments } from '../../domain/documents.js';

export const LEDGER_FILE = 'event-history.json';
export const CHANGE_LOG_FILE = 'changes.json';

export function fileText(json: unknown): string {
  return `${JSON.stringify(json, null, 2)}\n`;
}

export function readPublished(location: DataLocation, warn?: (message: string) => void): Promise<ReadData> {
  return readData(location, warn ? { warn } : {});
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
  const files: { file: string; data: string }[] = [];
  const add = (file: string, before: unknown, after: unknown) => {
    if (!isDeepStrictEqual(before, after)) files.push({ file, data: fileText(after) });
  };
  add(location.planFile, previous.plan, next.plan);
  add(path.join(location.dataDir, 'organizations.json'), previous.organizations, next.organizations);
  add(path.join(location.dataDir, 'school-years.json'), previous.schoolYears, next.schoolYears);
  for (const [name, json] of Object.entries(next.workingDays)) {
    add(path.join(location.dataDir, 'working-days', name), previous.workingDays[name], json);
  }
  files.push({ file: path.join(location.dataDir, CHANGE_LOG_FILE), data: changeLog }, { file: path.join(location.dataDir, LEDGER_FILE), data: ledger });
  const version = String((next.plan as { meta?: { version?: unknown } }).meta?.version ?? '');
  await writeFilesAtomic({ dataDir: location.dataDir, version, files }, hooks);
}

/** `.organizations.json.1a2b3c4d5e6f.tmp`: writeFileAtomic's temporary file for `organizations.json`. */
function temporaryTarget(name: string): string | undefined {
  return /^\.(.+)\.[0-9a-f]{12}\.tmp$/.exec(name)?.[1];
}

/**
 * Before publishing: finishes a publication whose writer died after its marker (the renames it
 * did not do), and removes temporary files a writer left before writing its marker. Only old
 * ones: a younger file may belong to a save running now (a school's settings).
 */
export async function recoverInterrupted(location: DataLocation, warn: (message: string) => void, now = Date.now()): Promise<void> {
  const state = await readMarker(location.dataDir, now);
  if (state.kind === 'interrupted') {
    await completeInterrupted(location.dataDir, state.pending);
    warn(`${describeInterrupted(location.dataDir, state)}; редактор завершил её`);
  }
  if (state.kind === 'live') return;
  const dataFiles = new Set(['organizations.json', 'school-years.json', LEDGER_FILE, CHANGE_LOG_FILE, MARKER_FILE]);
  const dirs: [string, (target: string) => boolean][] = [
    [path.dirname(location.planFile), (target) => target === path.basename(location.planFile)],
    [location.dataDir, (target) => dataFiles.has(target)],
    [path.join(location.dataDir, 'working-days'), (target) => target.endsWith('.json')],
  ];
  for (const [dir, ours] of dirs) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => ours(temporaryTarget(n) ?? '/'))) {
      const file = path.join(dir, name);
      const age = now - (await stat(file).then((s) => s.mtimeMs, () => now));
      if (age > STALE_MARKER_MS) {
        warn(`${file}: временный файл прерванной записи удалён`);
        await rm(file, { force: true });
      }
    }
  }
}
