/**
 * What a restore puts back. A revision holds every document, the schools' calendar settings
 * included (`organizations[].settings`), but those settings are the schools' own: each school
 * saves them itself (src/admin/settings/save.ts), without a draft or a revision of the
 * department's. Restoring the department's plan, registry or school years to an older revision
 * must not quietly take back what a school saved since, so every organization that still exists
 * keeps its settings as they are now; the methodologist changes a school's settings on that
 * school's page, like the school.
 */

interface OrganizationLike {
  id?: unknown;
  previousIds?: unknown;
  settings?: unknown;
}

interface RegistryLike {
  organizations?: OrganizationLike[];
}

function organizationsOf(json: unknown): OrganizationLike[] | undefined {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const list = (json as RegistryLike).organizations;
  return Array.isArray(list) ? list : undefined;
}

/** The ids an organization answers to now: its id and its former ids. */
function idsOf(organization: OrganizationLike): unknown[] {
  return [organization.id, ...(Array.isArray(organization.previousIds) ? organization.previousIds : [])];
}

export interface KeptSettings {
  /** The restored registry, every organization present now carrying its current settings. */
  readonly organizations: unknown;
  /** Organizations whose settings in the revision differ from their current ones, kept as they are now. */
  readonly kept: readonly string[];
}

export function keepingCurrentSettings(restored: unknown, current: unknown): KeptSettings {
  const restoredList = organizationsOf(restored);
  const currentList = organizationsOf(current);
  if (restoredList === undefined || currentList === undefined) return { organizations: restored, kept: [] };
  const now = new Map<unknown, OrganizationLike>();
  for (const organization of currentList) for (const id of idsOf(organization)) if (!now.has(id)) now.set(id, organization);
  const kept: string[] = [];
  const organizations = restoredList.map((organization) => {
    const present = now.get(organization.id);
    if (present === undefined) return organization;
    if (JSON.stringify(present.settings) === JSON.stringify(organization.settings)) return organization;
    kept.push(String(organization.id));
    const { settings: _old, ...rest } = organization;
    return present.settings === undefined ? rest : { ...rest, settings: present.settings };
  });
  return { organizations: { ...(restored as object), organizations }, kept };
}
