/**
 * Accounts and API tokens (`STATE_DIR/accounts.json`). Read on every request through a cache
 * keyed by the file's modification time and size, so `npm run users -- disable` in another
 * process takes effect on the next request; every change bumps the account's `generation`,
 * which every session carries, so a disabled account or a new password ends its sessions at once.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import Type, { type Static } from 'typebox';
import { Value } from 'typebox/value';
import { writeFileAtomic } from '../data/write-atomic.js';
import { OrganizationId } from '../domain/schema.js';

export const Role = Type.Union([Type.Literal('methodologist'), Type.Literal('school')]);
export type Role = Static<typeof Role>;

const ApiToken = Type.Object(
  { id: Type.String(), sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }), created: Type.String() },
  { additionalProperties: false },
);

export const Account = Type.Object(
  {
    login: Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{1,62}$' }),
    role: Role,
    organizations: Type.Array(OrganizationId),
    passwordHash: Type.String(),
    disabled: Type.Boolean(),
    generation: Type.Integer({ minimum: 0 }),
    created: Type.String(),
    tokens: Type.Array(ApiToken),
  },
  { additionalProperties: false },
);
export type Account = Static<typeof Account>;

const AccountsFile = Type.Object({ accounts: Type.Array(Account) }, { additionalProperties: false });

export const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._-]{1,62}$/;
const TOKEN_PREFIX = 'eo_';

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Who an account may edit. */
export function mayEdit(account: { readonly role: Role; readonly organizations: readonly string[] }, organizationId: string): boolean {
  return account.role === 'methodologist' || account.organizations.includes(organizationId);
}

export class AccountStore {
  private cache: { key: string; accounts: readonly Account[] } | undefined;
  // Changes in this process are serialized; the CLI and the server rarely write at once, and
  // each write replaces the whole file atomically.
  private writing: Promise<unknown> = Promise.resolve();

  constructor(private readonly file: string) {}

  async all(): Promise<readonly Account[]> {
    const info = await stat(this.file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (info === undefined) return [];
    const key = `${info.mtimeMs}:${info.size}:${info.ino}`;
    if (this.cache?.key === key) return this.cache.accounts;
    const json: unknown = JSON.parse(await readFile(this.file, 'utf8'));
    if (!Value.Check(AccountsFile, json)) {
      const first = Value.Errors(AccountsFile, json)[0];
      throw new Error(`${this.file}: ${first?.instancePath || '/'}: файл учётных записей повреждён (${first?.message ?? ''})`);
    }
    this.cache = { key, accounts: json.accounts };
    return json.accounts;
  }

  async find(login: string): Promise<Account | undefined> {
    return (await this.all()).find((a) => a.login === login);
  }

  /** The active account a token belongs to. Tokens are 256 random bits, so a plain SHA-256 suffices. */
  async findByToken(token: string): Promise<{ account: Account; tokenId: string } | undefined> {
    if (!token.startsWith(TOKEN_PREFIX)) return undefined;
    const digest = Buffer.from(sha256(token), 'hex');
    for (const account of await this.all()) {
      if (account.disabled) continue;
      for (const t of account.tokens) {
        if (timingSafeEqual(Buffer.from(t.sha256, 'hex'), digest)) return { account, tokenId: t.id };
      }
    }
    return undefined;
  }

  /** Applies `change` to the file's accounts and writes them back; returns what `change` returned. */
  update<T>(change: (accounts: Account[]) => T): Promise<T> {
    const run = this.writing.then(async () => {
      const accounts = (await this.all()).map((a) => structuredClone(a));
      const result = change(accounts);
      await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
      await writeFileAtomic(this.file, `${JSON.stringify({ accounts }, null, 2)}\n`, {}, 0o600);
      this.cache = undefined;
      return result;
    });
    this.writing = run.catch(() => undefined);
    return run;
  }

  add(account: Omit<Account, 'generation' | 'tokens' | 'disabled'>): Promise<void> {
    return this.update((accounts) => {
      if (accounts.some((a) => a.login === account.login)) throw new Error(`учётная запись «${account.login}» уже есть`);
      accounts.push({ ...account, disabled: false, generation: 0, tokens: [] });
    });
  }

  /** Disables the account and drops its tokens; the generation bump ends its sessions. */
  disable(login: string): Promise<void> {
    return this.modify(login, (a) => {
      a.disabled = true;
      a.tokens = [];
    });
  }

  setPassword(login: string, passwordHash: string): Promise<void> {
    return this.modify(login, (a) => {
      a.passwordHash = passwordHash;
    });
  }

  /** A new token for the account: returned once, only its hash is kept. */
  async issueToken(login: string, now: Date): Promise<string> {
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const id = randomBytes(6).toString('hex');
    await this.update((accounts) => {
      const account = accounts.find((a) => a.login === login);
      if (!account) throw new Error(`учётной записи «${login}» нет`);
      if (account.disabled) throw new Error(`учётная запись «${login}» отключена`);
      account.tokens.push({ id, sha256: sha256(token), created: now.toISOString() });
    });
    return token;
  }

  private modify(login: string, change: (account: Account) => void): Promise<void> {
    return this.update((accounts) => {
      const account = accounts.find((a) => a.login === login);
      if (!account) throw new Error(`учётной записи «${login}» нет`);
      change(account);
      account.generation += 1;
    });
  }
}
