/**
 * A worker thread of the export: loads the data, builds the app with the server's factory and
 * writes the URLs the main thread hands it, a chunk at a time. The planner also lists the URLs
 * for the main thread, which never loads the data itself. Started by workers.ts only.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FastifyInstance } from 'fastify';
import { loadDataset } from '../data/load.js';
import { createDataStore } from '../data/store.js';
import { DataError } from '../domain/errors.js';
import type { Dataset } from '../domain/model.js';
import { buildApp } from '../http/app.js';
import { loadAssets } from '../render/html/assets.js';
import { exportClock } from './clock.js';
import { directAnswers, type DirectAnswer } from './direct.js';
import { ExportError } from './errors.js';
import type { Failure, FromWorker, Plan, Target, ToWorker, WorkerInit } from './protocol.js';
import { historyPaths, publicPaths } from './urls.js';
import { writeHistory } from './history.js';
import { writeUrl, type UrlWriter } from './write-url.js';

const init = workerData as WorkerInit;
const port = parentPort;
if (port === null) throw new Error('worker.ts runs only as a worker thread of the export');

function send(message: FromWorker): void {
  port?.postMessage(message);
}

function failure(error: unknown): Failure {
  if (error instanceof ExportError) return { type: 'failed', kind: 'export', message: error.message };
  if (error instanceof DataError) {
    if (init.role.plan) return { type: 'failed', kind: 'data', issues: error.issues };
    // The planner validated this data a moment ago: a worker that finds it invalid saw it change.
    return { type: 'failed', kind: 'export', message: `данные изменились во время экспорта:\n${error.message}` };
  }
  if (error instanceof Error) return { type: 'failed', kind: 'bug', message: error.message, ...(error.stack === undefined ? {} : { stack: error.stack }) };
  return { type: 'failed', kind: 'bug', message: String(error) };
}

async function plan(data: Dataset): Promise<Plan> {
  const assets = await loadAssets();
  const { paths, shared, lists } = publicPaths(data, [assets.css.path, assets.js.path]);
  return { version: data.version, paths, shared, lists, history: historyPaths(data), dataTimeMs: new Date(data.plan.meta.updated).getTime() };
}

async function start(): Promise<{ app: FastifyInstance; direct: DirectAnswer; plan?: Plan }> {
  const clock = exportClock(init.date);
  const store = await createDataStore(() => loadDataset({ planFile: init.planFile, dataDir: init.dataDir }), { clock });
  const { role } = init;
  if (!role.plan && store.current.version !== role.version) {
    throw new ExportError(`данные изменились во время экспорта: адреса составлены для версии ${role.version}, загружена ${store.current.version}`);
  }
  const app = await buildApp({
    store,
    // Every URL is asked for once: the cache only has to hold the one being written.
    config: { publicUrl: init.publicUrl, planFile: init.planFile, dataDir: init.dataDir, cacheEntries: 4 },
    clock,
    logger: false,
  });
  const direct = directAnswers({ store, clock, publicUrl: init.publicUrl, assets: await loadAssets() });
  return role.plan ? { app, direct, plan: await plan(store.current) } : { app, direct };
}

let app: FastifyInstance | undefined;
let direct: DirectAnswer | undefined;
let writer: UrlWriter | undefined;

function target(to: Target): UrlWriter {
  if (app === undefined || direct === undefined) throw new Error('the app is not built yet');
  return { app, direct, root: to.root, dataTime: new Date(to.dataTimeMs), shared: to.shared, made: new Set(), checked: new Set() };
}

async function handle(message: ToWorker): Promise<void> {
  if (message.type === 'start') {
    writer = target(message.target);
    return send({ type: 'started' });
  }
  if (message.type === 'close') {
    await app?.close();
    port?.close();
    return;
  }
  if (writer === undefined) throw new Error('a chunk before the target');
  if (message.type === 'history') {
    const written = await writeHistory({ app: writer.app, root: writer.root, publicUrl: init.publicUrl, time: writer.dataTime }, message.urls);
    return send({ type: 'done', count: message.urls.length, ...written });
  }
  let files = 0;
  let bytes = 0;
  for (const [offset, url] of message.urls.entries()) {
    const written = await writeUrl(writer, url, message.start + offset);
    files += written.files;
    bytes += written.bytes;
  }
  send({ type: 'done', count: message.urls.length, files, bytes });
}

try {
  const started = await start();
  app = started.app;
  direct = started.direct;
  if (!init.role.plan) writer = target(init.role.target);
  port.on('message', (message: ToWorker) => {
    handle(message).catch((error: unknown) => send(failure(error)));
  });
  send(started.plan === undefined ? { type: 'ready' } : { type: 'ready', plan: started.plan });
} catch (error) {
  send(failure(error));
}
