/**
 * Organization search by name. The page script (assets/app.js, `normalize`) repeats this
 * normalization to filter as the user types; the browser test checks both agree.
 */
import type { Organization } from '../../domain/schema.js';

export const MAX_QUERY_LENGTH = 100;

/** Lower case, «ё» as «е», punctuation and quotes as spaces: «МБОУ «СОШ № 5»» → «мбоу сош 5». */
export function normalizeSearch(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function searchTextOf(organization: Organization): string {
  return normalizeSearch(`${organization.shortName} ${organization.name} ${organization.id}`);
}

/** Every word of the query occurs in the organization's names (an empty query matches all). */
export function matchesSearch(searchText: string, query: string): boolean {
  const words = normalizeSearch(query).split(' ').filter((w) => w !== '');
  return words.every((w) => searchText.includes(w));
}

/**
 * The organization a search means, if exactly one: the one whose short or full name the query
 * is (a name chosen from the suggestions), else the only match.
 */
export function findOrganization(organizations: readonly Organization[], query: string): Organization | undefined {
  const q = normalizeSearch(query);
  const exact = organizations.filter((o) => normalizeSearch(o.shortName) === q || normalizeSearch(o.name) === q);
  if (exact.length === 1) return exact[0];
  const matches = organizations.filter((o) => matchesSearch(searchTextOf(o), query));
  return matches.length === 1 ? matches[0] : undefined;
}
