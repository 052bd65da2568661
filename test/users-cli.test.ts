/** `npm run users`: adding, listing, disabling accounts, new passwords and tokens, in STATE_DIR, with audit entries. */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main, type UsersIo } from '../src/cli/users.js';
import { openState } from '../src/state/index.js';
import { verifyPassword } from '../src/state/passwords.js';

const ROOT = path.resolve(import.meta.dirname, '..');
let stateDir: string;
let out: string[];
let err: string[];

function io(password = 'достаточно длинный пароль'): UsersIo {
  return {
    env: { STATE_DIR: stateDir, PLAN_FILE: path.join(ROOT, 'plan.json'), DATA_DIR: path.join(ROOT, 'data') },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    password: async () => password,
    clock: () => new Date('2026-02-01T10:00:00Z'),
  };
}

beforeEach(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), 'eo-calendar-users-'));
  out = [];
  err = [];
});
afterEach(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

describe('users', () => {
  it('prints its usage for --help, and names an unknown or empty option in Russian', async () => {
    expect(await main(['--help'], io())).toBe(0);
    expect(out.join('\n')).toContain('Использование:');
    expect(err).toEqual([]);
    expect(await main(['add', 'x', '--rol', 'methodologist'], io())).toBe(2);
    expect(err.at(-1)).toMatch(/^Неизвестный параметр «--rol»\.\nИспользование:/);
    expect(await main(['add', 'x', '--role'], io())).toBe(2);
    expect(err.at(-1)).toMatch(/^У параметра «--role» нет значения или оно неверно\.\nИспользование:/);
    expect(err.join('\n')).not.toMatch(/Unknown|option/);
  });

  it('adds a methodologist and a school, lists them, and keeps only an argon2id hash of the password', async () => {
    expect(await main(['add', 'metodist', '--role', 'methodologist'], io())).toBe(0);
    expect(await main(['add', 'sosh5', '--role', 'school', '--organization', 'sosh-5'], io())).toBe(0);
    expect(await main(['list'], io())).toBe(0);
    expect(out.slice(-2)).toEqual([
      'metodist\tmethodologist\tвсе организации\tактивна\tтокенов: 0',
      'sosh5\tschool\tsosh-5\tактивна\tтокенов: 0',
    ]);
    const file = await readFile(path.join(stateDir, 'accounts.json'), 'utf8');
    expect(file).not.toContain('достаточно длинный пароль');
    expect(file).toMatch(/\$argon2id\$/);
    const account = await openState(stateDir).accounts.find('sosh5');
    await expect(verifyPassword(account?.passwordHash, 'достаточно длинный пароль')).resolves.toBe(true);
    await expect(verifyPassword(account?.passwordHash, 'другой пароль совсем')).resolves.toBe(false);
  });

  it('refuses bad input with a Russian reason: short password, unknown organization, missing role, duplicate', async () => {
    expect(await main(['add', 'sosh5', '--role', 'school', '--organization', 'sosh-5'], io('короткий'))).toBe(1);
    expect(err.at(-1)).toContain('не короче 12 символов');
    expect(await main(['add', 'x1', '--role', 'school', '--organization', 'no-such-school'], io())).toBe(1);
    expect(err.at(-1)).toContain('«no-such-school» нет в реестре');
    expect(await main(['add', 'x1', '--role', 'school'], io())).toBe(2);
    expect(await main(['add', 'x1'], io())).toBe(2);
    expect(await main(['frobnicate', 'x1'], io())).toBe(2);
    expect(await main(['add', 'metodist', '--role', 'methodologist'], io())).toBe(0);
    expect(await main(['add', 'metodist', '--role', 'methodologist'], io())).toBe(1);
    expect(await main(['disable', 'nobody'], io())).toBe(1);
  });

  it('prints a token once, stores only its hash; disable ends sessions and tokens; passwd changes the hash', async () => {
    await main(['add', 'sosh5', '--role', 'school', '--organization', 'sosh-5'], io());
    expect(await main(['token', 'sosh5'], io())).toBe(0);
    const token = out.at(-1) as string;
    expect(token).toMatch(/^eo_[\w-]{43}$/);
    const state = openState(stateDir);
    expect(await readFile(path.join(stateDir, 'accounts.json'), 'utf8')).not.toContain(token);
    expect((await state.accounts.findByToken(token))?.account.login).toBe('sosh5');
    const generation = (await state.accounts.find('sosh5'))?.generation ?? -1;

    expect(await main(['passwd', 'sosh5'], io('новый длинный пароль школы'))).toBe(0);
    const changed = await state.accounts.find('sosh5');
    await expect(verifyPassword(changed?.passwordHash, 'новый длинный пароль школы')).resolves.toBe(true);
    expect(changed?.generation).toBe(generation + 1);

    await new Promise<void>((resolve, reject) => state.sessions.set('sid', { cookie: { expires: '2099-01-01T00:00:00Z' }, login: 'sosh5', generation: 1 }, (e) => (e ? reject(e) : resolve())));
    expect(await main(['disable', 'sosh5'], io())).toBe(0);
    expect(await state.accounts.findByToken(token)).toBeUndefined();
    const session = await new Promise((resolve) => state.sessions.get('sid', (_e, s) => resolve(s)));
    expect(session).toBeNull();
    expect((await state.audit.entries()).map((e) => [e.action, e.address])).toEqual([
      ['account-added', 'cli'],
      ['token-issued', 'cli'],
      ['password-changed', 'cli'],
      ['account-disabled', 'cli'],
    ]);
  });

  it('reads the password from standard input when run as a program', async () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/users.ts'), 'add', 'metodist', '--role', 'methodologist'], {
      input: 'пароль из стандартного ввода\n',
      env: { ...process.env, STATE_DIR: stateDir },
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Учётная запись «metodist» создана');
    const account = await openState(stateDir).accounts.find('metodist');
    await expect(verifyPassword(account?.passwordHash, 'пароль из стандартного ввода')).resolves.toBe(true);
  });
});
