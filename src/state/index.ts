/**
 * The state module: accounts, API tokens, sessions and the audit log, all in STATE_DIR
 * (default `state/`, git-ignored). Nothing else reads or writes these files; nothing here is
 * part of the data set, so it can never reach a feed, the JSON API or the static export.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../data/write-atomic.js';
import { AccountStore } from './accounts.js';
import { AuditLog } from './audit.js';
import { stateFiles } from './files.js';
import { DraftStore } from './drafts.js';
import { RevisionLog } from './revisions.js';
import { FileSessionStore } from './sessions.js';

export { AccountStore, mayEdit, type Account, type Role } from './accounts.js';
export { AuditLog, type AuditAction, type AuditEntry } from './audit.js';
export { FileSessionStore } from './sessions.js';
export { DraftStore, draftTag, type Draft, type DraftDocuments } from './drafts.js';
export { RevisionLog, summaryOf, type Revision, type RevisionSummary } from './revisions.js';

export interface State {
  readonly dir: string;
  readonly accounts: AccountStore;
  readonly sessions: FileSessionStore;
  readonly audit: AuditLog;
  readonly revisions: RevisionLog;
  readonly drafts: DraftStore;
  /** The key that signs session cookies: made on first use, kept so sessions survive a restart. */
  sessionSecret(): Promise<string>;
}

export function openState(dir: string, clock: () => Date = () => new Date()): State {
  const files = stateFiles(dir);
  return {
    dir,
    accounts: new AccountStore(files.accounts),
    sessions: new FileSessionStore(files.sessions, clock),
    audit: new AuditLog(files.audit, clock),
    revisions: new RevisionLog(files.revisions),
    drafts: new DraftStore(files.draft),
    async sessionSecret() {
      try {
        return (await readFile(files.secret, 'utf8')).trim();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const secret = randomBytes(32).toString('base64url');
      await writeFileAtomic(files.secret, `${secret}\n`, {}, 0o600);
      return secret;
    },
  };
}
