/**
 * Writes a file so that a reader (the watcher, another replica, a crash) sees either the old
 * bytes or the new ones, never a torn file: temporary file beside it, fsync, rename over the
 * old one, fsync of the directory so the rename itself survives a power cut. `writeFilesAtomic`
 * does the same for a set of files that must change together (a publication).
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { markerPath, publicationsInFlight, type Marker } from './publication-marker.js';

export interface AtomicWriteHooks {
  /** Runs after the temporary file is durable and before the rename (tests simulate a crash or pause a publication here). */
  readonly beforeRename?: (temporary: string) => Promise<void> | void;
}

async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Same directory: rename is atomic only within one file system. The name says which file it replaces. */
export function temporaryFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
}

async function writeDurable(file: string, data: string | Buffer, mode: number): Promise<void> {
  const handle = await open(file, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function writeFileAtomic(file: string, data: string | Buffer, hooks: AtomicWriteHooks = {}, mode = 0o644): Promise<void> {
  const temporary = temporaryFor(file);
  await writeDurable(temporary, data, mode);
  try {
    await hooks.beforeRename?.(temporary);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await fsyncDirectory(path.dirname(file));
}

export interface PublicationWrite {
  /** Where the marker goes (data/.publishing), and what the files' paths in it are relative to. */
  readonly dataDir: string;
  /** Named in the marker, for the log line of a reader that finds it. */
  readonly version: string;
  readonly files: readonly { readonly file: string; readonly data: string | Buffer }[];
}

/** A set of files stopped between its renames: on disk it reads as done, and the next publisher finishes it. */
export class InterruptedWrite extends Error {
  constructor(cause: unknown) {
    super(`the write stopped between its renames: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'InterruptedWrite';
  }
}

/**
 * Every file is written and fsynced as a temporary file first; only then is the marker written,
 * the files renamed in one burst, the directories fsynced and the marker removed. A reader that
 * sees the marker waits or reads the temporary files in place (src/data/load.ts), so it never
 * loads a mix; a crash after the marker leaves everything needed to finish the renames.
 */
export async function writeFilesAtomic(write: PublicationWrite, hooks: AtomicWriteHooks = {}): Promise<void> {
  const files = write.files.map(({ file, data }) => ({ file, data, temporary: temporaryFor(file) }));
  try {
    for (const f of files) await writeDurable(f.temporary, f.data, 0o644);
  } catch (error) {
    await Promise.all(files.map((f) => rm(f.temporary, { force: true })));
    throw error;
  }
  const relative = (file: string) => path.relative(write.dataDir, file);
  const marker: Marker = {
    id: randomBytes(8).toString('hex'),
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    version: write.version,
    files: files.map((f) => ({ target: relative(f.file), temporary: relative(f.temporary) })),
  };
  publicationsInFlight.add(marker.id);
  try {
    try {
      await writeFileAtomic(markerPath(write.dataDir), `${JSON.stringify(marker, null, 2)}\n`);
    } catch (error) {
      await Promise.all(files.map((f) => rm(f.temporary, { force: true })));
      throw error;
    }
    // A failure before the first rename changed nothing: it is undone, and the caller's «nothing
    // changed» is true. After it, the marker and the remaining temporary files stay: the data on
    // disk is read as the completed publication, and the next publisher finishes the renames.
    let renamed = 0;
    try {
      for (const f of files) {
        await hooks.beforeRename?.(f.temporary);
        await rename(f.temporary, f.file);
        renamed += 1;
      }
    } catch (error) {
      if (renamed > 0) throw new InterruptedWrite(error);
      await Promise.all(files.map((f) => rm(f.temporary, { force: true })));
      await rm(markerPath(write.dataDir), { force: true });
      await fsyncDirectory(write.dataDir);
      throw error;
    }
    for (const dir of new Set(files.map((f) => path.dirname(f.file)))) await fsyncDirectory(dir);
    await rm(markerPath(write.dataDir));
    await fsyncDirectory(write.dataDir);
  } finally {
    publicationsInFlight.delete(marker.id);
  }
}

/** Finishes an interrupted publication: renames what is still pending, removes the marker. */
export async function completeInterrupted(dataDir: string, pending: ReadonlyMap<string, string>): Promise<void> {
  for (const [target, temporary] of pending) await rename(temporary, target);
  for (const dir of new Set([...pending.keys()].map((f) => path.dirname(f)))) await fsyncDirectory(dir);
  await rm(markerPath(dataDir), { force: true });
  await fsyncDirectory(dataDir);
}
