/**
 * Reloads the data when its files change. Directories are watched, not files: editors save by
 * writing a new file and renaming it over the old one, which a watch on the old inode misses.
 */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { DataError } from '../domain/errors.js';
import type { DataStore, ReloadResult } from './store.js';

export interface WatchLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface WatchTargets {
  /** Files whose changes count (watched through their directories). */
  readonly files: readonly string[];
  /** Directories in which any `*.json` file counts. */
  readonly directories: readonly string[];
}

export interface WatchOptions {
  readonly debounceMs?: number;
  /** Called after each reload the watcher triggered (tests wait on it). */
  readonly onReload?: (result: ReloadResult) => void;
}

export interface DataWatcher {
  close(): void;
}

/** Logs a reload's outcome: the new version, or every issue with its file and JSON path. */
export function logReload(log: WatchLogger, result: ReloadResult, trigger: string): void {
  if (result.ok) {
    log.info({ version: result.version, changed: result.changed, trigger }, result.changed ? 'data reloaded' : 'data unchanged');
  } else {
    log.error(
      { trigger, issues: result.error.issues },
      `data reload failed, still serving the previous version:\n${DataError.format(result.error.issues)}`,
    );
  }
}

export function watchData(store: DataStore, targets: WatchTargets, log: WatchLogger, options: WatchOptions = {}): DataWatcher {
  const debounceMs = options.debounceMs ?? 200;
  // Directory → predicate on the changed entry's name.
  const filters = new Map<string, ((name: string) => boolean)[]>();
  const add = (dir: string, test: (name: string) => boolean) => filters.set(dir, [...(filters.get(dir) ?? []), test]);
  for (const file of targets.files) {
    const base = path.basename(file);
    add(path.resolve(path.dirname(file)), (name) => name === base);
  }
  for (const dir of targets.directories) add(path.resolve(dir), (name) => name.endsWith('.json'));

  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const schedule = (trigger: string) => {
    if (closed) return;
    clearTimeout(timer);
    // A save is often several events (write, rename, chmod); one reload after they settle.
    timer = setTimeout(() => {
      void store.reload().then((result) => {
        logReload(log, result, trigger);
        options.onReload?.(result);
      });
    }, debounceMs);
  };

  const watchers: FSWatcher[] = [];
  for (const [dir, tests] of filters) {
    try {
      const watcher = watch(dir, { persistent: false }, (_event, name) => {
        // Some platforms do not report the name: reload to be safe.
        const entry = name?.toString();
        if (entry === undefined || tests.some((test) => test(entry))) schedule(path.join(dir, entry ?? ''));
      });
      watcher.on('error', (error) => log.warn({ err: error, dir }, 'data watcher failed; reload with SIGHUP'));
      watchers.push(watcher);
    } catch (error) {
      log.warn({ err: error, dir }, 'cannot watch data directory; reload with SIGHUP');
    }
  }

  return {
    close() {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
