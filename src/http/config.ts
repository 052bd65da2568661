import { isIP } from 'node:net';
import { DEFAULT_LIMITS, type ServerLimits } from './limits.js';

/** What the HTTP app needs to know about its surroundings; built from the environment by server.ts only. */
export interface AppConfig {
  /** Absolute http(s) URL the service is reachable at, without a trailing slash: links in feeds and problems. */
  readonly publicUrl: string;
  readonly planFile: string;
  readonly dataDir: string;
  /** How many rendered representations (feed × options × data version) to keep. */
  readonly cacheEntries: number;
  /** Bytes the cached representations may hold, compressed copies included (default DEFAULT_CACHE_BYTES). */
  readonly cacheBytes?: number;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface ServerConfig extends AppConfig {
  /** A data load (start-up or reload) that takes longer fails. */
  readonly loadTimeoutMs: number;
  /** `EDITOR=off` makes the instance read-only: no /admin (a replica on a shared data volume); any other value leaves it on. */
  readonly editor: boolean;
  /** Accounts, sessions and the audit log (never in DATA_DIR, never exported). */
  readonly stateDir: string;
  /**
   * `TRUST_PROXY`: addresses or CIDR ranges of the proxies whose `X-Forwarded-For` names the
   * client (e.g. `127.0.0.1,::1` for nginx on the same host); unset, the socket's address counts.
   */
  readonly trustProxy?: readonly string[];
  readonly port: number;
  /** `0.0.0.0` by default: inside a container the port is only reachable on all interfaces. */
  readonly host: string;
  readonly logLevel: LogLevel;
  readonly limits: ServerLimits;
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
export const DEFAULT_CACHE_MB = 64;
export const DEFAULT_DATA_LOAD_TIMEOUT_S = 30;

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

const MINUTE = 60_000;

/** `TRUST_PROXY=127.0.0.1,::1` or `10.0.0.0/8`: each part an IP address, optionally with a prefix length. */
function proxiesFromEnv(env: Env, problems: string[]): readonly string[] | undefined {
  const raw = env['TRUST_PROXY'];
  if (raw === undefined || raw.trim() === '') return undefined;
  const parts = raw.split(',').map((part) => part.trim());
  for (const part of parts) {
    const [address = '', prefix, ...rest] = part.split('/');
    const version = isIP(address);
    const maxPrefix = version === 6 ? 128 : 32;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix);
    if (version === 0 || !prefixOk || rest.length > 0) {
      problems.push(`TRUST_PROXY=${JSON.stringify(raw)}: «${part}» — не IP-адрес и не диапазон вида 10.0.0.0/8; перечислите адреса прокси через запятую`);
    }
  }
  return parts;
}

function limitsFromEnv(env: Env, problems: string[]): ServerLimits {
  const ms = (name: string, fallback: number, min: number, max: number) => integer(env, name, fallback, min, max, problems);
  return {
    connectionTimeoutMs: ms('CONNECTION_TIMEOUT_MS', DEFAULT_LIMITS.connectionTimeoutMs, 1_000, 60 * MINUTE),
    keepAliveTimeoutMs: ms('KEEP_ALIVE_TIMEOUT_MS', DEFAULT_LIMITS.keepAliveTimeoutMs, 1_000, 10 * MINUTE),
    headersTimeoutMs: ms('HEADERS_TIMEOUT_MS', DEFAULT_LIMITS.headersTimeoutMs, 1_000, 10 * MINUTE),
    requestTimeoutMs: ms('REQUEST_TIMEOUT_MS', DEFAULT_LIMITS.requestTimeoutMs, 1_000, 60 * MINUTE),
    maxConnections: integer(env, 'MAX_CONNECTIONS', DEFAULT_LIMITS.maxConnections, 1, 1_000_000, problems),
    shutdownTimeoutMs: ms('SHUTDOWN_TIMEOUT_MS', DEFAULT_LIMITS.shutdownTimeoutMs, 100, 10 * MINUTE),
  };
}

/**
 * Reads PORT, HOST, PUBLIC_URL, PLAN_FILE, DATA_DIR, LOG_LEVEL, FEED_CACHE_ENTRIES, CACHE_MB,
 * DATA_LOAD_TIMEOUT, EDITOR, STATE_DIR and the limits (CONNECTION_TIMEOUT_MS,
 * KEEP_ALIVE_TIMEOUT_MS, HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS, MAX_CONNECTIONS,
 * SHUTDOWN_TIMEOUT_MS).
 * Collects every problem before failing, so one start-up attempt shows them all.
 */
export function configFromEnv(env: Env): ServerConfig {
  const problems: string[] = [];
  const port = integer(env, 'PORT', 3000, 0, 65535, problems);
  const cacheEntries = integer(env, 'FEED_CACHE_ENTRIES', DEFAULT_FEED_CACHE_ENTRIES, 1, 1_000_000, problems);
  const cacheBytes = integer(env, 'CACHE_MB', DEFAULT_CACHE_MB, 1, 65_536, problems) * 1024 * 1024;
  const loadTimeoutMs = integer(env, 'DATA_LOAD_TIMEOUT', DEFAULT_DATA_LOAD_TIMEOUT_S, 1, 3600, problems) * 1000;
  const logLevel = nonEmpty(env, 'LOG_LEVEL', 'info');
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`LOG_LEVEL=${JSON.stringify(logLevel)}: допустимы ${LOG_LEVELS.join(', ')}`);
  }
  const trustProxy = proxiesFromEnv(env, problems);
  // Only `off` turns the editor off. EDITOR is also the Unix text-editor variable (npm sets it to
  // `vi` for every `npm start`), so any other value leaves the editor on instead of refusing to start.
  const editor = nonEmpty(env, 'EDITOR', 'on');
  const config: ServerConfig = {
    port,
    editor: editor !== 'off',
    stateDir: nonEmpty(env, 'STATE_DIR', 'state'),
    ...(trustProxy === undefined ? {} : { trustProxy }),
    host: nonEmpty(env, 'HOST', '0.0.0.0'),
    publicUrl: publicUrl(nonEmpty(env, 'PUBLIC_URL', `http://localhost:${port}`), problems),
    planFile: nonEmpty(env, 'PLAN_FILE', 'plan.json'),
    dataDir: nonEmpty(env, 'DATA_DIR', 'data'),
    logLevel: logLevel as LogLevel,
    cacheEntries,
    cacheBytes,
    loadTimeoutMs,
    limits: limitsFromEnv(env, problems),
    ...(env['EXPORT_DIR'] ? { exportDir: env['EXPORT_DIR'] } : {}),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

const ALL_INTERFACES = new Set(['0.0.0.0', '::', '[::]']);
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Why the configuration, valid as it is, is probably a mistake: listening on every interface
 * while every link says localhost means other machines get feeds whose links lead nowhere.
 * The container default does exactly this, so it warns rather than refuses.
 */
export function configWarnings(config: ServerConfig): string[] {
  const host = new URL(config.publicUrl).hostname;
  if (ALL_INTERFACES.has(config.host) && LOCAL_HOSTS.has(host)) {
    return [
      `HOST=${config.host} принимает запросы со всех сетевых интерфейсов, а PUBLIC_URL=${config.publicUrl} указывает на этот же компьютер: ` +
        'ссылки в лентах и на страницах будут вести в никуда для всех остальных. Задайте PUBLIC_URL — публичный адрес сервиса (например https://eo.example.ru) — или HOST=127.0.0.1.',
    ];
  }
  return [];
}
