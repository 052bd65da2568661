import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv, DEFAULT_FEED_CACHE_ENTRIES } from '../src/http/config.js';

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
  ])('refuses %o, naming %s', (env, name) => {
    expect(() => configFromEnv(env)).toThrow(ConfigError);
    expect(() => configFromEnv(env)).toThrow(new RegExp(`${name}=`));
  });

  it('reports every wrong variable at once', () => {
    try {
      configFromEnv({ PORT: '-1', LOG_LEVEL: 'loud', PUBLIC_URL: 'x' });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.split('=')[0])).toEqual(['PORT', 'LOG_LEVEL', 'PUBLIC_URL']);
    }
  });
});
