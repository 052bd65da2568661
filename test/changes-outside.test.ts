/**
 * A change made outside the editor reaches the public change log (issue 12): with the editor on,
 * the reload the watcher or SIGHUP triggers makes it record the change (revision and
 * data/changes.json entry by «вне редактора»); with the editor off, `npm run stamp` tells it,
 * from `--before DIR` or from git's HEAD. Each path recognizes what the other wrote.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main as stampMain, stampLedger } from '../scripts/stamp-history.js';
import type { DataStore } from '../src/data/store.js';
import type { ChangeLog } from '../src/domain/change-log.js';
import { copyData, type DataCopy } from './helpers/app.js';
import { buildEditorApp, type EditorApp } from './helpers/editor.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');
const BY_HAND = 'Данные изменены вне редактора: файлы данных исправлены вручную или получены из git';
const NEW_NAME = 'Муниципальное бюджетное общеобразовательное учреждение «Лицей № 1 имени А. С. Пушкина г. Инты»';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const changeLogOf = async (copy: DataCopy): Promise<ChangeLog | undefined> =>
  JSON.parse(await readFile(path.join(copy.dataDir, 'changes.json'), 'utf8').catch(() => 'null')) ?? undefined;
const rename = (copy: DataCopy, id: string, name: string) =>
  copy.editJson('data/organizations.json', (json) => {
    const organization = (json['organizations'] as { id: string; name: string }[]).find((o) => o.id === id);
    if (organization) organization.name = name;
  });

describe('with the editor on', () => {
  async function editorApp(): Promise<EditorApp & { store: DataStore }> {
    const editor = await buildEditorApp();
    cleanups.push(() => editor.close());
    return Object.assign(editor, { store: editor.app.dataStore });
  }

  it('a hand edit picked up by a reload appears on /changes, in the Atom feeds and in history, once', async () => {
    const editor = await editorApp();
    expect(await changeLogOf(editor.copy)).toBeUndefined();
    await rename(editor.copy, 'licey-1', NEW_NAME);
    // What the watcher and SIGHUP do; nothing of the editor is asked.
    expect((await editor.store.reload()).ok).toBe(true);
    await expect.poll(async () => (await changeLogOf(editor.copy))?.publications.length, { timeout: 10_000 }).toBe(1);

    const entry = (await changeLogOf(editor.copy))?.publications[0];
    expect(entry).toMatchObject({ revision: 2, comment: BY_HAND, version: editor.store.current.plan.meta.version });
    expect(entry?.changes).toEqual([expect.objectContaining({ kind: 'feedRenamed', key: 'organization:licey-1', feeds: ['organization:licey-1'] })]);
    // The entry is written before the revision is recorded: a crash in between leaves it told once.
    await expect.poll(() => editor.state.revisions.ids()).toEqual([1, 2]);
    const revisions = await editor.state.revisions.list();
    expect(revisions[0]).toMatchObject({ id: 2, author: 'вне редактора', comment: BY_HAND, at: entry?.at });
    // Written like a publication: the ledger stamped with the new notes, the store reloaded.
    const ledger = await stampLedger(editor.copy.planFile, editor.copy.dataDir);
    expect(ledger.current).toBe(ledger.next);
    await expect.poll(() => editor.store.current.changeLog?.publications.length).toBe(1);
    // The pages set no-break spaces (typography).
    const page = (await editor.app.inject('/changes')).body.replaceAll('\u00a0', ' ');
    expect(page).toContain('Лицей № 1 имени А. С. Пушкина');
    expect(page).toContain('Данные изменены вне редактора');
    const atom = await editor.app.inject('/organizations/licey-1/changes.atom');
    expect(atom.statusCode).toBe(200);
    expect(atom.body.replaceAll('\u00a0', ' ')).toContain('Данные изменены вне редактора');
    expect((await editor.app.inject('/organizations/sosh-5/changes.atom')).body).not.toContain('вне редактора');

    // The reload its own write triggers, and any later one, tell nothing twice.
    await editor.store.reload();
    await editor.app.inject({ url: '/admin/api/revisions', headers: {} });
    expect((await changeLogOf(editor.copy))?.publications).toHaveLength(1);
    expect(await editor.state.revisions.ids()).toEqual([1, 2]);
  });

  it('says when it was an organization’s own settings', async () => {
    const editor = await editorApp();
    await editor.copy.editJson('data/organizations.json', (json) => {
      const organization = (json['organizations'] as { id: string; settings?: object }[]).find((o) => o.id === 'licey-1');
      if (organization) organization.settings = { termSystem: 'trimesters' };
    });
    await editor.store.reload();
    await expect.poll(async () => (await changeLogOf(editor.copy))?.publications[0]?.comment, { timeout: 10_000 }).toBe(
      'Данные изменены вне редактора: организация изменила свои настройки',
    );
    expect((await changeLogOf(editor.copy))?.publications[0]?.changes.every((c) => c.feeds.every((f) => f === 'organization:licey-1'))).toBe(true);
  });
});

/** `npm run stamp` in this process (the command itself runs once, below): what it printed; rejects on a non-zero exit. */
async function stamp(args: readonly string[]): Promise<{ stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  try {
    const code = await stampMain(args);
    const result = { stdout: out.join('\n'), stderr: err.join('\n') };
    if (code !== 0) throw Object.assign(new Error(`exit ${code}`), result);
    return result;
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}
const stampCommand = (args: readonly string[]) => run(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'scripts/stamp-history.ts'), ...args], { cwd: ROOT });
const git = (dir: string, ...args: string[]) => run('git', ['-C', dir, '-c', 'user.name=Методист', '-c', 'user.email=m@example.test', ...args]);

async function dataCopy(): Promise<DataCopy> {
  const copy = await copyData();
  cleanups.push(() => copy.remove());
  return copy;
}

describe('with the editor off: npm run stamp', { timeout: 60_000 }, () => {
  it('tells a hand edit since git HEAD once, folds a second edit into the same entry, and --check passes', async () => {
    const copy = await dataCopy();
    await git(copy.dir, 'init', '-q');
    await git(copy.dir, 'add', '-A');
    await git(copy.dir, 'commit', '-qm', 'data');
    const args = ['--plan', copy.planFile, '--data', copy.dataDir];
    expect((await stamp(args)).stdout).not.toContain('записано');

    await rename(copy, 'licey-1', NEW_NAME);
    await expect(stamp([...args, '--check'])).rejects.toMatchObject({ stderr: expect.stringContaining('changes.json устарел: данные изменились') });
    expect((await stamp(args)).stdout).toContain('changes.json: записано изменение вне редактора (изменений: 1)');
    const first = await readFile(path.join(copy.dataDir, 'changes.json'), 'utf8');
    expect(JSON.parse(first).publications).toEqual([expect.objectContaining({ revision: 1, comment: BY_HAND, changes: [expect.objectContaining({ kind: 'feedRenamed', key: 'organization:licey-1' })] })]);
    await stamp(args);
    expect(await readFile(path.join(copy.dataDir, 'changes.json'), 'utf8')).toBe(first);
    await stamp([...args, '--check']);

    await rename(copy, 'sosh-5', 'Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 5 имени героев» г. Инты');
    await stamp(args);
    const folded = (await changeLogOf(copy))?.publications ?? [];
    expect(folded).toHaveLength(1);
    expect(folded[0]?.changes.map((c) => c.key).sort()).toEqual(['organization:licey-1', 'organization:sosh-5']);
    await git(copy.dir, 'add', '-A');
    await git(copy.dir, 'commit', '-qm', 'renamed');
    await stamp([...args, '--check']);

    // The next edit after the commit is a new entry.
    await rename(copy, 'sosh-5', 'Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 5»');
    await stamp(args);
    expect((await changeLogOf(copy))?.publications.map((p) => p.revision)).toEqual([2, 1]);
  });

  it('takes the previous data from --before DIR, and says so when it has none', async () => {
    const before = await dataCopy();
    const after = await dataCopy();
    await rename(after, 'licey-1', NEW_NAME);
    const args = ['--plan', after.planFile, '--data', after.dataDir];
    const none = await stamp(args);
    expect(none.stdout).toContain('журнал изменений (changes.json) не обновлён: прежние данные неизвестны');
    expect(await changeLogOf(after)).toBeUndefined();
    expect((await stampCommand([...args, '--before', before.dir])).stdout).toContain('записано изменение вне редактора (изменений: 1)');
    expect((await changeLogOf(after))?.publications).toEqual([expect.objectContaining({ comment: BY_HAND, changes: [expect.objectContaining({ key: 'organization:licey-1' })] })]);
    const ledger = await stampLedger(after.planFile, after.dataDir);
    expect(ledger.current).toBe(ledger.next);

    // Fixing broken data: the broken previous version does not stop the stamp.
    await before.writeText('data/organizations.json', '{ "organizations": ');
    await rename(after, 'sosh-5', 'Муниципальное бюджетное общеобразовательное учреждение «СОШ № 5 имени героев» г. Инты');
    const broken = await stamp([...args, '--before', before.dir]);
    expect(broken.stdout).toContain('журнал изменений (changes.json) не обновлён: прежние данные не читаются или неверны:');
    expect(broken.stdout).toContain('organizations.json');
    expect((await changeLogOf(after))?.publications).toHaveLength(1);
  });

  it('is recognized by the editor, which records the revision without telling the change again', async () => {
    const editor = await buildEditorApp();
    cleanups.push(() => editor.close());
    const before = await dataCopy();
    await rename(editor.copy, 'licey-1', NEW_NAME);
    await stamp(['--plan', editor.copy.planFile, '--data', editor.copy.dataDir, '--before', before.dir]);
    await editor.app.dataStore.reload();
    await expect.poll(() => editor.state.revisions.ids(), { timeout: 10_000 }).toEqual([1, 2]);
    expect((await changeLogOf(editor.copy))?.publications).toHaveLength(1);
    expect((await editor.state.revisions.get(2))?.comment).toBe(BY_HAND);
  });
});
