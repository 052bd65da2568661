/**
 * A publication is one switch (issue 12): readers never load a mix of two versions, whether they
 * read during the renames, after a writer crashed between them, or in a loop while publications
 * run; an interrupted publication is completed, and a stale marker never blocks loading.
 */
import { spawnSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recoverInterrupted, writePublication } from '../src/admin/editor/files.js';
import { dataFiles, loadDataset, readData, type DataLocation } from '../src/data/load.js';
import { MARKER_FILE } from '../src/data/publication-marker.js';
import { createDataStore } from '../src/data/store.js';
import { watchData, type WatchLogger } from '../src/data/watch.js';
import type { AtomicWriteHooks } from '../src/data/write-atomic.js';
import type { DataDocuments } from '../src/domain/documents.js';
import type { Dataset } from '../src/domain/model.js';
import { copyData, type DataCopy } from './helpers/app.js';
import { buildEditorApp, METHODOLOGIST } from './helpers/editor.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- the tests tag the documents' JSON freely */
let copy: DataCopy;
let location: DataLocation;
let original: DataDocuments;
let ledger: string;
let changeLog: string;

beforeEach(async () => {
  copy = await copyData();
  location = { planFile: copy.planFile, dataDir: copy.dataDir };
  original = (await readData(location)).documents;
  ledger = await readFile(path.join(copy.dataDir, 'event-history.json'), 'utf8');
  changeLog = `${JSON.stringify({ publications: [] }, null, 2)}\n`;
});
afterEach(async () => {
  await copy.remove();
});

/** Version `n` of the data: its number in each of the three documents a publication replaces. */
function tagged(n: number): DataDocuments {
  const clone = structuredClone(original) as any;
  clone.plan.meta.version = `2026.${1000 + n}`;
  clone.organizations.organizations[0].shortName = `Лицей № 1 — версия ${n}`;
  clone.schoolYears.years[0].source = `версия ${n}`;
  return clone as DataDocuments;
}

/** The version numbers a loaded data set carries in its plan, registry and school years (the original is 0). */
function tags(data: Dataset): number[] {
  const number = (text: string | undefined, pattern: RegExp) => Number(pattern.exec(text ?? '')?.[1] ?? 0);
  return [
    number(data.plan.meta.version, /^2026\.1(\d{3})$/),
    number(data.registry.organizations[0]?.shortName, /версия (\d+)$/),
    number((data.schoolYears.years[0] as { source?: string } | undefined)?.source, /^версия (\d+)$/),
  ];
}

const publish = (before: DataDocuments, after: DataDocuments, hooks: AtomicWriteHooks = {}) => writePublication(location, before, after, ledger, changeLog, hooks);

/** Hooks that stop before the rename number `at` (1-based) until released. */
function pauseAt(at: number) {
  let renames = 0;
  let release!: () => void;
  let paused!: () => void;
  const reached = new Promise<void>((resolve) => (paused = resolve));
  const gate = new Promise<void>((resolve) => (release = resolve));
  const hooks: AtomicWriteHooks = {
    beforeRename: async () => {
      renames += 1;
      if (renames === at) {
        paused();
        await gate;
      }
    },
  };
  return { hooks, reached, release };
}

const pending = Symbol('pending');
const settledWithin = <T>(promise: Promise<T>, ms: number) => Promise.race([promise, new Promise<typeof pending>((resolve) => setTimeout(() => resolve(pending), ms))]);
const onDisk = async (file: string) => JSON.parse(await readFile(path.join(copy.dir, file), 'utf8'));
const temporaryFiles = async () => [...(await readdir(copy.dir)), ...(await readdir(copy.dataDir))].filter((n) => n.endsWith('.tmp'));

describe('a reader during a publication', () => {
  it('waits while the files are being renamed and then loads the whole new version, never the mix on disk', async () => {
    const { hooks, reached, release } = pauseAt(2);
    const writing = publish(original, tagged(1), hooks);
    await reached;
    // On disk now: the new plan beside the old registry — what a reader must not load.
    expect((await onDisk('plan.json')).meta.version).toBe('2026.1001');
    expect((await onDisk('data/organizations.json')).organizations[0].shortName).not.toContain('версия');
    const loading = loadDataset(location);
    expect(await settledWithin(loading, 300)).toBe(pending);
    release();
    expect(tags(await loading)).toEqual([1, 1, 1]);
    await writing;
    expect(await temporaryFiles()).toEqual([]);
  });

  it('keeps the old data when the publication outlasts the wait, and the watcher loads the new version once it ends', async () => {
    const store = await createDataStore(() => loadDataset(location, { waitMs: 200 }));
    const logged: string[] = [];
    const log: WatchLogger = { info: (_o, m) => logged.push(m), warn: (_o, m) => logged.push(m), error: (_o, m) => logged.push(m) };
    const reloads: string[] = [];
    const watcher = watchData(store, dataFiles(location), log, { debounceMs: 50, onReload: (r) => reloads.push(r.ok ? r.version : 'failed') });
    try {
      const { hooks, reached, release } = pauseAt(2);
      const writing = publish(original, tagged(1), hooks);
      await reached;
      const during = await store.reload();
      expect(during.ok).toBe(false);
      expect(!during.ok && during.error.issues[0]?.message).toMatch(/^публикация версии 2026\.1001 \(процесс \d+ на .+\) не завершилась за 0,2 с; прежние данные остаются/);
      expect(tags(store.current)).toEqual([0, 0, 0]);
      release();
      await writing;
      await expect.poll(() => tags(store.current), { timeout: 5000 }).toEqual([1, 1, 1]);
      expect(store.lastReloadError).toBeUndefined();
    } finally {
      watcher.close();
    }
  });
});

describe('a publication interrupted between two renames', () => {
  it('is read as completed with a warning, and the next publisher finishes it on disk', async () => {
    let renames = 0;
    const crash: AtomicWriteHooks = {
      beforeRename: () => {
        renames += 1;
        if (renames === 3) throw new Error('simulated crash');
      },
    };
    await expect(publish(original, tagged(1), crash)).rejects.toThrow('simulated crash');
    // A mix on disk, the marker and the temporary files of the renames not done.
    expect((await onDisk('plan.json')).meta.version).toBe('2026.1001');
    expect((await onDisk('data/school-years.json')).years[0].source).not.toContain('версия');
    expect(JSON.parse(await readFile(path.join(copy.dataDir, MARKER_FILE), 'utf8'))).toMatchObject({ pid: process.pid, version: '2026.1001' });

    const warnings: string[] = [];
    const started = Date.now();
    expect(tags(await loadDataset(location, { warn: (m) => warnings.push(m) }))).toEqual([1, 1, 1]);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(warnings).toEqual([expect.stringMatching(/публикация версии 2026\.1001 .* прервалась \(запись этим процессом оборвалась с ошибкой\); не переименовано файлов: 3, они читаются из временных; редактор завершит её/)]);

    const recovered: string[] = [];
    await recoverInterrupted(location, (m) => recovered.push(m));
    expect(recovered).toEqual([expect.stringContaining('редактор завершил её')]);
    expect(await temporaryFiles()).toEqual([]);
    await expect(readFile(path.join(copy.dataDir, MARKER_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await onDisk('data/school-years.json')).years[0].source).toBe('версия 1');
    const quiet: string[] = [];
    expect(tags(await loadDataset(location, { warn: (m) => quiet.push(m) }))).toEqual([1, 1, 1]);
    expect(quiet).toEqual([]);
  });
});

describe('a leftover marker', () => {
  const marker = (fields: object) =>
    writeFile(path.join(copy.dataDir, MARKER_FILE), JSON.stringify({ id: 'x', pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), version: '2026.9', files: [], ...fields }));

  it('of a process that is gone, of another host long ago, or unreadable, does not block loading', async () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid as number;
    for (const fields of [{ pid: gone }, { host: 'other-host', pid: 1, startedAt: new Date(Date.now() - 60_000).toISOString() }]) {
      await marker(fields);
      const warnings: string[] = [];
      const started = Date.now();
      expect(tags(await loadDataset(location, { warn: (m) => warnings.push(m) }))).toEqual([0, 0, 0]);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(warnings).toEqual([expect.stringMatching(/прервалась \((процесс \d+ завершился|начата .*, более 30 с назад)\); все файлы уже на месте/)]);
    }
    await writeFile(path.join(copy.dataDir, MARKER_FILE), '{ "pid": ');
    const warnings: string[] = [];
    expect(tags(await loadDataset(location, { warn: (m) => warnings.push(m) }))).toEqual([0, 0, 0]);
    expect(warnings).toEqual([expect.stringContaining('файл отметки повреждён')]);
  });

  it('of a live publication on another host makes a load wait, then fail with the old data kept', async () => {
    await marker({ host: 'other-host', pid: 1 });
    await expect(loadDataset(location, { waitMs: 200 })).rejects.toThrow(/публикация версии 2026\.9 \(процесс 1 на other-host, начата .*\) не завершилась за 0,2 с; прежние данные остаются/);
  });
});

describe('many reloads while publications run', () => {
  it('load only whole versions', async () => {
    const store = await createDataStore(() => loadDataset(location));
    let publishing = true;
    const seen: number[][] = [];
    const readers = Array.from({ length: 3 }, async () => {
      while (publishing) {
        const result = await store.reload();
        expect(result.ok).toBe(true);
        seen.push(tags(store.current));
      }
    });
    let previous = original;
    const midway: Promise<void>[] = [];
    for (let n = 1; n <= 12; n++) {
      const next = tagged(n);
      // Between renames, where without the switch a load would read a mix: a load of its own
      // starts right there on every rename (so the test never depends on the readers' timing).
      // It may only ever give a whole version, this one or a later one — never the one before.
      const beforeRename = () => {
        midway.push(loadDataset(location).then((data) => {
          const loaded = tags(data);
          expect(new Set(loaded).size, `loaded ${loaded.join('/')} during publication ${n}`).toBe(1);
          expect(loaded[0], `loaded during publication ${n}`).toBeGreaterThanOrEqual(n);
        }));
        return new Promise<void>((resolve) => setTimeout(resolve, 3));
      };
      await publish(previous, next, { beforeRename });
      previous = next;
    }
    publishing = false;
    await Promise.all([...readers, ...midway]);
    expect(midway.length).toBeGreaterThanOrEqual(12);
    for (const t of seen) expect(new Set(t).size, `loaded ${t.join('/')}`).toBe(1);
    expect(tags((await store.reload(), store.current))).toEqual([12, 12, 12]);
  });
});

/** A methodologist's bearer headers, after a draft renaming the first organization was saved. */
async function draftRenamingTheLyceum(editor: Awaited<ReturnType<typeof buildEditorApp>>): Promise<{ authorization: string }> {
  const token = await editor.state.accounts.issueToken(METHODOLOGIST.login, new Date());
  const headers = { authorization: `Bearer ${token}` };
  const got = await editor.app.inject({ url: '/admin/api/draft', headers });
  const draft = got.json();
  draft.organizations.organizations[0].name = 'Лицей № 1 — новое имя';
  expect((await editor.app.inject({ method: 'PUT', url: '/admin/api/draft', headers: { ...headers, 'if-match': String(got.headers.etag) }, payload: draft })).statusCode).toBe(200);
  return headers;
}

describe('the editor after a publication crashed between two renames', () => {
  it('completes it on its next look at the disk, tells it once, and serves the whole new version', async () => {
    let crash = true;
    let renames = 0;
    const writeHooks: AtomicWriteHooks = {
      beforeRename: () => {
        if (crash && ++renames === 2) throw new Error('simulated crash');
      },
    };
    const editor = await buildEditorApp({ editor: { writeHooks } });
    try {
      const headers = await draftRenamingTheLyceum(editor);
      const failed = await editor.app.inject({ method: 'POST', url: '/admin/api/publish', headers, payload: { comment: 'Переименование лицея' } });
      expect(failed.statusCode).toBe(500);
      // Not «nothing changed»: on disk the publication reads as done.
      expect(failed.json().detail).toContain('Запись данных прервалась посередине');
      expect(await readFile(path.join(editor.copy.dataDir, MARKER_FILE), 'utf8')).toContain('"version"');
      expect((await editor.state.revisions.ids())).toEqual([1]);

      crash = false;
      expect((await editor.app.inject({ url: '/admin/api/revisions', headers })).statusCode).toBe(200);
      await expect(readFile(path.join(editor.copy.dataDir, MARKER_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
      expect([...(await readdir(editor.copy.dir)), ...(await readdir(editor.copy.dataDir))].filter((n) => n.endsWith('.tmp'))).toEqual([]);
      const log = JSON.parse(await readFile(path.join(editor.copy.dataDir, 'changes.json'), 'utf8'));
      expect(log.publications).toEqual([expect.objectContaining({ revision: 2, comment: 'Переименование лицея' })]);
      expect(await editor.state.revisions.get(2)).toMatchObject({ author: 'вне редактора', comment: 'Переименование лицея', version: log.publications[0].version });
      expect(editor.app.dataStore.current.registry.organizations[0]?.name).toBe('Лицей № 1 — новое имя');
      expect(editor.app.dataStore.current.plan.meta.version).toBe(log.publications[0].version);
    } finally {
      await editor.close();
    }
  });
});

describe('a school’s settings saved while a publication is being written', () => {
  it('waits for the publication and keeps both changes: one writer at a time over data/', async () => {
    let pause: (() => void) | undefined;
    let paused: (() => void) | undefined;
    const atRename = new Promise<void>((resolve) => (paused = resolve));
    const writeHooks: AtomicWriteHooks = {
      beforeRename: () => {
        if (pause !== undefined) return;
        paused?.();
        return new Promise<void>((resolve) => (pause = resolve));
      },
    };
    const editor = await buildEditorApp({ editor: { writeHooks } });
    try {
      const headers = await draftRenamingTheLyceum(editor);
      const publishing = editor.app.inject({ method: 'POST', url: '/admin/api/publish', headers, payload: { comment: 'Переименование лицея' } });
      await atRename;
      // The publication has read the registry and holds its new text; the school saves now.
      const settingsUrl = '/admin/api/organizations/sosh-5/settings';
      const etag = String((await editor.app.inject({ url: settingsUrl, headers })).headers.etag);
      let saved = false;
      const saving = editor.app.inject({ method: 'PUT', url: settingsUrl, headers: { ...headers, 'if-match': etag }, payload: { weekDays: 6 } }).then((r) => {
        saved = true;
        return r;
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(saved, 'the save waits for the publication').toBe(false);
      pause!();
      expect((await publishing).statusCode).toBe(201);
      expect((await saving).statusCode).toBe(200);
      const registry = JSON.parse(await readFile(path.join(editor.copy.dataDir, 'organizations.json'), 'utf8'));
      expect(registry.organizations[0].name).toBe('Лицей № 1 — новое имя');
      expect(registry.organizations.find((o: { id: string }) => o.id === 'sosh-5').settings.weekDays).toBe(6);
    } finally {
      await editor.close();
    }
  });
});
