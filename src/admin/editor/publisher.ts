/**
 * Publishing: a draft (or a restored revision, or an uploaded production calendar) becomes the
 * served data in one step. Under one lock: history is brought up to date with the disk, a draft
 * started before another publication that changed its documents is refused, the documents are
 * validated exactly as at start-up, the version and `updated` are bumped, every file is written
 * atomically with the ledger stamped forward (SEQUENCE never goes back, restores included), the
 * revision is recorded, the store reloaded and, when configured, the static export rewritten.
 */
import type { DataLocation } from '../../data/load.js';
import type { DataStore } from '../../data/store.js';
import type { AtomicWriteHooks } from '../../data/write-atomic.js';
import { changesBetween } from '../../domain/changes.js';
import { assembleDataset, documentIssues, type DataDocuments } from '../../domain/documents.js';
import type { DataIssue } from '../../domain/errors.js';
import type { Dataset } from '../../domain/model.js';
import { historyFor, serializeEventHistory } from '../../render/ics/index.js';
import type { Revision, State } from '../../state/index.js';
import { recordRemovals } from '../../domain/removals.js';
import { moscowDate } from '../../render/html/format.js';
import { bumpedPlan } from './bump.js';
import { Serial } from './serial.js';
import { fileText, readPublished, sameDocuments, sameDraftDocuments, writePublication } from './files.js';
import { syncWithDisk } from './sync.js';
import { withPublication } from '../../domain/change-log.js';
import { DRAFT_NAMES, problemsOf, type DraftProblem } from './problems.js';
import { keepingCurrentSettings } from './restore.js';


export type PublishOutcome =
  | { readonly kind: 'published'; readonly revision: Revision }
  /** A restore of what is served already (a second click): no new revision. */
  | { readonly kind: 'unchanged'; readonly latest: Revision }
  | { readonly kind: 'stale'; readonly latest: Revision; readonly since: readonly Revision[] }
  | { readonly kind: 'invalid'; readonly problems: readonly DraftProblem[] };

export interface PublishRequest {
  readonly documents: DataDocuments;
  readonly author: string;
  readonly comment: string;
  /** The revision a draft was started from; absent for a restore or an upload. */
  readonly base?: number;
  readonly restoredFrom?: number;
}

export interface PublisherOptions {
  readonly location: DataLocation;
  readonly store: DataStore;
  readonly state: State;
  readonly clock: () => Date;
  readonly hooks?: AtomicWriteHooks;
  /** Where an interrupted publication found on disk, and its completion, are reported (default: a process warning). */
  readonly warn?: (message: string) => void;
  /** Rewrites the static export after a publication (EXPORT_DIR). */
  readonly afterPublish?: (dataset: Dataset) => Promise<void>;
  /** Shared with the school settings' writer: one writer at a time over the data directory. */
  readonly serial?: Serial;
}

/** The documents without the plan's `version` and `updated`, which every publication bumps. */
function unstamped(documents: DataDocuments): DataDocuments {
  const plan = documents.plan as { meta?: Record<string, unknown> } | null;
  if (plan === null || typeof plan !== 'object' || plan.meta === undefined) return documents;
  const { version: _version, updated: _updated, ...meta } = plan.meta;
  return { ...documents, plan: { ...plan, meta } };
}

export class Publisher {
  private readonly serial: Serial;

  constructor(private readonly options: PublisherOptions) {
    this.serial = options.serial ?? new Serial();
  }

  private locked<T>(run: () => Promise<T>): Promise<T> {
    return this.serial.run(run);
  }

  /** The latest revision, after recording the data on disk as a new one if it differs (start-up, git, a school's settings). */
  sync(): Promise<Revision> {
    return this.locked(() => this.syncNow());
  }

  publish(request: PublishRequest): Promise<PublishOutcome> {
    return this.locked(() => this.publishNow(request));
  }

  /**
   * After every reload of the store (the watcher, SIGHUP, a school's settings saved), history
   * and the public change log catch up with the disk at once, not at the next publication.
   */
  followReloads(): () => void {
    return this.options.store.onReload?.((result) => {
      if (result.ok && result.changed) void this.sync().catch((error: unknown) => this.warn(`не удалось записать изменение данных в историю: ${String(error)}`));
    }) ?? (() => undefined);
  }

  /** Resolves once the publications and syncs queued so far are done (closing). */
  idle(): Promise<void> {
    return this.serial.idle();
  }

  private warn(message: string): void {
    (this.options.warn ?? ((m: string) => process.emitWarning(m, 'DataWarning')))(message);
  }

  private syncNow(): Promise<Revision> {
    return syncWithDisk(this.options, (m) => this.warn(m));
  }

  private async publishNow(request: PublishRequest): Promise<PublishOutcome> {
    const { state, clock, location, store, hooks } = this.options;
    const latest = await this.syncNow();
    if (request.base !== undefined && request.base !== latest.id) {
      const base = await state.revisions.get(request.base);
      if (!base || !sameDraftDocuments(base.documents, latest.documents)) {
        const ids = (await state.revisions.ids()).filter((id) => id > request.base!);
        const since = (await Promise.all(ids.map((id) => state.revisions.get(id)))).filter((r): r is Revision => r !== undefined);
        return { kind: 'stale', latest, since };
      }
    }
    const published = await readPublished(location, (m) => this.warn(m));
    const current = assembleDataset(published.documents, published.inputs);
    // A restore takes back the department's documents, not what schools saved since (restore.ts).
    // Read under the lock the settings' writer shares, so no save slips in between.
    if (request.restoredFrom !== undefined) {
      const { organizations } = keepingCurrentSettings(request.documents.organizations, published.documents.organizations);
      request = { ...request, documents: { ...request.documents, organizations } };
      if (sameDocuments(unstamped(request.documents), unstamped(published.documents))) return { kind: 'unchanged', latest };
    }
    // The ledger is checked too: a draft dropping an id without retiring it would hand its UIDs on.
    const ledger = current.eventHistory ? { ledger: { events: current.eventHistory } } : {};
    const draftIssues = documentIssues(request.documents, { names: DRAFT_NAMES, ...ledger });
    if (draftIssues.length > 0) return { kind: 'invalid', problems: problemsOf(draftIssues) };

    const now = clock();
    const documents: DataDocuments = {
      ...request.documents,
      plan: bumpedPlan(request.documents.plan, current.plan.meta, now),
      organizations: recordRemovals(published.documents.organizations, request.documents.organizations, moscowDate(now)),
    };
    let next: Dataset;
    try {
      next = assembleDataset(documents, { version: `${current.version}+next`, names: DRAFT_NAMES, ...ledger });
    } catch (error) {
      return { kind: 'invalid', problems: problemsOf((error as { issues?: DataIssue[] }).issues ?? []) };
    }
    const changes = changesBetween(current, next);
    const record = { at: next.plan.meta.updated, comment: request.comment, version: next.plan.meta.version };
    const revisionId = ((await state.revisions.ids()).at(-1) ?? 0) + 1;
    const changeLog = withPublication(current.changeLog, { revision: revisionId, ...record, changes });
    // Stamped as it will be served: the «Изменено…» notes of the new record are part of the events.
    const stamped = serializeEventHistory(historyFor({ ...next, changeLog }, current.eventHistory));
    await writePublication(location, published.documents, documents, stamped, fileText(changeLog), hooks);
    const revision = await state.revisions.append({
      ...record,
      author: request.author,
      ...(request.restoredFrom === undefined ? {} : { restoredFrom: request.restoredFrom }),
      changes,
      documents,
    });
    const reload = await store.reload();
    if (!reload.ok) throw reload.error;
    await state.drafts.clear();
    await this.options.afterPublish?.(store.current);
    return { kind: 'published', revision };
  }
}
