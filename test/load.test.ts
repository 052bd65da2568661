import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, unlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataFiles, loadDataset } from '../src/data/load.js';
import { DataError, type DataIssue } from '../src/domain/errors.js';

const FIXTURES = 'test/fixtures/broken';
const MINIMAL = { planFile: `${FIXTURES}/minimal/plan.json`, dataDir: `${FIXTURES}/minimal/data` };

async function issuesOf(options: { planFile: string; dataDir: string }): Promise<DataIssue[]> {
  const error = await loadDataset(options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataError);
  return [...(error as DataError).issues];
}

describe('loadDataset', () => {
  it('loads a valid data set with its working-day calendars in year order', async () => {
    const data = await loadDataset(MINIMAL);
    expect(data.plan.items).toHaveLength(3);
    expect(data.workingDays.map((w) => w.year)).toEqual([2025, 2026]);
    expect(data.version).toMatch(/^test\.1\+[0-9a-f]{10}$/);
  });

  it('validates the bundled plan.json and data/', async (context) => {
    if (!existsSync('plan.json') || !existsSync('data/organizations.json')) context.skip();
    const data = await loadDataset({ planFile: 'plan.json', dataDir: 'data' });
    expect(data.plan.items.length).toBeGreaterThan(0);
    expect(data.organizationsById.size).toBe(data.registry.organizations.length);
    expect(data.version.startsWith(`${data.plan.meta.version}+`)).toBe(true);
  });

  it('names the file, line and column of every malformed JSON file', async () => {
    const issues = await issuesOf({ planFile: `${FIXTURES}/syntax/plan.json`, dataDir: `${FIXTURES}/syntax/data` });
    expect(issues).toEqual([
      { file: `${FIXTURES}/syntax/plan.json`, path: '', message: 'ошибка в записи JSON, строка 4, столбец 5 (4:5): пропущена запятая или }' },
      { file: `${FIXTURES}/syntax/data/organizations.json`, path: '', message: 'ошибка в записи JSON, строка 4, столбец 1 (4:1): лишняя запятая перед }' },
    ]);
  });

  it('reports a missing data directory and still checks plan.json', async () => {
    const issues = await issuesOf({ planFile: `${FIXTURES}/syntax/plan.json`, dataDir: `${FIXTURES}/nowhere` });
    expect(issues.map((i) => [i.file, i.message])).toEqual([
      [`${FIXTURES}/nowhere`, 'каталог данных не найден'],
      [`${FIXTURES}/syntax/plan.json`, 'ошибка в записи JSON, строка 4, столбец 5 (4:5): пропущена запятая или }'],
    ]);
  });

  it('reports broken files together with the problems of the files that could be read', async () => {
    const issues = await issuesOf({ planFile: `${FIXTURES}/syntax/plan.json`, dataDir: `${FIXTURES}/semantic/data` });
    expect(issues.map((i) => `${i.file}: ${i.path}`)).toEqual([
      `${FIXTURES}/syntax/plan.json: `,
      `${FIXTURES}/semantic/data/organizations.json: /organizations/1/id`,
      `${FIXTURES}/semantic/data/school-years.json: /years/0/id`,
      `${FIXTURES}/semantic/data/working-days/2026.json: /year`,
    ]);
  });

  it('lists what a watcher should watch', () => {
    expect(dataFiles({ planFile: 'plan.json', dataDir: 'data' })).toEqual({
      files: [
        'plan.json',
        path.join('data', 'organizations.json'),
        path.join('data', 'school-years.json'),
        path.join('data', 'event-history.json'),
        path.join('data', 'changes.json'),
        path.join('data', '.publishing'),
      ],
      directories: [path.join('data', 'working-days')],
    });
  });
});

describe('loadDataset on a copy that changes', () => {
  let dir: string;
  let copy: { planFile: string; dataDir: string };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'eo-calendar-load-'));
    await cp(`${FIXTURES}/minimal`, dir, { recursive: true });
    copy = { planFile: path.join(dir, 'plan.json'), dataDir: path.join(dir, 'data') };
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const version = async () => (await loadDataset(copy)).version;

  it('dates the data by the later of plan.meta.updated and the newest file, so an edit without a bumped "updated" still moves Last-Modified', async () => {
    const before = await loadDataset(copy);
    const updated = Date.parse(before.plan.meta.updated);
    expect(Date.parse(before.modified ?? '')).toBeGreaterThanOrEqual(updated);
    const later = new Date(Math.max(updated, Date.parse(before.modified ?? '')) + 3_600_000);
    await utimes(path.join(dir, 'data/school-years.json'), later, later);
    const after = await loadDataset(copy);
    expect(after.modified).toBe(later.toISOString().replace(/\.\d{3}Z$/, 'Z'));
    expect(after.version).toBe(before.version);
  });

  it('reads the optional event ledger and reports a malformed one by file and path', async () => {
    expect((await loadDataset(copy)).eventHistory).toBeUndefined();
    const ledger = path.join(dir, 'data/event-history.json');
    const entry = { hash: '0123456789abcdef', sequence: 2, modified: '2026-01-01T00:00:00Z' };
    await writeFile(ledger, JSON.stringify({ events: { 'i3.s0.r0': entry } }));
    expect((await loadDataset(copy)).eventHistory).toEqual({ 'i3.s0.r0': entry });
    await writeFile(ledger, JSON.stringify({ events: { 'i3.s0.r0': { ...entry, sequence: -1 } } }));
    const issues = await issuesOf(copy);
    expect(issues.map((i) => `${i.file}: ${i.path}`)).toEqual([`${ledger}: /events/i3.s0.r0/sequence`]);
  });

  it('names a missing file', async () => {
    await unlink(path.join(dir, 'data/school-years.json'));
    const issues = await issuesOf(copy);
    expect(issues).toEqual([{ file: path.join(dir, 'data/school-years.json'), path: '', message: 'файл не найден' }]);
  });

  it('keeps the version while the bytes stay, wherever the data lives', async () => {
    const first = await version();
    expect(await version()).toBe(first);
    expect((await loadDataset(MINIMAL)).version).toBe(first);
  });

  it('changes the version when any file\'s bytes change', async () => {
    const first = await version();
    const seen = new Set([first]);
    for (const file of ['plan.json', 'data/organizations.json', 'data/school-years.json', 'data/working-days/2025.json']) {
      const original = await readFile(path.join(dir, file));
      await writeFile(path.join(dir, file), Buffer.concat([original, Buffer.from('\n')]));
      seen.add(await version());
      await writeFile(path.join(dir, file), original);
      expect(await version()).toBe(first);
    }
    await cp(path.join(dir, 'data/working-days/2026.json'), path.join(dir, 'data/working-days/2027.json'));
    await writeFile(
      path.join(dir, 'data/working-days/2027.json'),
      JSON.stringify({ year: 2027, source: 'Тест', verified: false, days: [] }),
    );
    seen.add(await version());
    expect(seen.size).toBe(6);
  });

  it('reads a file saved with a byte-order mark', async () => {
    const file = path.join(dir, 'data/organizations.json');
    await writeFile(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), await readFile(file)]));
    expect((await loadDataset(copy)).registry.organizations).toHaveLength(2);
  });
});
