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
  /** When the load now running started; undefined while none runs. */
  readonly reloadInProgressSince?: Date | undefined;
  /** Loads the files again; on success swaps the data set in, on failure keeps the old one. */
  reload(): Promise<ReloadResult>;
  /** Calls `listener` after every reload (watcher, SIGHUP, a save); returns the unsubscribe. */
  readonly onReload?: (listener: (result: ReloadResult) => void) => () => void;
}

export interface DataStoreOptions {
  readonly clock?: () => Date;
  /** A load that takes longer fails (default DEFAULT_LOAD_TIMEOUT_MS). */
  readonly timeoutMs?: number;
}

/**
 * A load reads a few small files; one that takes 30 s is stuck (a FIFO, a hung network file
 * system) and would otherwise hang forever, silently, with every later reload queued behind it.
 */
export const DEFAULT_LOAD_TIMEOUT_MS = 30_000;

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} с` : `${(ms / 1000).toFixed(1).replace('.', ',')} с`;
}

/**
 * The loader's result, or a DataError once `timeoutMs` has passed. The stuck read cannot be
 * cancelled (it holds a libuv thread until the file system answers); its result is dropped.
 */
function withTimeout(loading: Promise<Dataset>, timeoutMs: number): Promise<Dataset> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const message =
        `загрузка данных не завершилась за ${seconds(timeoutMs)}: какой-то файл данных не читается ` +
        '(зависшая сетевая файловая система, именованный канал вместо файла?); проверьте файлы — ' +
        'загрузка повторится при следующем изменении или по SIGHUP';
      reject(new DataError([{ file: '', path: '', message }]));
    }, timeoutMs);
    timer.unref();
  });
  return Promise.race([loading, timeout]).finally(() => clearTimeout(timer));
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
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS;
  const loadInTime = () => withTimeout(Promise.resolve().then(loader), timeoutMs);
  let snapshot: DataSnapshot = { dataset: await loadInTime(), loadedAt: clock() };
  let lastReloadError: ReloadFailure | undefined;
  let inProgressSince: Date | undefined;

  async function load(): Promise<ReloadResult> {
    let dataset: Dataset;
    inProgressSince = clock();
    try {
      dataset = await loadInTime();
    } catch (error) {
      const dataError = asDataError(error);
      lastReloadError = { error: dataError, at: clock() };
      return { ok: false, error: dataError };
    } finally {
      inProgressSince = undefined;
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
  const listeners = new Set<(result: ReloadResult) => void>();
  let running: Promise<ReloadResult> | undefined;
  let queued: Promise<ReloadResult> | undefined;

  function reload(): Promise<ReloadResult> {
    if (running === undefined) {
      running = load().finally(() => {
        running = undefined;
      });
      void running.then((result) => {
        for (const listener of listeners) listener(result);
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
    get reloadInProgressSince() {
      return inProgressSince;
    },
    reload,
    onReload(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
