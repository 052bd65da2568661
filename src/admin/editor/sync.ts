/**
 * History catching up with the disk: an interrupted publication is completed first; data that
 * differs from the latest revision (git, a hand edit, a school's settings, a publication that
 * crashed before recording its revision) becomes a revision by «вне редактора», and what it
 * changes in the feeds is told to subscribers in data/changes.json — written like a publication,
 * with the ledger stamped forward — unless `npm run stamp` or the crashed publication told it.
 */
import type { ReadData } from '../../data/load.js';
import { changesBetween } from '../../domain/changes.js';
import { assembleDataset, type DataDocuments } from '../../domain/documents.js';
import type { Dataset } from '../../domain/model.js';
import { OUTSIDE_AUTHOR, outsideComment, reportedAlready, withOutsideChange } from '../../domain/outside-change.js';
import { historyFor, serializeEventHistory } from '../../render/ics/index.js';
import type { Revision } from '../../state/index.js';
import { fileText, readPublished, recoverInterrupted, sameDocuments, writePublication } from './files.js';
import type { PublisherOptions } from './publisher.js';

// Data on disk that does not assemble is not served either (the store keeps the old set): its
// revision is recorded, but there is nothing to tell subscribers.
function assembledSafe(published: ReadData): Dataset | undefined {
  try {
    return assembleDataset(published.documents, published.inputs);
  } catch {
    return undefined;
  }
}

// Revisions found on disk were served, so they assemble; one that no longer does (a code
// change since) simply has no computed diff.
function changesSafe(before: DataDocuments, after: DataDocuments) {
  try {
    return changesBetween(assembleDataset(before, { version: 'before' }), assembleDataset(after, { version: 'after' }));
  } catch {
    return [];
  }
}

/** The latest revision, after recording the data on disk as a new one if it differs. Callers hold the publisher's lock. */
export async function syncWithDisk(options: PublisherOptions, warn: (message: string) => void): Promise<Revision> {
  const { state, clock, location, store, hooks } = options;
  await recoverInterrupted(location, warn);
  const published = await readPublished(location, warn);
  const { documents } = published;
  const latest = await state.revisions.latest();
  if (latest && sameDocuments(latest.documents, documents)) return latest;
  const version = String((documents.plan as { meta?: { version?: unknown } }).meta?.version ?? '');
  const at = clock().toISOString();
  if (!latest) return state.revisions.append({ at, author: OUTSIDE_AUTHOR, comment: 'Данные при первом запуске редактора', version, changes: [], documents });
  const current = assembledSafe(published);
  const changes = current ? changesSafe(latest.documents, documents) : [];
  const told = reportedAlready(current?.changeLog, version, changes);
  const entry = { revision: latest.id + 1, at, version, comment: told?.comment ?? outsideComment(latest.documents, documents), changes };
  const changeLog = current && withOutsideChange(current.changeLog, entry);
  if (current && changeLog) {
    const stamped = serializeEventHistory(historyFor({ ...current, changeLog }, current.eventHistory));
    await writePublication(location, documents, documents, stamped, fileText(changeLog), hooks);
  }
  // Recorded after the entry is written: a crash in between leaves the change told, and the next look records it.
  const revision = await state.revisions.append({ ...entry, author: OUTSIDE_AUTHOR, documents });
  // The store may not have seen the change yet (no watcher, or an interrupted publication just completed).
  await store.reload();
  return revision;
}
