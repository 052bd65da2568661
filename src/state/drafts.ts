/**
 * The department's draft (`STATE_DIR/draft.json`): the three documents being edited and the
 * revision they were started from, which is how a publish over someone else's newer one is
 * caught. One draft for the department: two methodologists share it, and its ETag keeps either
 * from overwriting the other's edit unseen.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../data/write-atomic.js';

/** Exactly the content of plan.json, data/organizations.json and data/school-years.json. */
export interface DraftDocuments {
  readonly plan: unknown;
  readonly organizations: unknown;
  readonly schoolYears: unknown;
}

export interface Draft {
  /** The revision the draft was started from. */
  readonly base: number;
  readonly documents: DraftDocuments;
  /** Who saved it last, and when (UTC ISO). */
  readonly author: string;
  readonly at: string;
}

/** The strong entity tag of a draft: its base and its documents. */
export function draftTag(draft: Pick<Draft, 'base' | 'documents'>): string {
  const hash = createHash('sha256').update(JSON.stringify([draft.base, draft.documents])).digest('hex').slice(0, 20);
  return `"draft-${hash}"`;
}

export class DraftStore {
  constructor(private readonly file: string) {}

  async read(): Promise<Draft | undefined> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as Draft;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async write(draft: Draft): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    await writeFileAtomic(this.file, `${JSON.stringify(draft)}\n`, {}, 0o600);
  }

  async clear(): Promise<void> {
    await rm(this.file, { force: true });
  }
}
