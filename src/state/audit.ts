/**
 * The append-only audit log (`STATE_DIR/audit.jsonl`): one JSON object per line, appended with
 * O_APPEND so concurrent writers never interleave within a line. No secret is ever written:
 * passwords and tokens are not part of any entry, only a token's id.
 */
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export type AuditAction =
  | 'login'
  | 'login-failed'
  | 'login-throttled'
  | 'logout'
  | 'settings-changed'
  | 'settings-conflict'
  | 'account-added'
  | 'account-disabled'
  | 'password-changed'
  | 'token-issued'
  | 'draft-saved'
  | 'published'
  | 'publish-refused';

export interface AuditEntry {
  readonly at: string;
  readonly action: AuditAction;
  /** The account acting (or, for a failed login, the login that was tried). */
  readonly login: string;
  /** `cli` for the users command; the client address otherwise. */
  readonly address: string;
  /** `session`, `token:<id>` or `cli`. */
  readonly via?: string;
  readonly organization?: string;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly detail?: string;
}

export class AuditLog {
  constructor(private readonly file: string, private readonly clock: () => Date = () => new Date()) {}

  async append(entry: Omit<AuditEntry, 'at'>): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    await appendFile(this.file, `${JSON.stringify({ at: this.clock().toISOString(), ...entry })}\n`, { mode: 0o600 });
  }

  /** Every entry, oldest first; a torn last line (a crash mid-append) is skipped. */
  async entries(): Promise<AuditEntry[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const entries: AuditEntry[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        entries.push(JSON.parse(line) as AuditEntry);
      } catch {
        // A line cut short by a crash: the entries around it still count.
      }
    }
    return entries;
  }
}
