import type { DataIssue } from '../errors.js';

/** Builds a JSON Pointer (RFC 6901) from path segments. */
export function pointer(...segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}

/** Reports issues found in one file; `path` is a JSON Pointer into that file. */
export type Report = (path: string, message: string) => void;

export function reporter(file: string, issues: DataIssue[]): Report {
  return (path, message) => {
    issues.push({ file, path, message });
  };
}
