/**
 * `npm run openapi`: writes openapi/openapi.json, the OpenAPI document of the app as
 * @fastify/swagger generates it from the route schemas, with the relative server `/` so the
 * file does not depend on where the service runs. `--check` only compares (exit 1 when the
 * committed file is stale), for CI. Exit code 2 for bad arguments.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadDataset } from '../data/load.js';
import { createDataStore } from '../data/store.js';
import { buildApp } from '../http/app.js';
import { openapiDocument, openapiText } from '../http/plugins/openapi.js';
import { openState } from '../state/index.js';
import { isEntryPoint } from './entry.js';

export const OPENAPI_FILE = 'openapi/openapi.json';

const USAGE = 'Использование: openapi [--check] [--out openapi/openapi.json] [--plan plan.json] [--data data]';

/** The document's text. The routes need data to start, but the document depends on none of it. */
export async function generateOpenapi(location: { readonly planFile: string; readonly dataDir: string }): Promise<string> {
  const store = await createDataStore(() => loadDataset(location));
  // With the editor, so its API is documented; its state (a session key) goes to a throwaway directory.
  const stateDir = await mkdtemp(path.join(tmpdir(), 'eo-openapi-state-'));
  const app = await buildApp({
    store,
    config: { publicUrl: 'http://localhost', planFile: location.planFile, dataDir: location.dataDir, cacheEntries: 1 },
    clock: () => new Date(0),
    editor: { state: openState(stateDir) },
  });
  try {
    await app.ready();
    return openapiText(openapiDocument(app, '/'));
  } finally {
    await app.close();
    await rm(stateDir, { recursive: true, force: true });
  }
}

export async function main(argv: readonly string[], out = console.log, err = console.error): Promise<number> {
  let options: { check: boolean; out: string; plan: string; data: string };
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        check: { type: 'boolean', default: false },
        out: { type: 'string', default: OPENAPI_FILE },
        plan: { type: 'string', default: 'plan.json' },
        data: { type: 'string', default: 'data' },
      },
      strict: true,
      allowPositionals: false,
    });
    options = { check: values.check, out: values.out, plan: values.plan, data: values.data };
  } catch (error) {
    err(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const text = await generateOpenapi({ planFile: options.plan, dataDir: options.data });
  if (options.check) {
    const committed = await readFile(options.out, 'utf8').catch(() => undefined);
    if (committed === text) {
      out(`${options.out}: актуален`);
      return 0;
    }
    err(`${options.out}: устарел или отсутствует — выполните npm run openapi и закоммитьте файл`);
    return 1;
  }
  await mkdir(path.dirname(options.out), { recursive: true });
  await writeFile(options.out, text);
  out(`${options.out}: записан (${Buffer.byteLength(text)} байт)`);
  return 0;
}

if (isEntryPoint(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
