import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  configFromEnv,
  configWarnings,
  DEFAULT_CACHE_MB,
  DEFAULT_DATA_LOAD_TIMEOUT_S,
  DEFAULT_FEED_CACHE_ENTRIES,
} from '../src/http/config.js';
import { DEFAULT_LIMITS } from '../src/http/limits.js';

describe('configFromEnv', () => {
  it('has defaults that work in a container', () => {
    expect(configFromEnv({})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      publicUrl: 'http://localhost:3000',
      planFile: 'plan.json',
      dataDir: 'data',
      logLevel: 'info',
      cacheEntries: DEFAULT_FEED_CACHE_ENTRIES,
      cacheBytes: DEFAULT_CACHE_MB * 1024 * 1024,
      loadTimeoutMs: DEFAULT_DATA_LOAD_TIMEOUT_S * 1000,
      limits: DEFAULT_LIMITS,
      editor: true,
      stateDir: 'state',
    });
    expect(configFromEnv({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
  });

  it('reads every variable', () => {
    expect(
      configFromEnv({
        PORT: '8080',
        HOST: '127.0.0.1',
        PUBLIC_URL: 'https://eo.inta.example/calendar',
        PLAN_FILE: '/srv/plan.json',
        DATA_DIR: '/srv/data',
        LOG_LEVEL: 'warn',
        FEED_CACHE_ENTRIES: '50',
        CACHE_MB: '16',
        DATA_LOAD_TIMEOUT: '5',
        CONNECTION_TIMEOUT_MS: '5000',
        KEEP_ALIVE_TIMEOUT_MS: '6000',
        HEADERS_TIMEOUT_MS: '7000',
        REQUEST_TIMEOUT_MS: '8000',
        MAX_CONNECTIONS: '100',
        SHUTDOWN_TIMEOUT_MS: '2500',
        EDITOR: 'off',
        STATE_DIR: '/var/lib/eo-calendar',
      }),
    ).toEqual({
      port: 8080,
      host: '127.0.0.1',
      publicUrl: 'https://eo.inta.example/calendar',
      planFile: '/srv/plan.json',
      dataDir: '/srv/data',
      logLevel: 'warn',
      cacheEntries: 50,
      cacheBytes: 16 * 1024 * 1024,
      loadTimeoutMs: 5000,
      limits: { connectionTimeoutMs: 5000, keepAliveTimeoutMs: 6000, headersTimeoutMs: 7000, requestTimeoutMs: 8000, maxConnections: 100, shutdownTimeoutMs: 2500 },
      editor: false,
      stateDir: '/var/lib/eo-calendar',
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PUBLIC_URL: 'eo.example.ru' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'ftp://eo.example.ru' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'https://eo.example.ru/' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'https://eo.example.ru/?a=1' }, 'PUBLIC_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ FEED_CACHE_ENTRIES: '0' }, 'FEED_CACHE_ENTRIES'],
    [{ FEED_CACHE_ENTRIES: '1e3' }, 'FEED_CACHE_ENTRIES'],
    [{ CACHE_MB: '0' }, 'CACHE_MB'],
    [{ DATA_LOAD_TIMEOUT: '0' }, 'DATA_LOAD_TIMEOUT'],
    [{ CONNECTION_TIMEOUT_MS: '0' }, 'CONNECTION_TIMEOUT_MS'],
    [{ KEEP_ALIVE_TIMEOUT_MS: '10s' }, 'KEEP_ALIVE_TIMEOUT_MS'],
    [{ HEADERS_TIMEOUT_MS: '-1' }, 'HEADERS_TIMEOUT_MS'],
    [{ MAX_CONNECTIONS: '0' }, 'MAX_CONNECTIONS'],
    [{ SHUTDOWN_TIMEOUT_MS: '99' }, 'SHUTDOWN_TIMEOUT_MS'],
    [{ TRUST_PROXY: 'nginx' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '127.0.0.1,' }, 'TRUST_PROXY'],
  ])('refuses %o, naming %s', (env, name) => {
    expect(() => configFromEnv(env)).toThrow(ConfigError);
    expect(() => configFromEnv(env)).toThrow(new RegExp(`${name}=`));
  });

  it('turns the editor off only with EDITOR=off: the text-editor value npm and shells set leaves it on', () => {
    expect(configFromEnv({ EDITOR: 'off' }).editor).toBe(false);
    for (const value of ['on', 'vi', '/usr/bin/nano', 'code --wait']) expect(configFromEnv({ EDITOR: value }).editor).toBe(true);
  });

  it('reads TRUST_PROXY as a list of proxy addresses and ranges', () => {
    expect(configFromEnv({ TRUST_PROXY: '127.0.0.1, ::1,10.0.0.0/8' }).trustProxy).toEqual(['127.0.0.1', '::1', '10.0.0.0/8']);
    expect(configFromEnv({}).trustProxy).toBeUndefined();
  });

  it('reports every wrong variable at once', () => {
    try {
      configFromEnv({ PORT: '-1', LOG_LEVEL: 'loud', PUBLIC_URL: 'x' });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.split('=')[0])).toEqual(['PORT', 'LOG_LEVEL', 'PUBLIC_URL']);
    }
  });

  it('warns when every interface is served while the links say localhost', () => {
    expect(configWarnings(configFromEnv({}))).toEqual([expect.stringMatching(/HOST=0\.0\.0\.0.*PUBLIC_URL=http:\/\/localhost:3000/)]);
    expect(configWarnings(configFromEnv({ HOST: '::', PUBLIC_URL: 'http://127.0.0.1:3000' }))).toHaveLength(1);
    expect(configWarnings(configFromEnv({ HOST: '127.0.0.1' }))).toEqual([]);
    expect(configWarnings(configFromEnv({ PUBLIC_URL: 'https://eo.example.ru' }))).toEqual([]);
  });
});
