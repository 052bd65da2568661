/** Reading and parsing one JSON data file, with problems reported as `DataIssue`s. */
import { constants, type Stats } from 'node:fs';
import { lstat, open, stat } from 'node:fs/promises';
import type { DataIssue } from '../domain/errors.js';
import { decodeUtf8 } from './encoding.js';
import { findSyntaxError } from './json-syntax.js';

/**
 * The largest data file read: the bundled registry is 15 KB, a 10 000-organization one about
 * 2 MB. A bigger file is a mistake (a log, a dump, the wrong file), and reading it whole stalled
 * the event loop for most of a second (issue 13: 50 MB, 0.4–0.8 s, +150 MB RSS).
 */
export const MAX_DATA_FILE_BYTES = 10 * 1024 * 1024;

export type ReadResult = { readonly bytes: Buffer; readonly mtimeMs: number } | { readonly issue: DataIssue };

const READ_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'файл не найден',
  EISDIR: 'ожидается файл, а это каталог',
  EACCES: 'нет прав на чтение файла',
  EPERM: 'нет прав на чтение файла',
};

export function readError(file: string, error: unknown): DataIssue {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return { file, path: '', message: READ_ERRORS[code] ?? `не удалось прочитать файл (${code || String(error)})` };
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'каталог';
  if (stats.isFIFO()) return 'именованный канал (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'устройство';
  if (stats.isSocket()) return 'сокет';
  return 'не обычный файл';
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1).replace('.', ',').replace(/,0$/, '');
}

/**
 * The bytes of a regular file of at most `maxBytes`. A FIFO, a device or a socket would block
 * the read (a FIFO forever) or never end, so only regular files are read: checked with lstat
 * (a symbolic link is followed only to a regular file — Kubernetes mounts ConfigMaps as links)
 * and again on the opened descriptor, which is opened non-blocking so that a path swapped for
 * a FIFO in between cannot hang the open itself.
 */
export async function readBytes(file: string, maxBytes = MAX_DATA_FILE_BYTES): Promise<ReadResult> {
  const refuse = (message: string) => ({ issue: { file, path: '', message } });
  const notRegular = (stats: Stats) => refuse(`ожидается обычный файл, а это ${kindOf(stats)}; данные читаются только из обычных файлов`);
  const tooLarge = (size: number) =>
    refuse(`файл слишком большой: ${megabytes(size)} МБ, а файл данных может быть не больше ${megabytes(maxBytes)} МБ — проверьте, тот ли это файл`);
  try {
    const link = await lstat(file);
    const target = link.isSymbolicLink() ? await stat(file) : link;
    if (!target.isFile()) return notRegular(target);
    if (target.size > maxBytes) return tooLarge(target.size);
    const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const opened = await handle.stat();
      if (!opened.isFile()) return notRegular(opened);
      if (opened.size > maxBytes) return tooLarge(opened.size);
      const bytes = await handle.readFile();
      // The file may have grown between the check and the read.
      if (bytes.length > maxBytes) return tooLarge(bytes.length);
      return { bytes, mtimeMs: opened.mtimeMs };
    } finally {
      await handle.close();
    }
  } catch (error) {
    return { issue: readError(file, error) };
  }
}

function lineColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `строка ${line}, столбец ${column} (${line}:${column})`;
}

/** Parses a data file's bytes (strict UTF-8; a byte-order mark is dropped); a syntax error names the line and column. */
export function parseJson(file: string, bytes: Buffer): { json: unknown } | { issue: DataIssue } {
  const decoded = decodeUtf8(bytes);
  if ('message' in decoded) return { issue: { file, path: '', message: decoded.message } };
  // TextDecoder drops one leading byte-order mark (Windows editors write it; JSON.parse rejects it).
  const text = decoded.text;
  try {
    return { json: JSON.parse(text) as unknown };
  } catch (error) {
    const problem = findSyntaxError(text) ?? { position: text.length, reason: String(error) };
    const message = `ошибка в записи JSON, ${lineColumn(text, problem.position)}: ${problem.reason}`;
    return { issue: { file, path: '', message } };
  }
}
