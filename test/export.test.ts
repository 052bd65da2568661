/**
 * `npm run export`: the files it writes, their bytes against the service's, the precompressed
 * variants, links that resolve inside the export, and failures that leave nothing behind.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, progressReporter } from '../src/cli/export.js';
import { loadDataset } from '../src/data/load.js';
import { createDataStore } from '../src/data/store.js';
import { buildApp } from '../src/http/app.js';
import { assertDecompresses, assertServiceCodings, compressSync } from '../src/static-export/codings.js';
import { ExportError } from '../src/static-export/errors.js';
import type { WorkerInit } from '../src/static-export/protocol.js';
import { writeHistory } from '../src/static-export/history.js';
import { exportClock, exportSite } from '../src/static-export/site.js';
import { organizationPaths } from '../src/static-export/urls.js';
import { ExportWorker, writeThrough } from '../src/static-export/workers.js';
import { writeUrl, type UrlWriter } from '../src/static-export/write-url.js';
import { copyData, PUBLIC_URL, type DataCopy } from './helpers/app.js';
import { FORMER, REMOVED, RENAMED, withRegistryHistory } from './helpers/registry-history.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const DATE = '2026-02-03';
const MARKER = '.eo-calendar-export';

let copy: DataCopy;
let work: string;
let site: string;
let app: FastifyInstance;
let organizationIds: string[];
const progress: number[] = [];

beforeAll(async () => {
  copy = await copyData();
  work = await mkdtemp(path.join(tmpdir(), 'eo-calendar-export-test-'));
  site = path.join(work, 'site');
  await exportSite({
    planFile: copy.planFile,
    dataDir: copy.dataDir,
    publicUrl: PUBLIC_URL,
    date: DATE,
    out: site,
    concurrency: 4,
    onProgress: (done, total) => progress.push(done, total),
  });
  const clock = exportClock(DATE);
  const store = await createDataStore(() => loadDataset({ planFile: copy.planFile, dataDir: copy.dataDir }), { clock });
  app = await buildApp({ store, config: { publicUrl: PUBLIC_URL, planFile: copy.planFile, dataDir: copy.dataDir, cacheEntries: 500 }, clock });
  const registry = JSON.parse(await readFile(copy.dataDir + '/organizations.json', 'utf8')) as { organizations: { id: string }[] };
  organizationIds = registry.organizations.map((o) => o.id);
});

afterAll(async () => {
  await app?.close();
  await copy?.remove();
  if (work) await rm(work, { recursive: true, force: true });
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** The URL a file is served under (deploy/nginx.conf's try_files, in reverse). */
function urlOf(file: string): string {
  if (file === 'index.html') return '/';
  if (file.endsWith('.html')) return `/${file.slice(0, -5)}`;
  if (file.startsWith('api/') && file.endsWith('.json')) return `/${file.slice(0, -5)}`;
  return `/${file}`;
}

/** The files served under their own URL: not the marker, the compressed copies or what nginx reads (`_nginx/`). */
const primaryFiles = (files: readonly string[]) => files.filter((f) => !f.startsWith('.') && !f.startsWith('_nginx/') && !/\.(gz|br)$/.test(f));
/** What the export writes for nginx whatever the registry: the map and an empty 301 body per header kind. */
const NGINX_FILES = ['_nginx/history.map', '_nginx/cors/301', '_nginx/embed/301', '_nginx/page/301'];

describe('npm run export on the bundled data', () => {
  it('writes every feed, JSON document, page, embed and asset, the shared ones with .gz and .br, and nothing else', async () => {
    const shared = [
      'feeds/all.ics',
      'feeds/general.ics',
      'feeds/preschool.ics',
      'feeds/additional.ics',
      'openapi.json',
      'api/plan.json',
      'api/organization-types.json',
      'api/organizations.json',
      'index.html',
      'organizations.html',
      'plan.html',
      'types/general.html',
      'types/preschool.html',
      'types/additional.html',
      'changes.html',
      'changes.atom',
      'embed/general.html',
      'embed/preschool.html',
      'embed/additional.html',
      'embed/all.html',
      'assets/app.css',
      'assets/app.js',
    ];
    // An organization's own files are compressed by the web server when asked (deploy/nginx.conf).
    const own = [
      ...organizationIds.flatMap((id) => [
        `feeds/organizations/${id}.ics`,
        `api/organizations/${id}.json`,
        `organizations/${id}.html`,
        `organizations/${id}/memo.html`,
        `embed/organizations/${id}.html`,
        `organizations/${id}/changes.atom`,
      ]),
    ];
    expect(organizationIds.length).toBe(22);
    const all = [...shared.flatMap((f) => [f, `${f}.gz`, `${f}.br`]), ...own, ...NGINX_FILES, MARKER].sort();
    expect(await filesUnder(site)).toEqual(all);
    const marker = JSON.parse(await readFile(path.join(site, MARKER), 'utf8')) as Record<string, unknown>;
    expect(marker).toMatchObject({ publicUrl: PUBLIC_URL, date: DATE, urls: shared.length + own.length });
  });

  it('holds for every URL exactly the bytes the service answers, timed at its Last-Modified', async () => {
    for (const file of primaryFiles(await filesUnder(site))) {
      const url = urlOf(file);
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      const bytes = await readFile(path.join(site, file));
      expect(bytes.equals(response.rawPayload), url).toBe(true);
      const modified = (await stat(path.join(site, file))).mtime;
      expect(modified.toUTCString(), url).toBe(response.headers['last-modified']);
    }
  });

  it('writes .gz and .br that decompress to the file and are the service\'s compressed bodies', async () => {
    const files = await filesUnder(site);
    const compressed = primaryFiles(files).filter((file) => files.includes(`${file}.gz`));
    expect(compressed.length).toBe(22);
    for (const file of compressed) {
      const plain = await readFile(path.join(site, file));
      const gz = await readFile(path.join(site, `${file}.gz`));
      const br = await readFile(path.join(site, `${file}.br`));
      expect(gunzipSync(gz).equals(plain), file).toBe(true);
      expect(brotliDecompressSync(br).equals(plain), file).toBe(true);
      // The export compresses with its own calls (codings.ts): this pins its settings to the service's.
      for (const [coding, bytes] of [
        ['gzip', gz],
        ['br', br],
      ] as const) {
        const served = await app.inject({ method: 'GET', url: urlOf(file), headers: { 'accept-encoding': coding } });
        expect(served.headers['content-encoding'], `${file} ${coding}`).toBe(coding);
        expect(served.rawPayload.equals(bytes), `${file} ${coding}`).toBe(true);
      }
    }
  });

  it('reports progress once per URL, in order', () => {
    const total = 154;
    expect(progress).toEqual(Array.from({ length: total }, (_, i) => [i + 1, total]).flat());
  });

  it('gives the same tree, times included, when run again over the previous export with one thread', async () => {
    const before = await snapshot(site);
    await exportSite({ planFile: copy.planFile, dataDir: copy.dataDir, publicUrl: PUBLIC_URL, date: DATE, out: site, concurrency: 1 });
    expect(await snapshot(site)).toEqual(before);
    // The temporary tree and the moved-aside previous export are gone.
    expect(await readdir(work)).toEqual(['site']);
  });
});

async function snapshot(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const file of await filesUnder(dir)) {
    const full = path.join(dir, file);
    result[file] = `${createHash('sha256').update(await readFile(full)).digest('hex')} ${(await stat(full)).mtimeMs}`;
  }
  return result;
}

/** `href` and `src` attribute values of a page, entities decoded. */
function links(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) =>
    (m[1] ?? '').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'),
  );
}

describe.each([
  ['at the root of a host', PUBLIC_URL],
  ['under a path', `${PUBLIC_URL}/eo/calendar`],
])('links in the exported pages, published %s', (_where, publicUrl) => {
  it('every same-site href and src names a file of the export (and an id for a fragment); feeds are linked without options', async () => {
    const out = path.join(work, `crawl-${publicUrl.length}`);
    await exportSite({ planFile: copy.planFile, dataDir: copy.dataDir, publicUrl, date: DATE, out, concurrency: 4 });
    const files = primaryFiles(await filesUnder(out));
    const byUrl = new Map(files.map((f) => [urlOf(f), f]));
    const base = new URL(publicUrl);
    const basePath = base.pathname.replace(/\/$/, '');
    let checked = 0;
    const problems: string[] = [];

    const check = async (page: string, raw: string) => {
      const target = new URL(raw.replace(/^webcal:/, 'https:'), `${publicUrl}${urlOf(page)}`);
      if (target.protocol === 'data:' || target.protocol === 'mailto:') return;
      if (target.origin !== base.origin) {
        // Links to calendar services carry our feed's address as a parameter.
        for (const value of target.searchParams.values()) if (value.startsWith(publicUrl)) await check(page, value);
        return;
      }
      checked += 1;
      if (!target.pathname.startsWith(`${basePath}/`)) return void problems.push(`${page}: ${raw} is outside ${publicUrl}`);
      const url = target.pathname.slice(basePath.length);
      const file = byUrl.get(url);
      if (file === undefined) return void problems.push(`${page}: ${raw} → ${url} is not in the export`);
      const params = [...target.searchParams.keys()];
      if (params.length > 0 && !(url.startsWith('/assets/') && params.join() === 'v')) {
        problems.push(`${page}: ${raw} has a query a static host ignores`);
      }
      if (target.hash !== '') {
        const html = await readFile(path.join(out, file), 'utf8');
        if (!html.includes(`id="${decodeURIComponent(target.hash.slice(1))}"`)) problems.push(`${page}: ${raw}: no element with that id`);
      }
    };

    for (const page of files.filter((f) => f.endsWith('.html'))) {
      for (const raw of links(await readFile(path.join(out, page), 'utf8'))) await check(page, raw);
    }
    expect(problems).toEqual([]);
    // Every page links at least the navigation, its assets and a feed.
    expect(checked).toBeGreaterThan(files.filter((f) => f.endsWith('.html')).length * 4);
  });
});

describe('a registry with a removed organization and a changed id', () => {
  let history: DataCopy;
  let served: FastifyInstance;
  const exported = (name: string) => path.join(work, `history-${name}`);
  /** The header set deploy/nginx.conf sends with each kind of URL. */
  const kindOf = (url: string) => ({ feeds: 'cors', api: 'cors', embed: 'embed', organizations: 'page' })[url.split('/')[1] ?? ''];

  beforeAll(async () => {
    history = await copyData();
    await withRegistryHistory(history);
    for (const [name, publicUrl] of [
      ['root', PUBLIC_URL],
      ['path', `${PUBLIC_URL}/eo`],
    ]) {
      await exportSite({ planFile: history.planFile, dataDir: history.dataDir, publicUrl: publicUrl ?? '', date: DATE, out: exported(name ?? ''), concurrency: 2 });
    }
    const clock = exportClock(DATE);
    const store = await createDataStore(() => loadDataset({ planFile: history.planFile, dataDir: history.dataDir }), { clock });
    served = await buildApp({ store, config: { publicUrl: PUBLIC_URL, planFile: history.planFile, dataDir: history.dataDir, cacheEntries: 50 }, clock });
  });

  afterAll(async () => {
    await served?.close();
    await history?.remove();
  });

  it('maps every URL of the removed id to 410 and its body, and of the former id to 301 and the new URL', async () => {
    const map = await readFile(path.join(exported('root'), '_nginx/history.map'), 'utf8');
    const entries = map.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
    expect(entries).toEqual([
      ...organizationPaths(FORMER).map((url) => `"${url}" "301 /_nginx/${kindOf(url)}/301 ${url.replace(FORMER, RENAMED)}";`),
      ...organizationPaths(REMOVED).map((url) => {
        const extension = url === `/organizations/${REMOVED}` || url.endsWith('/memo') || url.startsWith('/embed/') ? 'html' : 'json';
        return `"${url}" "410 /_nginx/${kindOf(url)}/410${url}.${extension}";`;
      }),
    ]);
    // Published under a path, the keys, the bodies and the Locations carry it.
    const below = await readFile(path.join(exported('path'), '_nginx/history.map'), 'utf8');
    expect(below).toContain(`"/eo/feeds/organizations/${FORMER}.ics" "301 /eo/_nginx/cors/301 /eo/feeds/organizations/${RENAMED}.ics";`);
    expect(below).toContain(`"/eo/organizations/${REMOVED}" "410 /eo/_nginx/page/410/organizations/${REMOVED}.html";`);
  });

  it('holds in each 410 body exactly what the service answers: its Russian page or problem+json, uncompressed', async () => {
    const root = exported('root');
    for (const url of organizationPaths(REMOVED)) {
      const response = await served.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(410);
      const extension = String(response.headers['content-type']).startsWith('text/html') ? 'html' : 'json';
      const file = path.join(root, `_nginx/${kindOf(url)}/410${url}.${extension}`);
      expect((await readFile(file)).equals(response.rawPayload), url).toBe(true);
      expect(response.body).toMatch(/исключена из реестра/);
    }
    const files = await filesUnder(path.join(root, '_nginx'));
    expect(files.filter((f) => /\.(gz|br)$/.test(f))).toEqual([]);
    for (const kind of ['cors', 'embed', 'page']) expect((await stat(path.join(root, '_nginx', kind, '301'))).size).toBe(0);
    // The organization's own files are gone; the renamed one's are under its new id only.
    const all = await filesUnder(root);
    expect(all.filter((f) => !f.startsWith('_nginx/') && (f.includes(REMOVED) || f.includes(FORMER)))).toEqual([]);
    expect(all).toContain(`feeds/organizations/${RENAMED}.ics`);
  });

  it('gives the same _nginx/ bytes and times when run again', async () => {
    const before = await snapshot(path.join(exported('root'), '_nginx'));
    await exportSite({ planFile: history.planFile, dataDir: history.dataDir, publicUrl: PUBLIC_URL, date: DATE, out: exported('root'), concurrency: 1 });
    expect(await snapshot(path.join(exported('root'), '_nginx'))).toEqual(before);
  });

  it('fails rather than write a URL the service does not answer with 410 or 301', async () => {
    const root = await mkdtemp(path.join(work, 'history-wrong-'));
    await expect(writeHistory({ app: served, root, publicUrl: PUBLIC_URL, time: new Date(0) }, ['/organizations/sosh-6'])).rejects.toThrow(
      /^\/organizations\/sosh-6: сервис ответил 200 \(text\/html; charset=utf-8\), ожидался 410 или 301/,
    );
  });
});

describe('the worker threads and the compressed files', () => {
  const writer = (root: string, version: string): WorkerInit => ({
    planFile: copy.planFile,
    dataDir: copy.dataDir,
    publicUrl: PUBLIC_URL,
    date: DATE,
    role: { plan: false, version, target: { root, dataTimeMs: 0, shared: 0 } },
  });

  it('stop and reject with the service\'s answer when a URL fails', async () => {
    const root = await mkdtemp(path.join(work, 'workers-'));
    const { version } = await loadDataset({ planFile: copy.planFile, dataDir: copy.dataDir });
    const workers = [new ExportWorker(writer(root, version)), new ExportWorker(writer(root, version))];
    try {
      await Promise.all(workers.map((worker) => worker.reply()));
      const urls = ['/feeds/all.ics', '/plan', '/api/plan', '/no-such-page', '/organizations'];
      const failure = await writeThrough(workers, urls, 0, { done: 0, total: urls.length }, { files: 0, bytes: 0 }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ExportError);
      expect((failure as Error).message).toMatch(/^\/no-such-page: сервис ответил 404/);
    } finally {
      await Promise.all(workers.map((worker) => worker.terminate()));
    }
  });

  it('write nothing when the data they load is not the version the planner listed the URLs for', async () => {
    const root = await mkdtemp(path.join(work, 'workers-'));
    const worker = new ExportWorker(writer(root, '2026.1+0000000000'));
    const failure = await worker.reply().catch((error: unknown) => error);
    await worker.terminate();
    expect(failure).toBeInstanceOf(ExportError);
    expect((failure as Error).message).toMatch(/^данные изменились во время экспорта: адреса составлены для версии 2026\.1\+0000000000, загружена /);
    expect(await readdir(root)).toEqual([]);
  });

  it('check the direct answers against the service\'s: a differing body, type or Last-Modified fails the export', async () => {
    const url = `/organizations/${organizationIds[0]}`;
    const served = await app.inject({ method: 'GET', url });
    const right = { body: served.rawPayload, contentType: String(served.headers['content-type']), lastModified: new Date(String(served.headers['last-modified'])), kind: 'page' };
    const writerWith = async (answer: typeof right): Promise<UrlWriter> => ({
      app,
      root: await mkdtemp(path.join(work, 'direct-')),
      dataTime: new Date(0),
      shared: 0,
      made: new Set(),
      checked: new Set(),
      direct: (asked) => (asked === url ? Promise.resolve(answer) : undefined),
    });
    await expect(writeUrl(await writerWith(right), url, 1)).resolves.toMatchObject({ files: 1 });
    for (const [wrong, what] of [
      [{ ...right, body: Buffer.concat([right.body, Buffer.from(' ')]) }, 'тело'],
      [{ ...right, contentType: 'text/plain; charset=utf-8' }, 'Content-Type'],
      [{ ...right, lastModified: new Date(right.lastModified.getTime() + 1000) }, 'Last-Modified'],
    ] as const) {
      await expect(writeUrl(await writerWith(wrong), url, 1)).rejects.toThrow(`${url}: экспорт отличается от ответа сервиса (${what})`);
    }
  });

  it('compress with the service\'s settings, and notice when they differ or a body does not decompress', async () => {
    const body = await readFile(path.join(site, 'feeds/all.ics'));
    const ours = compressSync(body);
    await expect(assertServiceCodings('/feeds/all.ics', body, ours)).resolves.toBeUndefined();
    await expect(assertServiceCodings('/feeds/all.ics', body, { ...ours, gz: gzipSync(body, { level: 9 }) })).rejects.toThrow(
      /^\/feeds\/all\.ics: сжатие gzip в экспорте отличается от сжатия сервиса/,
    );
    expect(() => assertDecompresses('/feeds/all.ics', body, ours)).not.toThrow();
    const other = compressSync(Buffer.concat([body, Buffer.from('\r\n')]));
    expect(() => assertDecompresses('/feeds/all.ics', body, { ...ours, br: other.br })).toThrow(/\(br\) тело не совпадает/);
  });
});

async function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/export.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, stdout, stderr };
}

describe('the export command', () => {
  it('exits 1 on invalid data naming the file and JSON path, and leaves no directory behind', async () => {
    const broken = await copyData();
    try {
      await broken.editJson('data/organizations.json', (registry) => {
        const organizations = registry.organizations as { types: string[] }[];
        (organizations[3] as { types: string[] }).types = ['school'];
      });
      const parent = path.join(work, 'broken');
      await mkdir(parent);
      const { code, stderr } = await runCli(['--out', path.join(parent, 'site'), '--plan', broken.planFile, '--data', broken.dataDir, '--date', DATE], {
        PUBLIC_URL,
      });
      expect(code).toBe(1);
      expect(stderr).toMatch(/экспорт не выполнен/);
      expect(stderr).toMatch(/organizations\.json: \/organizations\/3\/types\/0: /);
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(await readdir(parent)).toEqual([]);
    } finally {
      await broken.remove();
    }
  });

  it('refuses to replace a directory that is not an export, and leaves it as it was', async () => {
    const foreign = path.join(work, 'foreign');
    await mkdir(foreign);
    await writeFile(path.join(foreign, 'keep.txt'), 'keep');
    const err: string[] = [];
    const code = await main(
      ['--out', foreign, '--plan', copy.planFile, '--data', copy.dataDir, '--date', DATE],
      () => undefined,
      (line) => err.push(line),
      { PUBLIC_URL },
    );
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/не пуст и не похож на результат экспорта/);
    expect(await readdir(foreign)).toEqual(['keep.txt']);
    expect((await readdir(work)).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it.each([
    ['no public URL', [], {}, /--public-url/],
    ['a relative public URL', ['--public-url', '/eo'], {}, /абсолютный адрес/],
    ['a public URL with a trailing slash', [], { PUBLIC_URL: 'https://eo.example.test/' }, /завершающую косую черту/],
    ['an impossible date', ['--date', '2026-02-30'], { PUBLIC_URL }, /Неверная дата/],
    ['no --out', ['--out', ''], { PUBLIC_URL }, /--out/],
    ['an unknown option', ['--outt', 'x'], { PUBLIC_URL }, /Использование/],
  ])('exits 2 for %s', async (_name, args, env, message) => {
    const err: string[] = [];
    const argv = args.includes('--out') || args.includes('--outt') ? args : ['--out', path.join(work, 'never'), ...args];
    const code = await main(argv, () => undefined, (line) => err.push(line), env, new Date('2026-02-03T09:00:00Z'));
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(message);
    expect(await readdir(work)).not.toContain('never');
  });

  it('reports progress every tenth of a large registry and stays quiet for a small one', () => {
    const lines: string[] = [];
    const report = progressReporter((line) => lines.push(line));
    for (let done = 1; done <= 1234; done += 1) report(done, 1234);
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('экспорт: 124 из 1234 адресов (10 %)');
    expect(lines[9]).toBe('экспорт: 1234 из 1234 адресов (100 %)');
    const quiet: string[] = [];
    const small = progressReporter((line) => quiet.push(line));
    for (let done = 1; done <= 105; done += 1) small(done, 105);
    expect(quiet).toEqual([]);
  });

  it('prints a summary with the data version, counts and the date of the pages', async () => {
    const out: string[] = [];
    const target = path.join(work, 'cli');
    const code = await main(['--out', target, '--plan', copy.planFile, '--data', copy.dataDir], (line) => out.push(line), () => undefined, { PUBLIC_URL }, new Date('2026-02-03T22:30:00Z'));
    expect(code).toBe(0);
    // 22:30 UTC is already the 4th in Moscow.
    expect(out.join('\n')).toMatch(/^Экспорт готов: .*cli — данные 2026\.\d+\+[0-9a-f]{10}, 154 адреса, 202 файла \(\d+\.\d МБ\), адрес публикации https:\/\/eo\.example\.test, страницы на 2026-02-04$/);
    await rm(target, { recursive: true, force: true });
  });
});
