/**
 * Accounts, tokens, sessions and the audit log never reach the public surface: not the feeds,
 * the JSON API, the pages, the OpenAPI document, nor the static export — even with the state
 * directory next to the data, as `state/` is next to `data/` by default.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAssets } from '../src/render/html/assets.js';
import { exportSite } from '../src/static-export/site.js';
import { publicPaths } from '../src/static-export/urls.js';
import { stateFiles } from '../src/state/files.js';
import { Agent, buildEditorApp, METHODOLOGIST, putSettings, SCHOOL, type EditorApp } from './helpers/editor.js';

let editor: EditorApp;
let secrets: string[];

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

beforeAll(async () => {
  editor = await buildEditorApp({ stateBesideData: true });
  const token = await editor.state.accounts.issueToken(METHODOLOGIST.login, new Date());
  expect((await putSettings(editor.app, token, 'sosh-5', { weekDays: 6, monthChoices: { '1': 9 } })).statusCode).toBe(200);
  const agent = new Agent(editor.app);
  const login = await agent.login(SCHOOL.login, SCHOOL.password);
  const session = [login.headers['set-cookie']].flat().find((c) => c?.startsWith('eo_admin_session='))?.split(/[=;.]/)[1] as string;
  const accounts = await readFile(stateFiles(editor.stateDir).accounts, 'utf8');
  const hashes = [...accounts.matchAll(/"(\$argon2id\$[^"]+)"|"sha256": "([0-9a-f]{64})"/g)].map((m) => (m[1] ?? m[2]) as string);
  secrets = [METHODOLOGIST.login, SCHOOL.login, METHODOLOGIST.password, SCHOOL.password, token, session, ...hashes, '$argon2id$', 'passwordHash', 'audit.jsonl', 'accounts.json'];
  expect(hashes.length).toBeGreaterThanOrEqual(3);
  expect((await editor.state.audit.entries()).length).toBeGreaterThanOrEqual(2);
});

afterAll(async () => {
  await editor.close();
});

function leaks(text: string): string[] {
  return secrets.filter((secret) => text.includes(secret));
}

describe('the public surface', () => {
  it('serves no account, token, session or audit data on any public URL', async () => {
    const assets = await loadAssets();
    const { paths } = publicPaths(editor.app.dataStore.current, [assets.css.path, assets.js.path]);
    const urls = [...paths, '/healthz', '/docs/json', '/api/occurrences?from=2025-09-01&to=2026-08-31', '/organizations?q=школа'];
    expect(urls.some((u) => u.startsWith('/admin'))).toBe(false);
    for (const url of urls) {
      const response = await editor.app.inject(url);
      expect(response.statusCode, url).toBe(200);
      expect(leaks(response.body), url).toEqual([]);
      expect(leaks(JSON.stringify(response.headers)), url).toEqual([]);
    }
  });

  it('writes none of it into the static export, even with the state directory beside the data', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'eo-calendar-isolation-export-'));
    try {
      // The default layout: state/ next to data/ in the same directory.
      expect(path.dirname(editor.stateDir)).toBe(path.dirname(editor.copy.dataDir));
      const site = path.join(out, 'site');
      await exportSite({ planFile: editor.copy.planFile, dataDir: editor.copy.dataDir, publicUrl: 'https://eo.example.test', date: '2026-02-03', out: site, concurrency: 2 });
      const files = await filesUnder(site);
      expect(files.length).toBeGreaterThan(50);
      expect(files.filter((f) => /admin|state|session|audit|accounts/.test(path.relative(site, f)))).toEqual([]);
      for (const file of files.filter((f) => !/\.(gz|br)$/.test(f))) {
        expect(leaks(await readFile(file, 'utf8')), file).toEqual([]);
      }
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
