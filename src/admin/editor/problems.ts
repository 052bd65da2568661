/**
 * A draft's validation problems, each at the field it concerns: a JSON pointer into the draft
 * document `{ plan, organizations, schoolYears }` (the shape of GET /admin/api/draft), or into a
 * production calendar under `/workingDays/<file>`.
 */
import type { DocumentNames } from '../../domain/documents.js';
import type { DataIssue } from '../../domain/errors.js';

export const DRAFT_NAMES: DocumentNames = {
  plan: 'plan',
  organizations: 'organizations',
  schoolYears: 'schoolYears',
  workingDays: 'workingDays',
  ledger: 'ledger',
};

export interface DraftProblem {
  readonly pointer: string;
  readonly message: string;
}

export function problemsOf(issues: readonly DataIssue[]): DraftProblem[] {
  return issues.map((issue) => ({ pointer: `/${issue.file}${issue.path}`, message: issue.message }));
}
