/**
 * The process: reads the environment, loads the data (refusing to start on bad data), listens,
 * reloads on file changes and SIGHUP, and closes gracefully on SIGTERM/SIGINT.
 */
import { buildApp } from './http/app.js';
import { ConfigError, configFromEnv, type ServerConfig } from './http/config.js';
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
    return await createDataStore(() => loadDataset(location));
  } catch (error) {
    if (error instanceof DataError) {
      console.error(`Данные содержат ошибки (${error.issues.length}), сервис не запущен:\n${DataError.format(error.issues)}`);
      process.exit(1);
    }
    throw error;
  }
}

const config = readConfig();
const store = await loadStore(config);
const app = await buildApp({
  store,
  config,
  logger: { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'] },
  ...(config.editor ? { editor: { state: openState(config.stateDir), ...(config.exportDir ? { afterPublish: exportAfterPublish(config, config.exportDir, () => app.log) } : {}) } } : {}),
});
const watcher = watchData(store, dataFiles({ planFile: config.planFile, dataDir: config.dataDir }), app.log);

process.on('SIGHUP', () => {
  void store.reload().then((result) => logReload(app.log, result, 'SIGHUP'));
});

let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'closing: finishing requests in flight');
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
