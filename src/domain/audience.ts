/**
 * Audiences as the engine sees them: which organization types they cover and how those types
 * split into calendar groups (types that resolve to the same school calendar).
 */
import type { Audience, Dataset } from './model.js';
import { ORGANIZATION_TYPE_IDS, type OrganizationTypeId } from './schema.js';
import { organizationCalendarProfile, typeCalendarProfile, type CalendarProfile } from './school-calendar.js';

/** Types in the canonical order general, preschool, additional. */
export function canonicalTypes(types: Iterable<OrganizationTypeId>): OrganizationTypeId[] {
  const set = new Set(types);
  return ORGANIZATION_TYPE_IDS.filter((t) => set.has(t));
}

/** The organization types an audience covers, canonical order. */
export function audienceTypes(audience: Audience): OrganizationTypeId[] {
  switch (audience.kind) {
    case 'all':
      return [...ORGANIZATION_TYPE_IDS];
    case 'type':
      return [audience.type];
    case 'organization':
      return canonicalTypes(audience.organization.types);
  }
}

/** Types of one schedule within the audience that share a calendar profile. */
export interface CalendarGroup {
  readonly types: readonly OrganizationTypeId[];
  readonly profile: CalendarProfile;
}

/**
 * Splits `types` (already within the audience) into calendar groups: one group for an
 * organization (it has one calendar), else one group per municipal default term system.
 */
export function calendarGroups(data: Dataset, audience: Audience, types: readonly OrganizationTypeId[]): CalendarGroup[] {
  if (audience.kind === 'organization') {
    return [{ types, profile: organizationCalendarProfile(data, audience.organization) }];
  }
  // Types whose profiles (term system, week, holidays, slot time) are equal share one calendar.
  const groups = new Map<string, { types: OrganizationTypeId[]; profile: CalendarProfile }>();
  for (const type of types) {
    const profile = typeCalendarProfile(data, type);
    const signature = JSON.stringify(profile);
    const group = groups.get(signature);
    if (group) group.types.push(type);
    else groups.set(signature, { types: [type], profile });
  }
  return [...groups.values()];
}

/** Identifies the audience itself (a feed, a document): unlike `audienceCacheKey`, organizations never share it. */
export function audienceId(audience: Audience): string {
  switch (audience.kind) {
    case 'all':
      return 'all';
    case 'type':
      return `type:${audience.type}`;
    case 'organization':
      return `organization:${audience.organization.id}`;
  }
}

/**
 * A cache key that is equal for audiences with equal series: organizations with the same types
 * and settings get the same series whatever their id or name.
 */
export function audienceCacheKey(audience: Audience): string {
  switch (audience.kind) {
    case 'all':
      return 'all';
    case 'type':
      return `type:${audience.type}`;
    case 'organization':
      return `org:${JSON.stringify([audience.organization.types, audience.organization.settings ?? null])}`;
  }
}
