/**
 * A data set from its documents: the parsed JSON of plan.json, organizations.json,
 * school-years.json and each working-days file, with the version, modification time and event
 * ledger given as inputs. Pure, so the editor's draft is assembled and validated exactly like the
 * files the service loads, and the engine, renderers and validators run on it unchanged.
 */
import { isChangeLog } from './change-log.js';
import { DataError, type DataIssue } from './errors.js';
import type { Dataset } from './model.js';
import { buildDataset, findIssues, type DataFiles } from './validate.js';

export interface DataDocuments {
  readonly plan: unknown;
  readonly organizations: unknown;
  readonly schoolYears: unknown;
  /** Production calendars by file name (`2027.json`). */
  readonly workingDays: Readonly<Record<string, unknown>>;
}

/** The names problems are reported under; the loader passes the real paths. */
export interface DocumentNames {
  readonly plan: string;
  readonly organizations: string;
  readonly schoolYears: string;
  /** Directory of the working-days files, without a trailing slash. */
  readonly workingDays: string;
  readonly ledger: string;
  readonly changeLog?: string;
}

export const DOCUMENT_NAMES: DocumentNames = {
  plan: 'plan.json',
  organizations: 'data/organizations.json',
  schoolYears: 'data/school-years.json',
  workingDays: 'data/working-days',
  ledger: 'data/event-history.json',
  changeLog: 'data/changes.json',
};

export interface AssemblyInputs {
  /** `plan.meta.version` plus a hash of the documents: see src/data/load.ts. */
  readonly version: string;
  /** UTC `YYYY-MM-DDTHH:mm:ssZ`; absent: `plan.meta.updated` counts. */
  readonly modified?: string;
  /** The JSON of `event-history.json` (validated here like the other files). */
  readonly ledger?: unknown;
  /** The JSON of `changes.json`, the public record of publications. */
  readonly changeLog?: unknown;
  readonly names?: DocumentNames;
}

function filesOf(documents: DataDocuments, inputs: Omit<AssemblyInputs, 'version'>): DataFiles {
  const names = inputs.names ?? DOCUMENT_NAMES;
  return {
    plan: { file: names.plan, json: documents.plan },
    registry: { file: names.organizations, json: documents.organizations },
    schoolYears: { file: names.schoolYears, json: documents.schoolYears },
    workingDays: Object.keys(documents.workingDays)
      .sort()
      .map((name) => ({ file: `${names.workingDays}/${name}`, json: documents.workingDays[name] })),
    ...(inputs.ledger === undefined ? {} : { eventHistory: { file: names.ledger, json: inputs.ledger } }),
  };
}

/** Every problem in the documents, each with its file and JSON pointer; none: they assemble. */
export function documentIssues(documents: DataDocuments, inputs: Omit<AssemblyInputs, 'version'> = {}): DataIssue[] {
  return [...findIssues(filesOf(documents, inputs)), ...changeLogIssues(inputs)];
}

function changeLogIssues(inputs: Omit<AssemblyInputs, 'version'>): DataIssue[] {
  if (inputs.changeLog === undefined || isChangeLog(inputs.changeLog)) return [];
  const file = inputs.names?.changeLog ?? DOCUMENT_NAMES.changeLog ?? 'changes.json';
  return [{ file, path: '', message: 'журнал публикаций повреждён: его пишет редактор, вручную его не правят (удалите файл, чтобы начать журнал заново)' }];
}

/** The data set of these documents; throws `DataError` listing every problem. */
export function assembleDataset(documents: DataDocuments, inputs: AssemblyInputs): Dataset {
  const logIssues = changeLogIssues(inputs);
  let dataset: Dataset;
  try {
    dataset = buildDataset(filesOf(documents, inputs), inputs.version);
  } catch (error) {
    if (error instanceof DataError) throw new DataError([...error.issues, ...logIssues]);
    throw error;
  }
  if (logIssues.length > 0) throw new DataError(logIssues);
  const changeLog = isChangeLog(inputs.changeLog) ? { changeLog: inputs.changeLog } : {};
  return { ...dataset, ...changeLog, ...(inputs.modified === undefined ? {} : { modified: inputs.modified }) };
}
