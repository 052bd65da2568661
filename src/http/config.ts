/** What the HTTP app needs to know about its surroundings; built from the environment by server.ts only. */
export interface AppConfig {
  /** Absolute http(s) URL the service is reachable at, without a trailing slash: links in feeds and problems. */
  readonly publicUrl: string;
  readonly planFile: string;
  readonly dataDir: string;
  /** How many rendered representations (feed × options × data version) to keep. */
  readonly cacheEntries: number;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface ServerConfig extends AppConfig {
  /** `EDITOR=off` makes the instance read-only: no /admin (a replica on a shared data volume). */
  readonly editor: boolean;
  /** Accounts, sessions and the audit log (never in DATA_DIR, never exported). */
  readonly stateDir: string;
  readonly port: number;
  /** `0.0.0.0` by default: inside a container the port is only reachable on all interfaces. */
  readonly host: string;
  readonly logLevel: LogLevel;
  /** `EXPORT_DIR`: the static export the editor rewrites after each publication. */
  readonly exportDir?: string;
}

/** The environment is wrong: the service must not start. Each message names the variable. */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Неверная конфигурация:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export const DEFAULT_FEED_CACHE_ENTRIES = 2000;

type Env = Readonly<Record<string, string | undefined>>;

function integer(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    problems.push(`${name}=${JSON.stringify(raw)}: ожидается целое число от ${min} до ${max}`);
    return fallback;
  }
  return Number(raw);
}

function publicUrl(raw: string, problems: string[]): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push(`PUBLIC_URL=${JSON.stringify(raw)}: ожидается абсолютный адрес http(s), например https://eo.example.ru`);
    return raw;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    problems.push(`PUBLIC_URL=${JSON.stringify(raw)}: допустимы только схемы http и https`);
  } else if (raw.endsWith('/')) {
    problems.push(`PUBLIC_URL=${JSON.stringify(raw)}: уберите завершающую косую черту`);
  } else if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    problems.push(`PUBLIC_URL=${JSON.stringify(raw)}: адрес не должен содержать параметров, фрагмента или учётных данных`);
  }
  return raw;
}

function nonEmpty(env: Env, name: string, fallback: string): string {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? fallback : raw;
}

/**
 * Reads PORT, HOST, PUBLIC_URL, PLAN_FILE, DATA_DIR, LOG_LEVEL, FEED_CACHE_ENTRIES, EDITOR and STATE_DIR.
 * Collects every problem before failing, so one start-up attempt shows them all.
 */
export function configFromEnv(env: Env): ServerConfig {
  const problems: string[] = [];
  const port = integer(env, 'PORT', 3000, 0, 65535, problems);
  const cacheEntries = integer(env, 'FEED_CACHE_ENTRIES', DEFAULT_FEED_CACHE_ENTRIES, 1, 1_000_000, problems);
  const logLevel = nonEmpty(env, 'LOG_LEVEL', 'info');
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`LOG_LEVEL=${JSON.stringify(logLevel)}: допустимы ${LOG_LEVELS.join(', ')}`);
  }
  const editor = nonEmpty(env, 'EDITOR', 'on');
  if (editor !== 'on' && editor !== 'off') problems.push(`EDITOR=${JSON.stringify(editor)}: допустимы on и off`);
  const config: ServerConfig = {
    port,
    editor: editor !== 'off',
    stateDir: nonEmpty(env, 'STATE_DIR', 'state'),
    host: nonEmpty(env, 'HOST', '0.0.0.0'),
    publicUrl: publicUrl(nonEmpty(env, 'PUBLIC_URL', `http://localhost:${port}`), problems),
    planFile: nonEmpty(env, 'PLAN_FILE', 'plan.json'),
    dataDir: nonEmpty(env, 'DATA_DIR', 'data'),
    logLevel: logLevel as LogLevel,
    cacheEntries,
    ...(env['EXPORT_DIR'] ? { exportDir: env['EXPORT_DIR'] } : {}),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
