/**
 * Publications (`STATE_DIR/revisions/<id>.json`): each holds the documents it published, who,
 * when, why and what changed. The data as first found on start-up is revision 1, and data
 * changed outside the editor (git, a school's settings) becomes a revision when next seen, so
 * history covers everything subscribers were ever served. Files are never rewritten.
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../data/write-atomic.js';
import type { Change } from '../domain/changes.js';
import type { DataDocuments } from '../domain/documents.js';

export interface RevisionSummary {
  readonly id: number;
  /** UTC ISO time of the publication. */
  readonly at: string;
  /** The account that published; `вне редактора` for data found changed on disk. */
  readonly author: string;
  readonly comment: string;
  /** `plan.meta.version` it published. */
  readonly version: string;
  /** The revision whose content this one restored. */
  readonly restoredFrom?: number;
  readonly changes: readonly Change[];
}

export interface Revision extends RevisionSummary {
  readonly documents: DataDocuments;
}

const NAME = /^(\d{6})\.json$/;

export class RevisionLog {
  constructor(private readonly dir: string) {}

  private file(id: number): string {
    return path.join(this.dir, `${String(id).padStart(6, '0')}.json`);
  }

  async ids(): Promise<number[]> {
    try {
      const names = await readdir(this.dir);
      return names.flatMap((n) => (NAME.test(n) ? [Number(NAME.exec(n)?.[1])] : [])).sort((a, b) => a - b);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  async get(id: number): Promise<Revision | undefined> {
    if (!Number.isSafeInteger(id) || id < 1) return undefined;
    try {
      return JSON.parse(await readFile(this.file(id), 'utf8')) as Revision;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async latest(): Promise<Revision | undefined> {
    const last = (await this.ids()).at(-1);
    return last === undefined ? undefined : this.get(last);
  }

  /** Newest first, without the documents. */
  async list(): Promise<RevisionSummary[]> {
    const revisions = await Promise.all((await this.ids()).reverse().map((id) => this.get(id)));
    return revisions.flatMap((r) => (r ? [summaryOf(r)] : []));
  }

  /** Callers serialize appends (the publisher's queue): the id is one more than the last. */
  async append(revision: Omit<Revision, 'id'>): Promise<Revision> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const id = ((await this.ids()).at(-1) ?? 0) + 1;
    const record: Revision = { id, ...revision };
    await writeFileAtomic(this.file(id), `${JSON.stringify(record)}\n`, {}, 0o600);
    return record;
  }
}

export function summaryOf(revision: Revision): RevisionSummary {
  const { documents: _documents, ...summary } = revision;
  return summary;
}
