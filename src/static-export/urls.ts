/** The public surface a static export holds: every URL the service answers without a query. */
import type { Dataset } from '../domain/model.js';
import { ORGANIZATION_TYPE_IDS } from '../domain/schema.js';
import { feedPath } from '../render/feeds.js';

/**
 * Paths below the site's base, in a fixed order (the export's output does not depend on it, but
 * progress lines do). Left out, because they need a query or a live process: `/api/occurrences`,
 * `/organizations?q=` (the page filters on the client), `/docs` and `/healthz`.
 */
export function publicPaths(data: Dataset, assetPaths: readonly string[]): string[] {
  const organizations = data.registry.organizations;
  return [
    feedPath({ kind: 'all' }),
    ...ORGANIZATION_TYPE_IDS.map((type) => feedPath({ kind: 'type', type })),
    '/openapi.json',
    '/api/plan',
    '/api/organization-types',
    '/api/organizations',
    '/',
    '/organizations',
    '/plan',
    ...[...ORGANIZATION_TYPE_IDS, 'all'].map((audience) => `/embed/${audience}`),
    ...assetPaths,
    ...organizations.flatMap((organization) => [
      feedPath({ kind: 'organization', organization }),
      `/api/organizations/${organization.id}`,
      `/organizations/${organization.id}`,
      `/embed/organizations/${organization.id}`,
    ]),
  ];
}
