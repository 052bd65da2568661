/**
 * Checks of the registry's history: a former id (301 to the organization's new URLs) or a removed
 * organization's id (410) must belong to exactly one thing, never to a current organization, or
 * the same URL would mean two things.
 */
import type { Registry } from '../schema.js';
import { pointer, type Report } from './pointer.js';

export function checkRegistryHistory(registry: Registry, report: Report): void {
  const current = new Set(registry.organizations.map((o) => o.id));
  const claimed = new Map<string, string>();
  const claim = (id: string, path: string) => {
    if (current.has(id)) report(path, `${id} — идентификатор организации из реестра; прежним или исключённым он быть не может`);
    else if (claimed.has(id)) report(path, `идентификатор ${id} уже указан в ${claimed.get(id) ?? ''}`);
    else claimed.set(id, path);
  };
  registry.organizations.forEach((organization, k) => {
    (organization.previousIds ?? []).forEach((id, j) => claim(id, pointer('organizations', k, 'previousIds', j)));
  });
  (registry.removed ?? []).forEach((removed, k) => claim(removed.id, pointer('removed', k, 'id')));
}
