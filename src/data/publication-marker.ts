/**
 * `data/.publishing`: present while a publication renames its files into place. It lists every
 * file being replaced and the durable temporary file that replaces it, so a reader that finds it
 * knows the files on disk may be a mix of two versions: it waits while the publication is live,
 * and reads an interrupted one (its writer crashed) as completed — the temporary files are
 * complete before the marker is written — until the next publisher finishes the renames on disk.
 */
import { readFile, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';

export const MARKER_FILE = '.publishing';

/** A live publication renames a handful of files: one older than this has lost its writer. */
export const STALE_MARKER_MS = 30_000;

export interface MarkerFile {
  /** Relative to the data directory, so a replica mounting it elsewhere resolves the same files. */
  readonly target: string;
  readonly temporary: string;
}

export interface Marker {
  readonly id: string;
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
  readonly version: string;
  readonly files: readonly MarkerFile[];
}

export type MarkerState =
  | { readonly kind: 'none' }
  | { readonly kind: 'live'; readonly marker: Marker; readonly text: string }
  /** `pending`: resolved target → resolved temporary file still waiting for its rename. */
  | { readonly kind: 'interrupted'; readonly marker?: Marker; readonly text: string; readonly pending: ReadonlyMap<string, string>; readonly why: string };

/** Publications this process is running: a marker with our pid but not in here was abandoned by a failed write. */
export const publicationsInFlight = new Set<string>();

export function markerPath(dataDir: string): string {
  return path.join(dataDir, MARKER_FILE);
}

function isMarker(json: unknown): json is Marker {
  const m = json as Partial<Marker> | null;
  return (
    typeof m === 'object' && m !== null && typeof m.id === 'string' && Number.isSafeInteger(m.pid) && typeof m.host === 'string' &&
    typeof m.startedAt === 'string' && typeof m.version === 'string' && Array.isArray(m.files) &&
    m.files.every((f) => typeof f?.target === 'string' && typeof f.temporary === 'string')
  );
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Why the marker no longer stands for a running publication, or undefined while it does. */
function staleness(marker: Marker, now: number): string | undefined {
  const age = now - Date.parse(marker.startedAt);
  if (!(age <= STALE_MARKER_MS)) return `начата ${marker.startedAt}, более ${STALE_MARKER_MS / 1000} с назад`;
  if (marker.host !== hostname()) return undefined;
  if (marker.pid === process.pid) return publicationsInFlight.has(marker.id) ? undefined : 'запись этим процессом оборвалась с ошибкой';
  return processAlive(marker.pid) ? undefined : `процесс ${marker.pid} завершился`;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(() => true, () => false);
}

export async function readMarker(dataDir: string, now = Date.now()): Promise<MarkerState> {
  let text: string;
  try {
    text = await readFile(markerPath(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  // Written by rename, so never half-written: an unreadable one is not a publication of ours.
  if (!isMarker(json)) return { kind: 'interrupted', text, pending: new Map(), why: 'файл отметки повреждён' };
  const why = staleness(json, now);
  if (why === undefined) return { kind: 'live', marker: json, text };
  const pending = new Map<string, string>();
  for (const { target, temporary } of json.files) {
    const source = path.resolve(dataDir, temporary);
    if (await exists(source)) pending.set(path.resolve(dataDir, target), source);
  }
  return { kind: 'interrupted', marker: json, text, pending, why };
}

/** The log line for an interrupted publication, naming what it was and how it is being read. */
export function describeInterrupted(dataDir: string, state: Extract<MarkerState, { kind: 'interrupted' }>): string {
  const what = state.marker
    ? `публикация версии ${state.marker.version} (процесс ${state.marker.pid} на ${state.marker.host}, начата ${state.marker.startedAt})`
    : 'публикация';
  const files = state.pending.size === 0 ? 'все файлы уже на месте' : `не переименовано файлов: ${state.pending.size}, они читаются из временных`;
  return `${markerPath(dataDir)}: ${what} прервалась (${state.why}); ${files}`;
}
