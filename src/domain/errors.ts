/** One problem found in a data file: which file, where in it (JSON Pointer), and what. */
export interface DataIssue {
  /** Path of the file as given to the loader (relative to the working directory when possible). */
  readonly file: string;
  /** JSON Pointer into the file, e.g. `/items/13/schedules/0/rules/0/day`; `` for the whole file. */
  readonly path: string;
  /** Human-readable message (Russian: it is shown on /healthz and in logs read by the methodologist). */
  readonly message: string;
}

/** The data set is invalid: start-up must fail, a reload must keep the previous data. */
export class DataError extends Error {
  readonly issues: readonly DataIssue[];

  constructor(issues: readonly DataIssue[]) {
    super(DataError.format(issues));
    this.name = 'DataError';
    this.issues = issues;
  }

  static format(issues: readonly DataIssue[]): string {
    return issues.map((i) => `${i.file}: ${i.path || '/'}: ${i.message}`).join('\n');
  }
}
