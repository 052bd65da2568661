/**
 * A registry with one organization's settings replaced, checked by the same validators as
 * start-up (`buildDataset`): the candidate data set, or the problems, each with the JSON
 * pointer relative to the settings object when it lies inside it.
 */
import { DataError } from '../../domain/errors.js';
import type { Dataset } from '../../domain/model.js';
import type { OrganizationSettings, Registry } from '../../domain/schema.js';
import { buildDataset } from '../../domain/validate.js';

export interface SettingsProblem {
  /** JSON pointer into the settings object (`` for the object itself), or into the file when outside it. */
  readonly pointer: string;
  readonly message: string;
}

export type Candidate =
  | { readonly ok: true; readonly dataset: Dataset; readonly registry: Registry }
  | { readonly ok: false; readonly problems: readonly SettingsProblem[] };

/** The registry file's JSON with `settings` of `organizationId` replaced (dropped when empty), other entries untouched. */
export function withSettings(registry: unknown, organizationId: string, settings: unknown): unknown {
  const file = structuredClone(registry) as { organizations?: Record<string, unknown>[] };
  for (const organization of file.organizations ?? []) {
    if (organization['id'] !== organizationId) continue;
    const empty = settings !== null && typeof settings === 'object' && !Array.isArray(settings) && Object.keys(settings).length === 0;
    if (empty) delete organization['settings'];
    else organization['settings'] = settings;
  }
  return file;
}

export function organizationIndex(registry: unknown, organizationId: string): number {
  const organizations = (registry as { organizations?: { id?: unknown }[] }).organizations ?? [];
  return organizations.findIndex((o) => o.id === organizationId);
}

/**
 * Validates the current data with the organization's settings replaced by `settings` (any JSON:
 * it comes from a request). `registryFile` is the name problems are reported under.
 */
export function candidateFor(current: Dataset, registryJson: unknown, registryFile: string, organizationId: string, settings: unknown): Candidate {
  const registry = withSettings(registryJson, organizationId, settings);
  const prefix = `/organizations/${organizationIndex(registry, organizationId)}/settings`;
  try {
    const dataset = buildDataset(
      {
        plan: { file: 'plan.json', json: current.plan },
        registry: { file: registryFile, json: registry },
        schoolYears: { file: 'school-years.json', json: current.schoolYears },
        workingDays: current.workingDays.map((w) => ({ file: `working-days/${w.year}.json`, json: w })),
        ...(current.eventHistory ? { eventHistory: { file: 'event-history.json', json: { events: current.eventHistory } } } : {}),
      },
      `${current.version}+candidate`,
    );
    return { ok: true, dataset, registry: dataset.registry };
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    const problems = error.issues.map((issue): SettingsProblem => {
      const inside = issue.file === registryFile && (issue.path === prefix || issue.path.startsWith(`${prefix}/`));
      return { pointer: inside ? issue.path.slice(prefix.length) : `${issue.file}#${issue.path}`, message: issue.message };
    });
    return { ok: false, problems };
  }
}

export function settingsOf(dataset: Dataset, organizationId: string): OrganizationSettings | undefined {
  return dataset.organizationsById.get(organizationId)?.settings;
}
