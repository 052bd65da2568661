import { DataError } from '../domain/errors.js';
import type { Dataset } from '../domain/model.js';

export type DatasetLoader = () => Promise<Dataset>;

export interface ReloadFailure {
  readonly error: DataError;
  readonly at: Date;
}

export type ReloadResult =
  | { readonly ok: true; readonly version: string; readonly changed: boolean }
  | { readonly ok: false; readonly error: DataError };

/** One consistent view: the data set being served and when it was loaded. */
export interface DataSnapshot {
  readonly dataset: Dataset;
  readonly loadedAt: Date;
}

export interface DataStore {
  /**
   * The data set being served. A request reads this once at its start and uses that object
   * throughout, so a reload in the middle of a request cannot mix two versions.
   */
  readonly current: Dataset;
  readonly snapshot: DataSnapshot;
  /** Set when the latest reload failed (the previous data is still served); cleared by a good one. */
  readonly lastReloadError: ReloadFailure | undefined;
  /** Loads the files again; on success swaps the data set in, on failure keeps the old one. */
  reload(): Promise<ReloadResult>;
}

export interface DataStoreOptions {
  readonly clock?: () => Date;
}

// A loader bug or an I/O error that the loader did not turn into a DataError must still be
// reported through /healthz rather than crash the watcher.
function asDataError(error: unknown): DataError {
  if (error instanceof DataError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new DataError([{ file: '', path: '', message: `Ошибка загрузки данных: ${message}` }]);
}

/**
 * Loads the data once (throwing the loader's DataError when the data is invalid: the service
 * must not start on bad data) and returns a store that reloads on demand.
 */
export async function createDataStore(loader: DatasetLoader, options: DataStoreOptions = {}): Promise<DataStore> {
  const clock = options.clock ?? (() => new Date());
  let snapshot: DataSnapshot = { dataset: await loader(), loadedAt: clock() };
  let lastReloadError: ReloadFailure | undefined;

  async function load(): Promise<ReloadResult> {
    let dataset: Dataset;
    try {
      dataset = await loader();
    } catch (error) {
      const dataError = asDataError(error);
      lastReloadError = { error: dataError, at: clock() };
      return { ok: false, error: dataError };
    }
    lastReloadError = undefined;
    const changed = dataset.version !== snapshot.dataset.version;
    // Same bytes, same version: keep the old object so cached representations stay valid and
    // loadedAt keeps telling when this version first went live.
    if (changed) snapshot = { dataset, loadedAt: clock() };
    return { ok: true, version: dataset.version, changed };
  }

  // Coalescing: while a load runs, further requests share ONE follow-up load that starts after
  // it, because the running load may have read the files before the change that triggered them.
  let running: Promise<ReloadResult> | undefined;
  let queued: Promise<ReloadResult> | undefined;

  function reload(): Promise<ReloadResult> {
    if (running === undefined) {
      running = load().finally(() => {
        running = undefined;
      });
      return running;
    }
    queued ??= running.then(() => {
      queued = undefined;
      return reload();
    });
    return queued;
  }

  return {
    get current() {
      return snapshot.dataset;
    },
    get snapshot() {
      return snapshot;
    },
    get lastReloadError() {
      return lastReloadError;
    },
    reload,
  };
}
