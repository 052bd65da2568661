/** Reading and parsing one JSON data file, with problems reported as `DataIssue`s. */
import { readFile } from 'node:fs/promises';
import type { DataIssue } from '../domain/errors.js';
import { findSyntaxError } from './json-syntax.js';

export type ReadResult = { readonly bytes: Buffer } | { readonly issue: DataIssue };

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

export async function readBytes(file: string): Promise<ReadResult> {
  try {
    return { bytes: await readFile(file) };
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

/** Parses a data file's bytes; a syntax error names the line and column. */
export function parseJson(file: string, bytes: Buffer): { json: unknown } | { issue: DataIssue } {
  // Windows editors save UTF-8 with a byte-order mark, which JSON.parse rejects.
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  try {
    return { json: JSON.parse(text) as unknown };
  } catch (error) {
    const problem = findSyntaxError(text) ?? { position: text.length, reason: String(error) };
    const message = `ошибка в записи JSON, ${lineColumn(text, problem.position)}: ${problem.reason}`;
    return { issue: { file, path: '', message } };
  }
}
