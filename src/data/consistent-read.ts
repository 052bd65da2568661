/**
 * One read of the data set that overlapped no publication: it counts only when the publication
 * marker was absent (or stood for an interrupted publication, read as completed) both before
 * and after it, and no file was replaced or rewritten in between. A publication renames its
 * files only while its marker exists, so a read that overlapped the renames sees the marker or
 * a changed file and is repeated — bounded: past the wait it fails and the old data stays.
 */
import { stat } from 'node:fs/promises';
import { DataError } from '../domain/errors.js';
import { readError } from './json-file.js';
import { describeInterrupted, markerPath, readMarker, type MarkerState } from './publication-marker.js';

/** What identifies a file's content without reading it: replaced (rename) or rewritten, it changes. */
export async function identity(file: string): Promise<string> {
  return stat(file).then((s) => `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}`, (error: NodeJS.ErrnoException) => error.code ?? 'error');
}

function markerKey(state: MarkerState): string {
  return state.kind === 'none' ? 'none' : `${state.kind}\0${state.text}\0${state.kind === 'interrupted' ? [...state.pending].join('\0') : ''}`;
}

/** How long a load waits for a running publication (a few renames) before failing and keeping the old data. */
export const PUBLICATION_WAIT_MS = 10_000;

export interface ReadOptions {
  /** Default PUBLICATION_WAIT_MS. */
  readonly waitMs?: number;
  /** Told when an interrupted publication is read as completed (default: a process warning). */
  readonly warn?: (message: string) => void;
}

/** One attempt: each source file's identity taken before it was read, and the result. */
export type ConsistentRead<T> = { readonly sources: readonly { file: string; identity: string }[] } & ({ readonly data: T } | { readonly error: DataError });

const warnProcess = (message: string) => process.emitWarning(message, 'DataWarning');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `readOnce(pending)` reads the files, the pending ones (target → temporary file) from their temporary files. */
export async function readConsistently<T>(
  dataDir: string,
  shown: (file: string) => string,
  readOnce: (pending: ReadonlyMap<string, string>) => Promise<ConsistentRead<T>>,
  reading: ReadOptions = {},
): Promise<T> {
  const waitMs = reading.waitMs ?? PUBLICATION_WAIT_MS;
  const started = Date.now();
  const marker = () =>
    readMarker(dataDir).catch((error: unknown) => {
      throw new DataError([readError(shown(markerPath(dataDir)), error)]);
    });
  for (let attempt = 1; ; attempt++) {
    const before = await marker();
    if (before.kind !== 'live') {
      const read = await readOnce(before.kind === 'interrupted' ? before.pending : new Map());
      const after = await marker();
      const unchanged = await Promise.all(read.sources.map(async (s) => (await identity(s.file)) === s.identity));
      if (markerKey(after) === markerKey(before) && unchanged.every(Boolean)) {
        if (before.kind === 'interrupted') (reading.warn ?? warnProcess)(`${describeInterrupted(shown(dataDir), before)}; редактор завершит её при следующей публикации или запуске`);
        if ('error' in read) throw read.error;
        return read.data;
      }
    }
    if (Date.now() - started >= waitMs) {
      const seconds = `${String(waitMs / 1000).replace('.', ',')} с`;
      const message =
        before.kind === 'live'
          ? `публикация версии ${before.marker.version} (процесс ${before.marker.pid} на ${before.marker.host}, начата ${before.marker.startedAt}) не завершилась за ${seconds}; прежние данные остаются, загрузка повторится, когда она завершится`
          : `файлы данных менялись во время каждого чтения в течение ${seconds}; прежние данные остаются, загрузка повторится при следующем изменении`;
      throw new DataError([{ file: before.kind === 'live' ? shown(markerPath(dataDir)) : '', path: '', message }]);
    }
    await pause(Math.min(5 * attempt, 100));
  }
}
