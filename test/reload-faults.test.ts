/**
 * Files a careless editor or a broken mount leaves behind (issue 13): each is refused, the old
 * data keeps being served, and /healthz says why; a load that hangs is reported after the timeout.
 */
import { execFileSync } from 'node:child_process';
import { readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDataset } from '../src/data/load.js';
import { createDataStore } from '../src/data/store.js';
import type { Dataset } from '../src/domain/model.js';
import { buildApp } from '../src/http/app.js';
import { buildTestApp, copyData, countingRenderer, LOADED_AT, testConfig, type TestApp } from './helpers/app.js';

interface Health {
  status: string;
  version: string;
  reload: { ok: boolean; inProgressSince?: string; error?: { issues: { file: string; path: string; message: string }[] } };
}

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const CP1251_SPECIALS: Readonly<Record<string, number>> = { Ё: 0xa8, ё: 0xb8, '«': 0xab, '»': 0xbb, '№': 0xb9, '–': 0x96, '—': 0x97, '\u00A0': 0xa0 };

/** What Notepad's «ANSI» writes on a Russian Windows. */
function cp1251(text: string): Buffer {
  return Buffer.from(
    [...text].map((char) => {
      const code = char.codePointAt(0) as number;
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      return CP1251_SPECIALS[char] ?? 0x3f;
    }),
  );
}

async function feedEtag(a: TestApp): Promise<string> {
  const res = await a.app.inject({ url: '/feeds/general.ics' });
  expect(res.statusCode).toBe(200);
  return String(res.headers.etag);
}

const REGISTRY = 'data/organizations.json';

describe('a data file replaced by', () => {
  it.each([
    ['a FIFO', async (file: string) => execFileSync('mkfifo', [file]), 'ожидается обычный файл, а это именованный канал (FIFO)'],
    ['a symbolic link to a device', (file: string) => symlink('/dev/zero', file), 'ожидается обычный файл, а это устройство'],
    ['a 20 MB file', (file: string) => writeFile(file, `{"organizations": []${' '.repeat(20 * 1024 * 1024)}}`), 'файл слишком большой: 20 МБ, а файл данных может быть не больше 10 МБ'],
    [
      'the registry saved as Windows-1251',
      async (file: string, original: string) => writeFile(file, cp1251(original)),
      'файл, похоже, сохранён в кодировке Windows-1251 — сохраните его как UTF-8',
    ],
  ])('%s is refused, the old data served, /healthz degraded with the reason', async (_name, replace, reason) => {
    t = await buildTestApp({ renderFeed: countingRenderer().render });
    const version = t.store.current.version;
    const etag = await feedEtag(t);
    const file = path.join(t.copy.dir, REGISTRY);
    const original = await readFile(file, 'utf8');
    await rm(file);
    await replace(file, original);

    const started = Date.now();
    const result = await t.store.reload();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.ok).toBe(false);
    expect(t.store.current.version).toBe(version);
    expect(await feedEtag(t)).toBe(etag);
    const health = (await t.app.inject({ url: '/healthz' })).json<Health>();
    expect(health.status).toBe('degraded');
    expect(health.version).toBe(version);
    expect(health.reload.error?.issues).toEqual([{ file: expect.stringMatching(/organizations\.json$/), path: '', message: expect.stringContaining(reason) }]);
  });

  it('invalid UTF-8 that is not Windows-1251 is refused with the line', async () => {
    t = await buildTestApp({ renderFeed: countingRenderer().render });
    const head = Buffer.from('{\n  "organizations": [\n    "');
    // 0x80 0x81 are «Ђ Ѓ» in Windows-1251: not Russian text, so no guess about the encoding.
    await writeFile(path.join(t.copy.dir, REGISTRY), Buffer.concat([head, Buffer.from([0x80, 0x81, 0x41]), Buffer.from('"\n  ]\n}\n')]));
    const result = await t.store.reload();
    expect(!result.ok && result.error.issues[0]?.message).toBe(
      `файл не в кодировке UTF-8: неверная последовательность байтов в строке 3 (байт ${head.length + 1}) — сохраните файл как UTF-8`,
    );
  });

  it('a symbolic link to a regular file is read', async () => {
    t = await buildTestApp({ renderFeed: countingRenderer().render });
    const file = path.join(t.copy.dir, REGISTRY);
    const moved = path.join(t.copy.dir, 'registry-elsewhere.json');
    await writeFile(moved, await readFile(file));
    await rm(file);
    await symlink(moved, file);
    expect(await t.store.reload()).toMatchObject({ ok: true, changed: false });
  });
});

describe('a load that hangs', () => {
  it('shows in /healthz while it runs, fails after the timeout, and lets the next reload through', async () => {
    const copy = await copyData();
    const location = { planFile: copy.planFile, dataDir: copy.dataDir };
    let hang = false;
    const loader = (): Promise<Dataset> => (hang ? new Promise<Dataset>(() => undefined) : loadDataset(location));
    const store = await createDataStore(loader, { clock: () => new Date(), timeoutMs: 300 });
    const app = await buildApp({ store, config: testConfig(copy), clock: () => LOADED_AT, renderFeed: countingRenderer().render });
    t = { app, store, copy, close: async () => (await app.close(), await copy.remove()) };
    const version = store.current.version;

    hang = true;
    const stuck = store.reload();
    const during = (await app.inject({ url: '/healthz' })).json<Health>();
    expect(during.status).toBe('ok');
    expect(Date.parse(during.reload.inProgressSince ?? '')).toBeGreaterThan(Date.now() - 5_000);
    // A valid edit meanwhile queues behind the stuck load instead of being lost.
    hang = false;
    await copy.editJson('plan.json', (plan) => ((plan.meta as Record<string, unknown>).version = 'after-the-hang'));
    const next = store.reload();

    const result = await stuck;
    expect(result.ok).toBe(false);
    const after = (await app.inject({ url: '/healthz' })).json<Health>();
    expect(after.reload.error?.issues[0]?.message).toContain('загрузка данных не завершилась за 0,3 с');
    expect(store.current.version).toBe(version);

    expect(await next).toMatchObject({ ok: true, changed: true });
    const healthy = (await app.inject({ url: '/healthz' })).json<Health>();
    expect(healthy).toMatchObject({ status: 'ok', reload: { ok: true } });
    expect(healthy.reload.inProgressSince).toBeUndefined();
    expect(store.current.version.startsWith('after-the-hang+')).toBe(true);
  });

  it('stops start-up with the timeout named', async () => {
    await expect(createDataStore(() => new Promise<Dataset>(() => undefined), { timeoutMs: 100 })).rejects.toThrow('загрузка данных не завершилась за 0,1 с');
  });
});
