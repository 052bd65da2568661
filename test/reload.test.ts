import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchData, type WatchLogger } from '../src/data/watch.js';
import { dataFiles } from '../src/data/load.js';
import { createDataStore, type ReloadResult } from '../src/data/store.js';
import { DataError } from '../src/domain/errors.js';
import type { Dataset } from '../src/domain/model.js';
import { buildTestApp, countingRenderer, LOADED_AT, type TestApp } from './helpers/app.js';

interface Health {
  status: string;
  version: string;
  updated: string;
  loadedAt: string;
  reload: { ok: boolean; error?: { issues: { file: string; path: string; message: string }[]; at: string } };
}

let t: TestApp | undefined;
afterEach(async () => t?.close());

async function feed(a: TestApp) {
  const res = await a.app.inject({ url: '/feeds/general.ics' });
  expect(res.statusCode).toBe(200);
  return { body: res.body, etag: String(res.headers.etag), lastModified: String(res.headers['last-modified']) };
}

async function health(a: TestApp): Promise<Health> {
  const res = await a.app.inject({ url: '/healthz' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['cache-control']).toBe('no-store');
  return res.json<Health>();
}

describe('/healthz', () => {
  it('reports the version being served', async () => {
    t = await buildTestApp({ renderFeed: countingRenderer().render });
    expect(await health(t)).toEqual({
      status: 'ok',
      version: t.store.current.version,
      updated: t.store.current.plan.meta.updated,
      loadedAt: LOADED_AT.toISOString(),
      reload: { ok: true },
    });
  });
});

describe('reload', () => {
  it('serves new bytes and a new ETag after the data changes', async () => {
    t = await buildTestApp({ renderFeed: countingRenderer().render });
    const before = await feed(t);
    await t.copy.editJson('plan.json', (plan) => {
      const meta = plan.meta as Record<string, unknown>;
      meta.updated = '2027-03-01T00:00:00Z';
      const item = (plan.items as Record<string, unknown>[])[0] as Record<string, unknown>;
      item.title = 'Изменённое название пункта';
    });
    const result = await t.store.reload();
    expect(result).toMatchObject({ ok: true, changed: true });
    const after = await feed(t);
    expect(after.etag).not.toBe(before.etag);
    expect(after.body).toContain('Изменённое название пункта');
    expect(after.lastModified).toBe('Mon, 01 Mar 2027 00:00:00 GMT');
  });

  it('keeps serving the old feed when a file breaks, reports where, and recovers when it is repaired', async () => {
    t = await buildTestApp({ renderFeed: countingRenderer().render });
    const good = await feed(t);
    const version = t.store.current.version;
    const original = await readFile(path.join(t.copy.dataDir, 'organizations.json'), 'utf8');

    await t.copy.editJson('data/organizations.json', (registry) => {
      const org = (registry.organizations as Record<string, unknown>[])[1] as Record<string, unknown>;
      org.types = ['school'];
    });
    const failed = await t.store.reload();
    expect(failed.ok).toBe(false);

    expect(await feed(t)).toEqual(good);
    const degraded = await health(t);
    expect(degraded.status).toBe('degraded');
    expect(degraded.version).toBe(version);
    expect(degraded.reload.ok).toBe(false);
    const issues = degraded.reload.error?.issues ?? [];
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.some((i) => i.file.endsWith('organizations.json') && i.path.startsWith('/organizations/1/types'))).toBe(true);
    expect(Number.isNaN(Date.parse(degraded.reload.error?.at ?? ''))).toBe(false);

    await t.copy.writeText('data/organizations.json', '{ "source": ');
    expect((await t.store.reload()).ok).toBe(false);
    const syntax = await health(t);
    expect(syntax.reload.error?.issues.some((i) => i.file.endsWith('organizations.json'))).toBe(true);
    expect(await feed(t)).toEqual(good);

    await t.copy.writeText('data/organizations.json', original);
    expect(await t.store.reload()).toEqual({ ok: true, version, changed: false });
    expect((await health(t)).status).toBe('ok');
    expect(await feed(t)).toEqual(good);
  });
});

describe('data store', () => {
  function fakeDataset(version: string): Dataset {
    return { version } as unknown as Dataset;
  }

  it('coalesces concurrent reloads into one follow-up load', async () => {
    let loads = 0;
    const gates: (() => void)[] = [];
    const store = await createDataStore(async () => {
      loads += 1;
      if (loads > 1) await new Promise<void>((resolve) => gates.push(resolve));
      return fakeDataset(`v${loads}`);
    });
    const first = store.reload();
    const second = store.reload();
    const third = store.reload();
    expect(second).toBe(third);
    await Promise.resolve();
    gates.shift()?.();
    expect(await first).toEqual({ ok: true, version: 'v2', changed: true });
    await new Promise((resolve) => setImmediate(resolve));
    gates.shift()?.();
    expect(await second).toEqual({ ok: true, version: 'v3', changed: true });
    expect(loads).toBe(3);
    expect(store.current.version).toBe('v3');
  });

  it('refuses to start on invalid data, and turns a loader crash on reload into a reported error', async () => {
    const issue = { file: 'plan.json', path: '/meta', message: 'ошибка' };
    await expect(createDataStore(async () => Promise.reject(new DataError([issue])))).rejects.toBeInstanceOf(DataError);

    let crash = false;
    const at = new Date('2026-05-05T05:05:05Z');
    const store = await createDataStore(
      async () => {
        if (crash) throw new Error('EACCES: permission denied');
        return fakeDataset('v1');
      },
      { clock: () => at },
    );
    crash = true;
    const result = await store.reload();
    expect(result.ok).toBe(false);
    expect(store.lastReloadError?.at).toEqual(at);
    expect(store.lastReloadError?.error.issues[0]?.message).toContain('EACCES');
    expect(store.current.version).toBe('v1');
  });
});

describe('file watching', () => {
  it('reloads when a data file is replaced by rename, as editors save', async () => {
    t = await buildTestApp({ renderFeed: countingRenderer().render });
    const version = t.store.current.version;
    const logged: string[] = [];
    const log: WatchLogger = {
      info: (_o, msg) => logged.push(msg),
      warn: (_o, msg) => logged.push(msg),
      error: (_o, msg) => logged.push(msg),
    };
    const results: ReloadResult[] = [];
    const watcher = watchData(t.store, dataFiles({ planFile: t.copy.planFile, dataDir: t.copy.dataDir }), log, {
      debounceMs: 50,
      onReload: (r) => results.push(r),
    });
    try {
      const file = path.join(t.copy.dataDir, 'school-years.json');
      const json = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      json.description = 'Изменено редактором';
      await writeFile(`${file}.tmp`, JSON.stringify(json, null, 2));
      await rename(`${file}.tmp`, file);

      const deadline = Date.now() + 20_000;
      while (t.store.current.version === version && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(t.store.current.version).not.toBe(version);
      expect(results.some((r) => r.ok && r.changed)).toBe(true);
      expect(logged).toContain('data reloaded');
    } finally {
      watcher.close();
    }
  });
});
