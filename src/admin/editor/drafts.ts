/**
 * The draft's operations, shared by the API and the HTML editor: what the draft is (the saved one,
 * or the latest revision's documents when nobody has started one), saving it under If-Match,
 * and its preview — the problems at their fields and what publishing would change, per feed.
 */
import type { DataStore } from '../../data/store.js';
import { changesBetween, type Change } from '../../domain/changes.js';
import { assembleDataset, documentIssues, type DataDocuments } from '../../domain/documents.js';
import type { Dataset } from '../../domain/model.js';
import { draftTag, type Draft, type DraftDocuments, type Revision, type State } from '../../state/index.js';
import type { Publisher } from './publisher.js';
import { DRAFT_NAMES, problemsOf, type DraftProblem } from './problems.js';
import { Serial } from './serial.js';

export interface DraftView {
  readonly base: number;
  readonly documents: DraftDocuments;
  readonly etag: string;
  /** False while nobody has saved a draft: it is the published data. */
  readonly saved: boolean;
}

export type DraftSave =
  | { readonly kind: 'saved'; readonly etag: string; readonly problems: readonly DraftProblem[] }
  | { readonly kind: 'stale'; readonly etag: string }
  | { readonly kind: 'malformed'; readonly problems: readonly DraftProblem[] };

export interface Preview {
  readonly problems: readonly DraftProblem[];
  readonly changes: readonly Change[];
}

const KEYS = ['plan', 'organizations', 'schoolYears'] as const;

/** Any JSON object with exactly the three documents is a draft worth keeping, however wrong their content. */
export function malformedDraft(body: unknown): DraftProblem[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return [{ pointer: '', message: 'черновик — объект JSON с полями plan, organizations и schoolYears' }];
  }
  const object = body as Record<string, unknown>;
  return [
    ...KEYS.filter((k) => !Object.hasOwn(object, k)).map((k) => ({ pointer: `/${k}`, message: `нет поля ${k}: содержимое файла ${k === 'plan' ? 'plan.json' : k === 'organizations' ? 'data/organizations.json' : 'data/school-years.json'}` })),
    ...Object.keys(object).filter((k) => !(KEYS as readonly string[]).includes(k)).map((k) => ({ pointer: `/${k}`, message: `лишнее поле ${k}: черновик состоит из plan, organizations и schoolYears` })),
  ];
}

function ledgerOf(current: Dataset): { ledger?: unknown } {
  return current.eventHistory ? { ledger: { events: current.eventHistory } } : {};
}

export class DraftService {
  // Saves one at a time: two editors holding the same ETag must not both pass the check.
  /** Saves one at a time: the If-Match check and the write must not interleave. */
  private readonly saves = new Serial();

  constructor(private readonly state: State, private readonly publisher: Publisher, private readonly store: DataStore) {}

  async view(): Promise<DraftView> {
    const latest = await this.publisher.sync();
    const draft = await this.state.drafts.read();
    const shown = draft ?? { base: latest.id, documents: draftDocuments(latest) };
    return { base: shown.base, documents: shown.documents, etag: draftTag(shown), saved: draft !== undefined };
  }

  /** The documents a draft publishes: its three, with the latest revision's production calendars. */
  async documentsOf(view: DraftView): Promise<DataDocuments> {
    const latest = await this.publisher.sync();
    return { ...view.documents, workingDays: latest.documents.workingDays };
  }

  save(ifMatch: string, body: unknown, author: string, now: Date): Promise<DraftSave> {
    return this.saves.run(() => this.saveNow(ifMatch, body, author, now));
  }

  private async saveNow(ifMatch: string, body: unknown, author: string, now: Date): Promise<DraftSave> {
    const view = await this.view();
    const tags = ifMatch.split(',').map((t) => t.trim());
    if (!tags.includes('*') && !tags.includes(view.etag)) return { kind: 'stale', etag: view.etag };
    const malformed = malformedDraft(body);
    if (malformed.length > 0) return { kind: 'malformed', problems: malformed };
    const object = body as DraftDocuments;
    const draft: Draft = { base: view.base, documents: { plan: object.plan, organizations: object.organizations, schoolYears: object.schoolYears }, author, at: now.toISOString() };
    await this.state.drafts.write(draft);
    const documents = await this.documentsOf({ ...view, documents: draft.documents });
    return { kind: 'saved', etag: draftTag(draft), problems: this.problems(documents, this.store.current) };
  }

  problems(documents: DataDocuments, current: Dataset | undefined): DraftProblem[] {
    return problemsOf(documentIssues(documents, { names: DRAFT_NAMES, ...(current ? ledgerOf(current) : {}) }));
  }

  /** Rendered in its own data set: the public feeds' caches never hold a draft. */
  preview(documents: DataDocuments, current: Dataset): Preview {
    const problems = this.problems(documents, current);
    if (problems.length > 0) return { problems, changes: [] };
    const draft = assembleDataset(documents, { version: `${current.version}+draft`, names: DRAFT_NAMES });
    return { problems, changes: changesBetween(current, draft) };
  }
}

export function draftDocuments(revision: Revision): DraftDocuments {
  const { plan, organizations, schoolYears } = revision.documents;
  return { plan, organizations, schoolYears };
}
