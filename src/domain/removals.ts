/**
 * What a publication records about organizations that left the registry: each id that was served
 * and is now neither a current id nor a former id of one is added to `removed` (so its feed and page
 * answer 410 Gone from then on); an id that is back in the registry leaves `removed`.
 */
import type { IsoDate } from './model.js';

interface RegistryLike {
  organizations?: { id?: unknown; name?: unknown; previousIds?: unknown }[];
  removed?: { id?: unknown }[];
}

function isRegistry(json: unknown): json is RegistryLike {
  return json !== null && typeof json === 'object' && !Array.isArray(json) && Array.isArray((json as RegistryLike).organizations);
}

export function recordRemovals(previous: unknown, next: unknown, date: IsoDate): unknown {
  if (!isRegistry(previous) || !isRegistry(next)) return next;
  const organizations = next.organizations ?? [];
  const still = new Set<unknown>(organizations.flatMap((o) => [o.id, ...(Array.isArray(o.previousIds) ? o.previousIds : [])]));
  const kept = (next.removed ?? []).filter((r) => !still.has(r.id));
  const known = new Set(kept.map((r) => r.id));
  const gone = (previous.organizations ?? [])
    .filter((o) => typeof o.id === 'string' && !still.has(o.id) && !known.has(o.id))
    .map((o) => ({ id: o.id, name: o.name, date }));
  const removed = [...kept, ...gone];
  const { removed: _old, ...rest } = next;
  return removed.length > 0 ? { ...rest, removed } : rest;
}
