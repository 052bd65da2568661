/**
 * The event ledger (`data/event-history.json`): for every event, the hash of its content, its
 * SEQUENCE and its LAST-MODIFIED. Clients (Google above all) keep their old copy of an event
 * unless SEQUENCE rises, yet a feed must stay a pure function of the data; so the history of
 * changes is itself data, committed next to the data and rewritten by `scripts/stamp-history.ts`.
 *
 * Ledger keys: the series key (plus `.<yyyymmdd>` for a daily duty's extra working day), and
 * `.<scope>` after it when the event's content in that feed differs from the shared event with
 * the same key (an organization's own school calendar, its own choices).
 */
import { createHash } from 'node:crypto';

export { EventHistoryEntry, EventHistoryFile, type EventHistory } from '../../domain/schema.js';
import type { EventHistory, EventHistoryEntry, EventHistoryFile } from '../../domain/schema.js';

const FILE_DESCRIPTION =
  'Журнал версий событий календарей (SEQUENCE и LAST-MODIFIED). Не редактируется вручную: ' +
  'после изменения данных выполните npm run stamp.';

/** Short sha256 of an event's content (without UID, DTSTAMP, SEQUENCE, LAST-MODIFIED, alarms). */
export function contentHash(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex').slice(0, 16);
}

export interface EventStamp {
  readonly sequence: number;
  /** UTC, `YYYY-MM-DDTHH:mm:ssZ`. */
  readonly modified: string;
}

/**
 * SEQUENCE and LAST-MODIFIED of an event: the ledger's when the content is unchanged; one more
 * and the data's update time when it changed; 0 and the update time for a new event.
 */
export function resolveStamp(
  history: EventHistory | undefined,
  ledgerKey: string,
  hash: string,
  updated: string,
  sharedKey?: string,
): EventStamp {
  const entryOf = (key: string) => (history !== undefined && Object.hasOwn(history, key) ? history[key] : undefined);
  const entry = entryOf(ledgerKey);
  if (entry === undefined) {
    // An organization's event that has just stopped being the shared one keeps its UID, and its
    // subscribers hold the shared entry's SEQUENCE: it must rise past that, or they keep the old copy.
    const shared = sharedKey === undefined ? undefined : entryOf(sharedKey);
    return { sequence: shared === undefined ? 0 : shared.sequence + 1, modified: updated };
  }
  if (entry.hash === hash) return { sequence: entry.sequence, modified: entry.modified };
  return { sequence: entry.sequence + 1, modified: updated };
}

export interface LedgerEvent {
  readonly ledgerKey: string;
  readonly hash: string;
  /** For a scoped key (this feed's own content): the shared event's key, see resolveStamp. */
  readonly sharedKey?: string;
}

/**
 * The ledger after this data version: one entry per event rendered now (events that are gone
 * are dropped), each stamped by `resolveStamp`, so rendering with the new ledger gives the
 * same bytes as rendering with the old one.
 */
export function stampHistory(events: Iterable<LedgerEvent>, previous: EventHistory | undefined, updated: string): EventHistory {
  const next = new Map<string, EventHistoryEntry>();
  for (const { ledgerKey, hash, sharedKey } of events) {
    const seen = next.get(ledgerKey);
    if (seen !== undefined) {
      if (seen.hash !== hash) throw new Error(`Ledger key ${ledgerKey} has two different contents`);
      continue;
    }
    next.set(ledgerKey, { hash, ...resolveStamp(previous, ledgerKey, hash, updated, sharedKey) });
  }
  const sorted: Record<string, EventHistoryEntry> = {};
  for (const key of [...next.keys()].sort()) sorted[key] = next.get(key) as EventHistoryEntry;
  return sorted;
}

/** Deterministic file text: sorted keys, two-space indent, final newline. */
export function serializeEventHistory(history: EventHistory): string {
  const events: Record<string, EventHistoryEntry> = {};
  for (const key of Object.keys(history).sort()) {
    const entry = history[key] as EventHistoryEntry;
    events[key] = { hash: entry.hash, modified: entry.modified, sequence: entry.sequence };
  }
  const file: EventHistoryFile = { description: FILE_DESCRIPTION, events };
  return `${JSON.stringify(file, null, 2)}\n`;
}
