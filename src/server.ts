/**
 * The process: reads the environment, loads the data (refusing to start on bad data), listens,
 * reloads on file changes and SIGHUP, and closes gracefully on SIGTERM/SIGINT.
 */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import type { EditorOptions } from './admin/index.js';
import { buildApp } from './http/app.js';
import { ConfigError, configFromEnv, configWarnings, type ServerConfig } from './http/config.js';
import { dataFiles, loadDataset } from './data/load.js';
import { createDataStore, type DataStore } from './data/store.js';
import { logReload, watchData } from './data/watch.js';
import { DataError } from './domain/errors.js';
import { openState } from './state/index.js';
import { exportAfterPublish } from './admin/editor/export.js';

function readConfig(): ServerConfig {
  try {
    return configFromEnv(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

async function loadStore(config: ServerConfig): Promise<DataStore> {
  const location = { planFile: config.planFile, dataDir: config.dataDir };
  try {
    return await createDataStore(() => loadDataset(location), { timeoutMs: config.loadTimeoutMs });
  } catch (error) {
    if (error instanceof DataError) {
      console.error(`Данные содержат ошибки (${error.issues.length}), сервис не запущен:\n${DataError.format(error.issues)}`);
      process.exit(1);
    }
    throw error;
  }
}

/** The editor writes data/ and STATE_DIR: found out at start-up, not at the first save. */
async function openEditor(config: ServerConfig): Promise<EditorOptions | undefined> {
  if (!config.editor) return undefined;
  const state = openState(config.stateDir);
  try {
    await access(config.dataDir, constants.W_OK);
    await state.sessionSecret();
  } catch (error) {
    console.error(
      `Редактор включён, но ${(error as NodeJS.ErrnoException).path ?? config.dataDir} недоступен для записи (${(error as NodeJS.ErrnoException).code ?? String(error)}). ` +
        'Дайте сервису право записи в DATA_DIR и STATE_DIR или запустите экземпляр только для чтения: EDITOR=off.',
    );
    process.exit(1);
  }
  return { state };
}

const config = readConfig();
const store = await loadStore(config);
const editor = await openEditor(config);
const app = await buildApp({
  store,
  config,
  logger: { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'] },
  limits: config.limits,
  ...(config.trustProxy === undefined ? {} : { trustProxy: config.trustProxy }),
  ...(editor
    ? { editor: { ...editor, ...(config.exportDir ? { afterPublish: exportAfterPublish(config, config.exportDir, () => app.log) } : {}) } }
    : {}),
});
for (const warning of configWarnings(config)) app.log.warn(warning);
const watcher = watchData(store, dataFiles({ planFile: config.planFile, dataDir: config.dataDir }), app.log);

process.on('SIGHUP', () => {
  void store.reload().then((result) => logReload(app.log, result, 'SIGHUP'));
});

let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    if (closing) return;
    closing = true;
    const deadlineMs = config.limits.shutdownTimeoutMs;
    app.log.info({ signal, deadlineMs }, 'closing: finishing requests in flight');
    // A client that never finishes its request (or never reads its answer) must not keep a
    // stopping service alive: past the deadline the remaining sockets are dropped.
    setTimeout(() => {
      app.log.warn({ deadlineMs }, 'closing: deadline passed, dropping the connections still open');
      process.exit(1);
    }, deadlineMs);
    watcher.close();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'close failed');
        process.exit(1);
      },
    );
  });
}

try {
  await app.listen({ port: config.port, host: config.host });
  app.log.info({ version: store.current.version, publicUrl: config.publicUrl, editor: config.editor }, `serving ${config.publicUrl}${config.editor ? ', editor at /admin' : ' (read-only: EDITOR=off)'}`);
} catch (error) {
  app.log.error({ err: error }, 'cannot listen');
  process.exit(1);
}
