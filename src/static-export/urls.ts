/** The public surface a static export holds: every URL the service answers without a query. */
import type { Dataset } from '../domain/model.js';
import { ORGANIZATION_TYPE_IDS } from '../domain/schema.js';
import { feedPath } from '../render/feeds.js';

export interface PublicPaths {
  /** Paths below the site's base. */
  readonly paths: readonly string[];
  /** The first `shared` paths belong to no single organization (feeds by type, documents, pages, assets). */
  readonly shared: number;
  /** The first `lists` paths are the documents that list every organization: the export's largest. */
  readonly lists: number;
}

/**
 * Paths in a fixed order (the export's output does not depend on it, but progress lines and the
 * sample of checked files do). The three documents that list every organization come first:
 * they are the largest (52 MB of JSON, 14 and 6 MB of HTML at 10 000 organizations), rendered
 * before anything else they meet the smallest heap, and the export's first worker starts only
 * once they are written, so the planner's peak and a worker's do not add up (site.ts). Left out, because they need a query or a live process:
 * `/api/occurrences`, `/organizations?q=` (the page filters on the client), `/docs` and `/healthz`.
 */
export function publicPaths(data: Dataset, assetPaths: readonly string[]): PublicPaths {
  const lists = ['/api/organizations', '/organizations', '/'];
  const shared = [
    ...lists,
    feedPath({ kind: 'all' }),
    ...ORGANIZATION_TYPE_IDS.map((type) => feedPath({ kind: 'type', type })),
    '/openapi.json',
    '/api/plan',
    '/api/organization-types',
    '/plan',
    ...ORGANIZATION_TYPE_IDS.map((type) => `/types/${type}`),
    '/changes',
    '/changes.atom',
    ...[...ORGANIZATION_TYPE_IDS, 'all'].map((audience) => `/embed/${audience}`),
    ...assetPaths,
  ];
  const own = data.registry.organizations.flatMap((organization) => organizationPaths(organization.id));
  return { paths: [...shared, ...own], shared: shared.length, lists: lists.length };
}

/** The URLs that name one organization (feed, JSON, page, memo, widget, changes). */
export function organizationPaths(id: string): string[] {
  return [
    // feedPath() takes a registry entry; a removed or former id has none.
    `/feeds/organizations/${id}.ics`,
    `/api/organizations/${id}`,
    `/organizations/${id}`,
    `/organizations/${id}/memo`,
    `/embed/organizations/${id}`,
    `/organizations/${id}/changes.atom`,
  ];
}

/**
 * The URLs of organizations that left the registry (`removed`) or changed their id
 * (`previousIds`): the service answers them 410 or 301, and so must the static host. Sorted, so
 * the nginx maps written from them are the same bytes for the same data.
 */
export function historyPaths(data: Dataset): string[] {
  const ids = new Set([...(data.registry.removed ?? []).map((r) => r.id), ...data.registry.organizations.flatMap((o) => o.previousIds ?? [])]);
  return [...ids].sort().flatMap(organizationPaths);
}
