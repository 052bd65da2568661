/**
 * Writes a file so that a reader (the watcher, another replica, a crash) sees either the old
 * bytes or the new ones, never a torn file: temporary file beside it, fsync, rename over the
 * old one, fsync of the directory so the rename itself survives a power cut.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export interface AtomicWriteHooks {
  /** Runs after the temporary file is durable and before the rename (tests simulate a crash here). */
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

export async function writeFileAtomic(file: string, data: string | Buffer, hooks: AtomicWriteHooks = {}, mode = 0o644): Promise<void> {
  const dir = path.dirname(file);
  // Same directory: rename is atomic only within one file system.
  const temporary = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await hooks.beforeRename?.(temporary);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await fsyncDirectory(dir);
}
