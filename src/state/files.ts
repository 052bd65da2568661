/** Where the state module keeps its files inside STATE_DIR. Nothing outside src/state opens them. */
import path from 'node:path';

export interface StateFiles {
  readonly dir: string;
  readonly accounts: string;
  readonly sessions: string;
  readonly audit: string;
  readonly secret: string;
  readonly revisions: string;
  readonly draft: string;
}

export function stateFiles(dir: string): StateFiles {
  return {
    dir,
    accounts: path.join(dir, 'accounts.json'),
    sessions: path.join(dir, 'sessions'),
    audit: path.join(dir, 'audit.jsonl'),
    secret: path.join(dir, 'session-secret'),
    revisions: path.join(dir, 'revisions'),
    draft: path.join(dir, 'draft.json'),
  };
}
