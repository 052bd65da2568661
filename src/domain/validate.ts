/**
 * Pure validation of the data files: schema first, then the checks a schema cannot express
 * (dates that do not exist, duplicates, terms out of order, references between files). Every
 * problem found is reported, each with its file and JSON Pointer, so one run fixes them all.
 */
import { checkCalendarRules, type CalendarRuleFiles } from './calendar-rules.js';
import { DataError, type DataIssue } from './errors.js';
import type { Dataset } from './model.js';
import type { Static } from 'typebox';
import { EventHistoryFile, Plan, Registry, SchoolYears, WorkingDaysYear, type EventHistory, type Organization } from './schema.js';
import { checkLocalDates } from './validate/local-dates.js';
import { checkLedgerIds } from './validate/ledger-ids.js';
import { checkPlan } from './validate/plan.js';
import { reporter } from './validate/pointer.js';
import { checkRegistry } from './validate/registry.js';
import { checkSchema } from './validate/schema-check.js';
import { checkSchoolYears } from './validate/school-years.js';
import { checkWorkingDays } from './validate/working-days.js';

/** A parsed JSON file and the name it is reported under. */
export interface JsonFile {
  readonly file: string;
  readonly json: unknown;
}

export interface DataFiles {
  readonly plan: JsonFile;
  readonly registry: JsonFile;
  readonly schoolYears: JsonFile;
  readonly workingDays: readonly JsonFile[];
  /** `data/event-history.json`, optional. */
  readonly eventHistory?: JsonFile | undefined;
}

interface Checked {
  readonly issues: DataIssue[];
  readonly plan?: Plan;
  readonly registry?: Registry;
  readonly schoolYears?: SchoolYears;
  readonly workingDays: WorkingDaysYear[];
  readonly eventHistory?: EventHistory;
}

function baseName(file: string): string {
  return file.split(/[\\/]/).at(-1) ?? file;
}

const SCHEMAS = { plan: Plan, registry: Registry, schoolYears: SchoolYears, workingDays: WorkingDaysYear, eventHistory: EventHistoryFile } as const;
type Kind = keyof typeof SCHEMAS;

/** The file's value when it has the right shape (its impossible dates are reported too); otherwise reports why. */
function shaped<K extends Kind>(kind: K, file: JsonFile | undefined, issues: DataIssue[]): Static<(typeof SCHEMAS)[K]> | undefined {
  if (!file) return undefined;
  const report = reporter(file.file, issues);
  if (!checkSchema(kind, file.json, report)) return undefined;
  checkLocalDates(SCHEMAS[kind], file.json, report);
  return file.json as Static<(typeof SCHEMAS)[K]>;
}

/**
 * The engine's own check of rules against calendars (a schoolYearEnd date past its month)
 * computes dates exactly as the engine will. It reads the last term of each calendar, which
 * means nothing until the calendars themselves are sound; a path already reported is not
 * reported twice.
 */
function checkAgainstCalendars(data: Pick<Dataset, 'plan' | 'registry' | 'schoolYears'>, names: CalendarRuleFiles, issues: DataIssue[]): void {
  if (issues.some((i) => i.file === names.registry || i.file === names.schoolYears)) return;
  const reported = new Set(issues.map((i) => `${i.file}#${i.path}`));
  const candidate: Dataset = { ...data, workingDays: [], organizationsById: new Map(), version: '' };
  issues.push(...checkCalendarRules(candidate, names).filter((i) => !reported.has(`${i.file}#${i.path}`)));
}

type PartialFiles = Partial<Omit<DataFiles, 'workingDays'>> & Pick<DataFiles, 'workingDays'>;

function check(files: PartialFiles): Checked {
  const issues: DataIssue[] = [];
  const plan = shaped('plan', files.plan, issues);
  if (plan && files.plan) checkPlan(plan, reporter(files.plan.file, issues));

  const registry = shaped('registry', files.registry, issues);
  if (registry && files.registry) checkRegistry(registry, plan, reporter(files.registry.file, issues));

  const schoolYears = shaped('schoolYears', files.schoolYears, issues);
  if (schoolYears && files.schoolYears) checkSchoolYears(schoolYears, reporter(files.schoolYears.file, issues));

  if (plan && registry && schoolYears && files.plan && files.registry && files.schoolYears) {
    const names = { plan: files.plan.file, registry: files.registry.file, schoolYears: files.schoolYears.file };
    checkAgainstCalendars({ plan, registry, schoolYears }, names, issues);
  }

  const workingDays: WorkingDaysYear[] = [];
  for (const file of files.workingDays) {
    const year = shaped('workingDays', file, issues);
    if (!year) continue;
    checkWorkingDays(year, baseName(file.file), reporter(file.file, issues));
    workingDays.push(year);
  }
  const eventHistory = shaped('eventHistory', files.eventHistory, issues)?.events;
  if (eventHistory && plan && files.eventHistory) checkLedgerIds(plan, eventHistory, reporter(files.eventHistory.file, issues));
  return { issues, plan, registry, schoolYears, workingDays, ...(eventHistory ? { eventHistory } : {}) };
}

/**
 * Every issue in whichever files could be read; a file that is absent (it could not be read or
 * parsed) is skipped, and so are the checks that need it.
 */
export function findIssues(files: PartialFiles): DataIssue[] {
  return check(files).issues;
}

/** Validates the parsed files and assembles the data set; throws `DataError` listing every issue. */
export function buildDataset(files: DataFiles, version: string): Dataset {
  const { issues, plan, registry, schoolYears, workingDays, eventHistory } = check(files);
  if (issues.length > 0 || !plan || !registry || !schoolYears) throw new DataError(issues);
  const organizationsById = new Map<string, Organization>(registry.organizations.map((o) => [o.id, o]));
  return {
    plan,
    registry,
    schoolYears,
    workingDays: [...workingDays].sort((a, b) => a.year - b.year),
    organizationsById,
    version,
    ...(eventHistory ? { eventHistory } : {}),
  };
}
