/** Plain-text tables for the terminal and for docs/performance.md (both are Markdown). */
export type Cell = string | number;

export function fmt(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).replaceAll(',', ' ');
}

export function fmtInt(value: number): string {
  return fmt(value, 0);
}

/** A Markdown table with columns padded so it also reads well as plain text. */
export function table(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const text = rows.map((row) => row.map(String));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...text.map(line)].join('\n');
}

export interface TargetResult {
  readonly target: string;
  readonly measured: string;
  /** undefined: not measured in this run. */
  readonly pass: boolean | undefined;
}

export function verdict(pass: boolean | undefined): string {
  return pass === undefined ? 'NOT MEASURED' : pass ? 'PASS' : 'FAIL';
}

export function targetsTable(results: readonly TargetResult[]): string {
  return table(
    ['target', 'measured', 'result'],
    results.map((r) => [r.target, r.measured, verdict(r.pass)]),
  );
}
