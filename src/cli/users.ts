/**
 * `npm run users -- <command>`: the editor's accounts, in STATE_DIR (default `state/`).
 *
 *   add <login> --role methodologist
 *   add <login> --role school --organization <id> [--organization <id>…]
 *   list | disable <login> | passwd <login> | token <login>
 *
 * Passwords come from standard input (first line) or a hidden prompt; `token` prints a new API
 * token once (only its hash is kept). Exit code 0 on success, 1 on a refused change, 2 for bad
 * arguments.
 */
import { parseArgs } from 'node:util';
import { loadDataset } from '../data/load.js';
import { DataError } from '../domain/errors.js';
import { LOGIN_PATTERN } from '../state/accounts.js';
import { openState, type State } from '../state/index.js';
import { hashPassword, passwordProblem } from '../state/passwords.js';
import { isEntryPoint } from './entry.js';
import { readPassword } from './password-input.js';

const USAGE = `Использование:
  users add <логин> --role methodologist
  users add <логин> --role school --organization <id> [--organization <id> …]
  users list
  users disable <логин>
  users passwd <логин>
  users token <логин>
Пароль читается из стандартного ввода (первая строка) или запрашивается в терминале.
Каталог состояния: STATE_DIR (по умолчанию state), данные: PLAN_FILE, DATA_DIR.`;

export interface UsersIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly password: () => Promise<string>;
  readonly clock: () => Date;
}

class UsageError extends Error {}

async function newPasswordHash(io: UsersIo): Promise<string> {
  const password = await io.password();
  const problem = passwordProblem(password);
  if (problem) throw new Error(problem);
  return hashPassword(password);
}

async function checkOrganizations(io: UsersIo, ids: readonly string[]): Promise<void> {
  const data = await loadDataset({ planFile: io.env['PLAN_FILE'] || 'plan.json', dataDir: io.env['DATA_DIR'] || 'data' });
  const unknown = ids.filter((id) => !data.organizationsById.has(id));
  if (unknown.length > 0) throw new Error(`организаций ${unknown.map((id) => `«${id}»`).join(', ')} нет в реестре`);
}

const cli = { address: 'cli', via: 'cli' } as const;
const COMMANDS = ['add', 'list', 'disable', 'passwd', 'token'];

async function add(state: State, io: UsersIo, login: string, role: string | undefined, organizations: readonly string[]): Promise<void> {
  if (!LOGIN_PATTERN.test(login)) throw new UsageError('логин: латинские строчные буквы, цифры, точка, дефис, подчёркивание; от 2 до 63 символов');
  if (role !== 'methodologist' && role !== 'school') throw new UsageError('укажите --role methodologist или --role school');
  if (role === 'school' && organizations.length === 0) throw new UsageError('для роли school укажите --organization <id>');
  if (role === 'methodologist' && organizations.length > 0) throw new UsageError('методисту организации не назначаются: он видит все');
  if (organizations.length > 0) await checkOrganizations(io, organizations);
  if (await state.accounts.find(login)) throw new Error(`учётная запись «${login}» уже есть`);
  const passwordHash = await newPasswordHash(io);
  await state.accounts.add({ login, role, organizations: [...organizations], passwordHash, created: io.clock().toISOString() });
  await state.audit.append({ action: 'account-added', login, ...cli, after: { role, organizations } });
  io.out(`Учётная запись «${login}» создана (${role === 'methodologist' ? 'методист' : `школа: ${organizations.join(', ')}`}).`);
}

async function run(state: State, io: UsersIo, command: string | undefined, login: string | undefined, values: { role?: string; organization?: string[] }): Promise<void> {
  if (!COMMANDS.includes(command ?? '')) throw new UsageError(`неизвестная команда «${command ?? ''}»`);
  if (command === 'list') {
    const accounts = await state.accounts.all();
    if (accounts.length === 0) io.out('Учётных записей нет. Создайте первую: npm run users -- add <логин> --role methodologist');
    for (const a of accounts) {
      const scope = a.role === 'methodologist' ? 'все организации' : a.organizations.join(', ');
      io.out(`${a.login}\t${a.role}\t${scope}\t${a.disabled ? 'отключена' : 'активна'}\tтокенов: ${a.tokens.length}`);
    }
    return;
  }
  if (login === undefined) throw new UsageError('укажите логин');
  if (command === 'add') return add(state, io, login, values.role, values.organization ?? []);
  if (!(await state.accounts.find(login))) throw new Error(`учётной записи «${login}» нет`);
  if (command === 'disable') {
    await state.accounts.disable(login);
    const ended = await state.sessions.destroyForLogin(login);
    await state.audit.append({ action: 'account-disabled', login, ...cli, detail: `завершено сеансов: ${ended}` });
    io.out(`Учётная запись «${login}» отключена; её сеансы и токены больше не действуют.`);
  } else if (command === 'passwd') {
    await state.accounts.setPassword(login, await newPasswordHash(io));
    await state.sessions.destroyForLogin(login);
    await state.audit.append({ action: 'password-changed', login, ...cli });
    io.out(`Пароль «${login}» изменён; прежние сеансы завершены.`);
  } else {
    const token = await state.accounts.issueToken(login, io.clock());
    await state.audit.append({ action: 'token-issued', login, ...cli });
    io.err('Новый токен API (показывается один раз; сохраните его):');
    io.out(token);
  }
}

/** Node's parseArgs errors are in English: the option they name, in Russian. */
function argumentProblem(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'([^']+)'/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Неизвестный параметр «${option}».`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `У параметра «${option.split(' ')[0] ?? option}» нет значения или оно неверно.`;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) return 'Неверные параметры команды.';
  return message;
}

export async function main(argv: readonly string[], io: UsersIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { role: { type: 'string' }, organization: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    });
    if (parsed.positionals.length > 2) throw new UsageError('лишние аргументы');
  } catch (error) {
    io.err(`${argumentProblem(error)}\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help === true) {
    io.out(USAGE);
    return 0;
  }
  const [command, login] = parsed.positionals;
  const state = openState(io.env['STATE_DIR'] || 'state', io.clock);
  try {
    await run(state, io, command, login, parsed.values);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n${USAGE}`);
      return 2;
    }
    io.err(error instanceof DataError ? `Данные содержат ошибки:\n${error.message}` : `Ошибка: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (isEntryPoint(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2), {
    env: process.env,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    password: () => readPassword(),
    clock: () => new Date(),
  });
}
