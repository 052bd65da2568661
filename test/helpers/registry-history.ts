/** A registry with one organization removed and one id changed, as the editor publishes them. */
import type { DataCopy } from './app.js';

/** Taken out of the registry (organizations.json `removed`). */
export const REMOVED = 'sosh-5';
/** An id changed: FORMER is in the organization's `previousIds`, RENAMED its id now. */
export const FORMER = 'ds-4-lastochka';
export const RENAMED = 'ds-4';

export async function withRegistryHistory(copy: DataCopy): Promise<void> {
  await copy.editJson('data/organizations.json', (registry) => {
    const organizations = registry.organizations as { id: string; name: string; previousIds?: string[] }[];
    const removed = organizations.find((o) => o.id === REMOVED);
    const renamed = organizations.find((o) => o.id === FORMER);
    if (removed === undefined || renamed === undefined) throw new Error(`${REMOVED} and ${FORMER} must be in the bundled registry`);
    registry.organizations = organizations.filter((o) => o !== removed);
    registry.removed = [{ id: REMOVED, name: removed.name, date: '2026-01-15', note: 'Школа присоединена к школе № 6.' }];
    renamed.id = RENAMED;
    renamed.previousIds = [FORMER];
  });
}
