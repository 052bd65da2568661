/** Builds the app exactly as server.ts does, over a private copy of the bundled data. */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadDataset } from '../../src/data/load.js';
import { createDataStore, type DataStore } from '../../src/data/store.js';
import type { Audience, Dataset } from '../../src/domain/model.js';
import { buildApp, type AppDeps } from '../../src/http/app.js';
import type { AppConfig } from '../../src/http/config.js';
import type { FeedRenderer } from '../../src/http/routes/feeds.js';
import { feedOptionsKey, type FeedOptions } from '../../src/render/feed-options.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

export const PUBLIC_URL = 'https://eo.example.test';
export const LOADED_AT = new Date('2026-02-03T04:05:06Z');

export interface DataCopy {
  readonly dir: string;
  readonly planFile: string;
  readonly dataDir: string;
  /** Rewrites a JSON file of the copy (path relative to the copy) through `edit`. */
  editJson(file: string, edit: (json: Record<string, unknown>) => void): Promise<void>;
  writeText(file: string, text: string): Promise<void>;
  remove(): Promise<void>;
}

export async function copyData(): Promise<DataCopy> {
  const dir = await mkdtemp(path.join(tmpdir(), 'eo-calendar-http-'));
  await cp(path.join(ROOT, 'plan.json'), path.join(dir, 'plan.json'));
  await cp(path.join(ROOT, 'data'), path.join(dir, 'data'), { recursive: true });
  const at = (file: string) => path.join(dir, file);
  return {
    dir,
    planFile: at('plan.json'),
    dataDir: at('data'),
    async editJson(file, edit) {
      const json = JSON.parse(await readFile(at(file), 'utf8')) as Record<string, unknown>;
      edit(json);
      await writeFile(at(file), `${JSON.stringify(json, null, 2)}\n`);
    },
    async writeText(file, text) {
      await writeFile(at(file), text);
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

export function testConfig(copy: DataCopy, overrides: Partial<AppConfig> = {}): AppConfig {
  return { publicUrl: PUBLIC_URL, planFile: copy.planFile, dataDir: copy.dataDir, cacheEntries: 100, ...overrides };
}

export async function storeFor(copy: DataCopy): Promise<DataStore> {
  return createDataStore(() => loadDataset({ planFile: copy.planFile, dataDir: copy.dataDir }), { clock: () => LOADED_AT });
}

function audienceName(audience: Audience): string {
  if (audience.kind === 'all') return 'all';
  return audience.kind === 'type' ? audience.type : audience.organization.id;
}

/**
 * A stand-in renderer that records its calls. Its output depends on everything it is given
 * (version, audience, options, item titles), so a data change changes the bytes.
 */
export function countingRenderer(): { readonly render: FeedRenderer; readonly calls: string[] } {
  const calls: string[] = [];
  const render: FeedRenderer = (data: Dataset, audience: Audience, options: FeedOptions, ctx) => {
    calls.push(`${data.version} ${audienceName(audience)} ${feedOptionsKey(options)}`);
    const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `X-DATA-VERSION:${data.version}`, `URL:${ctx.publicUrl}`];
    for (const item of data.plan.items) lines.push(`X-ITEM:${item.number} ${item.title}`);
    if (audience.kind === 'organization') lines.push(`X-ORGANIZATION:${audience.organization.name}`);
    lines.push(`X-OPTIONS:${feedOptionsKey(options)}`, 'END:VCALENDAR', '');
    return lines.join('\r\n');
  };
  return { render, calls };
}

export interface TestApp {
  readonly app: FastifyInstance;
  readonly store: DataStore;
  readonly copy: DataCopy;
  close(): Promise<void>;
}

export async function buildTestApp(overrides: Partial<AppDeps> = {}): Promise<TestApp> {
  const copy = await copyData();
  const store = overrides.store ?? (await storeFor(copy));
  const app = await buildApp({ store, config: testConfig(copy), clock: () => LOADED_AT, ...overrides });
  return {
    app,
    store,
    copy,
    async close() {
      await app.close();
      await copy.remove();
    },
  };
}
