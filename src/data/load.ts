/**
 * Reads plan.json and data/ and hands them to the pure validator. All files are read before
 * anything is built, so a caller gets either a complete new data set or a `DataError` listing
 * every problem in every file — a reload never sees half-edited data. Nor a half-done
 * publication: the read is repeated until no publication was running and no file changed
 * between its start and its end (`readData`).
 */
import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { DataError, type DataIssue } from '../domain/errors.js';
import type { Dataset } from '../domain/model.js';
import { assembleDataset, type AssemblyInputs, type DataDocuments } from '../domain/documents.js';
import { findIssues, type JsonFile } from '../domain/validate.js';
import { parseJson, readBytes, readError } from './json-file.js';
import { identity, readConsistently, type ConsistentRead, type ReadOptions } from './consistent-read.js';
import { MARKER_FILE } from './publication-marker.js';

export { PUBLICATION_WAIT_MS, type ReadOptions } from './consistent-read.js';

/** Optional: without it every event is new (SEQUENCE 0); see src/render/ics/history.ts. */
const EVENT_HISTORY = 'event-history.json';
/** Optional: written by the editor with each publication (src/domain/change-log.ts). */
const CHANGE_LOG = 'changes.json';

export interface DataLocation {
  /** plan.json */
  readonly planFile: string;
  /** The directory with organizations.json, school-years.json and working-days/. */
  readonly dataDir: string;
}

/** What the data set is read from, for a watcher: fixed files, and directories whose *.json files all count. */
export function dataFiles(options: DataLocation): { readonly files: readonly string[]; readonly directories: readonly string[] } {
  return {
    files: [
      options.planFile,
      path.join(options.dataDir, 'organizations.json'),
      path.join(options.dataDir, 'school-years.json'),
      path.join(options.dataDir, EVENT_HISTORY),
      path.join(options.dataDir, CHANGE_LOG),
      // Its removal ends a publication: the reload it triggers reads the complete new version.
      path.join(options.dataDir, MARKER_FILE),
    ],
    directories: [path.join(options.dataDir, 'working-days')],
  };
}

/** Names files relative to the working directory when they are under it, as the issues show them. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), path.resolve(file));
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : path.resolve(file);
}

async function workingDayFiles(dir: string, issues: DataIssue[]): Promise<string[]> {
  try {
    const names = await readdir(dir);
    return names.filter((n) => n.endsWith('.json')).sort().map((n) => path.join(dir, n));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    issues.push(code === 'ENOENT' ? { file: shown(dir), path: '', message: 'каталог производственных календарей не найден' } : readError(shown(dir), error));
    return [];
  }
}

async function isDirectory(dir: string): Promise<boolean> {
  return stat(dir).then((s) => s.isDirectory(), () => false);
}

interface Entry {
  /** Name in the version hash: independent of where the data directory is. */
  readonly name: string;
  readonly file: string;
  readonly bytes?: Buffer;
  readonly json?: unknown;
  readonly mtimeMs?: number;
}

// Issues are collected per entry and appended in file order, not in the order reads finish:
// the same broken data must always be reported the same way.
// `source` is where the bytes are: the file itself, or the temporary file of an interrupted publication.
async function readEntry(name: string, file: string, source: string): Promise<Entry & { readonly issues: readonly DataIssue[] }> {
  const issues: DataIssue[] = [];
  const read = await readBytes(source);
  if ('issue' in read) return { name, file, issues: [{ ...read.issue, file }] };
  const parsed = parseJson(file, read.bytes);
  if ('issue' in parsed) issues.push(parsed.issue);
  return { name, file, issues, bytes: read.bytes, json: 'json' in parsed ? parsed.json : undefined, mtimeMs: read.mtimeMs };
}

/** The later of the plan's `updated` and the newest file, to the second (HTTP dates carry seconds). */
function modifiedOf(entries: readonly Entry[], updated: string): string {
  const newest = Math.max(Date.parse(updated), ...entries.map((e) => e.mtimeMs ?? 0));
  return new Date(Math.floor(newest / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(() => true, () => false);
}

/** `plan.meta.version` + the first 10 hex digits of a SHA-256 over every file's name and bytes. */
function versionOf(entries: readonly Entry[], planJson: unknown): string {
  const hash = createHash('sha256');
  for (const { name, bytes } of entries) {
    hash.update(`${name}\0${bytes?.length ?? -1}\0`);
    if (bytes) hash.update(bytes);
  }
  const meta = (planJson as { meta?: { version?: unknown } } | undefined)?.meta;
  return `${typeof meta?.version === 'string' ? meta.version : ''}+${hash.digest('hex').slice(0, 10)}`;
}

/** The files as read: their documents, the ledger, and the inputs of the assembly. */
export interface ReadData {
  readonly documents: DataDocuments;
  readonly inputs: AssemblyInputs;
}

interface Named {
  readonly name: string;
  readonly file: string;
  readonly source: string;
}

/** The files of the data set as they are now; a publication's pending files are read from their temporary files. */
async function namedFiles(options: DataLocation, pending: ReadonlyMap<string, string>, issues: DataIssue[]): Promise<Named[]> {
  const { dataDir } = options;
  const haveDataDir = await isDirectory(dataDir);
  if (!haveDataDir) issues.push({ file: shown(dataDir), path: '', message: 'каталог данных не найден' });
  const workingDaysDir = path.join(dataDir, 'working-days');
  const added = [...pending.keys()].filter((f) => path.dirname(f) === path.resolve(workingDaysDir) && f.endsWith('.json'));
  const workingDays = haveDataDir ? [...new Set([...(await workingDayFiles(workingDaysDir, issues)).map((f) => path.resolve(f)), ...added])].sort() : [];
  const optional = async (name: string) => {
    const file = path.join(dataDir, name);
    return haveDataDir && (pending.has(path.resolve(file)) || (await exists(file))) ? [{ name, file }] : [];
  };
  const named: { name: string; file: string }[] = [
    { name: 'plan.json', file: options.planFile },
    ...(haveDataDir ? ['organizations.json', 'school-years.json'].map((n) => ({ name: n, file: path.join(dataDir, n) })) : []),
    ...workingDays.map((file) => ({ name: `working-days/${path.basename(file)}`, file })),
    ...(await optional(EVENT_HISTORY)),
    ...(await optional(CHANGE_LOG)),
  ];
  return named.map(({ name, file }) => ({ name, file: shown(file), source: pending.get(path.resolve(file)) ?? file }));
}

/**
 * Reads every file of the data set; throws `DataError` when one cannot be read or parsed (with
 * every problem the readable files have too). Validation is left to `assembleDataset`. The read
 * is repeated until it overlapped no publication and no file change (src/data/consistent-read.ts).
 */
export function readData(options: DataLocation, reading: ReadOptions = {}): Promise<ReadData> {
  return readConsistently(options.dataDir, shown, (pending) => readOnce(options, pending), reading);
}

async function readOnce(options: DataLocation, pending: ReadonlyMap<string, string>): Promise<ConsistentRead<ReadData>> {
  const issues: DataIssue[] = [];
  const named = await namedFiles(options, pending, issues);
  // Taken before each read and compared after all of them (readData).
  const sources = await Promise.all(named.map(async ({ source }) => ({ file: source, identity: await identity(source) })));
  const entries = await Promise.all(named.map(({ name, file, source }) => readEntry(name, file, source)));
  try {
    return { sources, data: assemble(options, entries, issues) };
  } catch (error) {
    if (error instanceof DataError) return { sources, error };
    throw error;
  }
}

function assemble(options: DataLocation, entries: readonly (Entry & { readonly issues: readonly DataIssue[] })[], issues: DataIssue[]): ReadData {
  const { dataDir } = options;
  issues.push(...entries.flatMap((e) => e.issues));
  const json = (name: string): JsonFile | undefined => {
    const entry = entries.find((e) => e.name === name);
    return entry?.json !== undefined ? { file: entry.file, json: entry.json } : undefined;
  };
  const files = {
    plan: json('plan.json'),
    registry: json('organizations.json'),
    schoolYears: json('school-years.json'),
    workingDays: entries.filter((e) => e.name.startsWith('working-days/') && e.json !== undefined).map((e) => ({ file: e.file, json: e.json })),
    eventHistory: json(EVENT_HISTORY),
  };
  if (issues.length > 0 || !files.plan || !files.registry || !files.schoolYears) {
    throw new DataError([...issues, ...findIssues(files)]);
  }
  const documents: DataDocuments = {
    plan: files.plan.json,
    organizations: files.registry.json,
    schoolYears: files.schoolYears.json,
    workingDays: Object.fromEntries(entries.filter((e) => e.name.startsWith('working-days/') && e.json !== undefined).map((e) => [path.basename(e.name), e.json])),
  };
  const names = {
    plan: files.plan.file,
    organizations: files.registry.file,
    schoolYears: files.schoolYears.file,
    workingDays: shown(path.join(dataDir, 'working-days')),
    ledger: shown(path.join(dataDir, EVENT_HISTORY)),
    changeLog: shown(path.join(dataDir, CHANGE_LOG)),
  };
  const changeLog = json(CHANGE_LOG);
  const updated = (files.plan.json as { meta?: { updated?: unknown } }).meta?.updated;
  const modified = typeof updated === 'string' && !Number.isNaN(Date.parse(updated)) ? modifiedOf(entries, updated) : undefined;
  const inputs: AssemblyInputs = {
    version: versionOf(entries, files.plan.json),
    names,
    ...(modified === undefined ? {} : { modified }),
    ...(files.eventHistory ? { ledger: files.eventHistory.json } : {}),
    ...(changeLog ? { changeLog: changeLog.json } : {}),
  };
  return { documents, inputs };
}

/** Reads and validates the whole data set; throws `DataError` with every issue found. */
export async function loadDataset(options: DataLocation, reading: ReadOptions = {}): Promise<Dataset> {
  const { documents, inputs } = await readData(options, reading);
  const dataset = assembleDataset(documents, inputs);
  // The plan's `updated` is only known to be a date once the plan has been validated.
  return inputs.modified === undefined ? { ...dataset, modified: modifiedOf([], dataset.plan.meta.updated) } : dataset;
}
