/**
 * The server-side session store @fastify/session asks for: one file per session in
 * `STATE_DIR/sessions/`, named by a hash of the session id (a copy of the directory does not
 * hand out live cookies). Sessions survive a restart and can be ended from another process
 * (`npm run users -- disable`), which deletes the account's files.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../data/write-atomic.js';

type Callback = (error?: unknown) => void;
// The session plugin's own type is its Session class; what is stored is that object's JSON.
type GetCallback = (error: unknown, session?: any) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What the admin context keeps in a session besides the cookie: who, and at which account generation. */
export interface StoredSession {
  readonly cookie?: { readonly expires?: string | Date | null };
  readonly login?: string;
  readonly generation?: number;
}

function fileName(sessionId: string): string {
  return `${createHash('sha256').update(sessionId).digest('hex')}.json`;
}

function expired(session: StoredSession, now: number): boolean {
  const expires = session.cookie?.expires;
  return expires !== undefined && expires !== null && new Date(expires).getTime() <= now;
}

export class FileSessionStore {
  constructor(private readonly dir: string, private readonly clock: () => Date = () => new Date()) {}

  private async read(file: string): Promise<StoredSession | undefined> {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as StoredSession;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || error instanceof SyntaxError) return undefined;
      throw error;
    }
  }

  set(sessionId: string, session: StoredSession, callback: Callback): void {
    mkdir(this.dir, { recursive: true, mode: 0o700 })
      .then(() => writeFileAtomic(path.join(this.dir, fileName(sessionId)), JSON.stringify(session), {}, 0o600))
      .then(() => callback(), callback);
  }

  get(sessionId: string, callback: GetCallback): void {
    const file = path.join(this.dir, fileName(sessionId));
    this.read(file).then(async (session) => {
      if (session === undefined) return callback(null, null);
      if (expired(session, this.clock().getTime())) {
        await rm(file, { force: true });
        return callback(null, null);
      }
      callback(null, session);
    }, (error: unknown) => callback(error));
  }

  destroy(sessionId: string, callback: Callback): void {
    rm(path.join(this.dir, fileName(sessionId)), { force: true }).then(() => callback(), callback);
  }

  /** Ends every session of `login`, and every expired one on the way. Returns how many of the login's ended. */
  async destroyForLogin(login: string): Promise<number> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    let ended = 0;
    const now = this.clock().getTime();
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      const file = path.join(this.dir, name);
      const session = await this.read(file);
      if (session === undefined) continue;
      const mine = session.login === login;
      if (mine || expired(session, now)) await rm(file, { force: true });
      if (mine) ended += 1;
    }
    return ended;
  }
}
