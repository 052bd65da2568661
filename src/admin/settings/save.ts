/**
 * Saving one organization's settings: compare the version the editor started from with the
 * file on disk, validate, write `organizations.json` atomically, bring the event ledger forward
 * with the code `npm run stamp` uses (so SEQUENCE rises on moved events), and reload the store
 * so the feed, page and JSON change at once. Saves are serialized: of two saves started from
 * the same version, the later one finds the version moved and is refused.
 */
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import type { DataStore } from '../../data/store.js';
import { writeFilesAtomic, type AtomicWriteHooks } from '../../data/write-atomic.js';
import { Serial } from '../editor/serial.js';
import type { OrganizationSettings } from '../../domain/schema.js';
import { historyFor, serializeEventHistory } from '../../render/ics/index.js';
import { candidateFor, type SettingsProblem } from './candidate.js';
import { settingsVersion } from './version.js';

export const REGISTRY_FILE = 'organizations.json';
const LEDGER_FILE = 'event-history.json';

export type SaveOutcome =
  | { readonly kind: 'saved'; readonly before: OrganizationSettings | undefined; readonly after: OrganizationSettings | undefined; readonly version: string }
  | { readonly kind: 'stale'; readonly current: OrganizationSettings | undefined; readonly version: string }
  | { readonly kind: 'invalid'; readonly problems: readonly SettingsProblem[] }
  | { readonly kind: 'unknown' };

export interface SettingsWriterOptions {
  readonly dataDir: string;
  readonly store: DataStore;
  /** Tests simulate a crash between writing and renaming. */
  readonly hooks?: AtomicWriteHooks;
  /** Shared with the Publisher: one writer at a time over the data directory. */
  readonly serial?: Serial;
}

function organizationOf(registry: unknown, id: string): { settings?: OrganizationSettings } | undefined {
  return (registry as { organizations?: { id?: unknown; settings?: OrganizationSettings }[] }).organizations?.find((o) => o.id === id);
}

export class SettingsWriter {
  private readonly serial: Serial;

  constructor(private readonly options: SettingsWriterOptions) {
    this.serial = options.serial ?? new Serial();
  }

  save(organizationId: string, baseVersion: string, settings: unknown): Promise<SaveOutcome> {
    return this.serial.run(() => this.saveNow(organizationId, baseVersion, settings));
  }

  private async saveNow(organizationId: string, baseVersion: string, settings: unknown): Promise<SaveOutcome> {
    const { dataDir, store, hooks } = this.options;
    const registryPath = path.join(dataDir, REGISTRY_FILE);
    // The file, not the store: a save must be compared with what is on disk now, even when
    // the watcher has not reloaded yet after someone else's change.
    const registryJson: unknown = JSON.parse(await readFile(registryPath, 'utf8'));
    const organization = organizationOf(registryJson, organizationId);
    if (organization === undefined) return { kind: 'unknown' };
    const before = organization.settings;
    const version = settingsVersion(before);
    if (version !== baseVersion) return { kind: 'stale', current: before, version };

    const current = store.current;
    const candidate = candidateFor(current, registryJson, REGISTRY_FILE, organizationId, settings);
    if (!candidate.ok) return { kind: 'invalid', problems: candidate.problems };
    const after = organizationOf(candidate.registry, organizationId)?.settings;

    // The registry and the ledger change as one switch, like a publication's files.
    const ledger = serializeEventHistory(historyFor(candidate.dataset, current.eventHistory));
    const files = [
      { file: registryPath, data: `${JSON.stringify(candidate.registry, null, 2)}\n` },
      { file: path.join(dataDir, LEDGER_FILE), data: ledger },
    ];
    await writeFilesAtomic({ dataDir, version: `settings of ${organizationId}`, files }, hooks);
    const reload = await store.reload();
    if (!reload.ok) throw reload.error;
    return { kind: 'saved', before, after, version: settingsVersion(after) };
  }
}
