/**
 * Worker: the real app (same factory as server.ts) over a private copy of a data set, on
 * 127.0.0.1. Commands: `memory` (after a forced GC when --expose-gc is on), `reload` (a new
 * plan version, as a publisher would release it), `exit`.
 *
 * Arguments: --plan <plan.json> --data <dir> [--port N] [--cache-entries N]
 */
import { parseArgs } from 'node:util';
import { loadDataset } from '../../src/data/load.js';
import { createDataStore } from '../../src/data/store.js';
import { buildApp } from '../../src/http/app.js';
import { DEFAULT_FEED_CACHE_ENTRIES } from '../../src/http/config.js';
import { BENCH_PUBLIC_URL, BENCH_TODAY, type AppServerReady } from '../lib/app-worker.js';
import { announce, serveCommands } from '../lib/child.js';
import { copyData } from '../lib/data-copy.js';
import { memorySnapshot } from '../lib/memory.js';

const { values } = parseArgs({
  options: {
    plan: { type: 'string', default: 'plan.json' },
    data: { type: 'string', default: 'data' },
    port: { type: 'string', default: '0' },
    'cache-entries': { type: 'string', default: String(DEFAULT_FEED_CACHE_ENTRIES) },
  },
});

const copy = await copyData({ planFile: values.plan, dataDir: values.data });
const store = await createDataStore(() => loadDataset({ planFile: copy.planFile, dataDir: copy.dataDir }), { clock: () => BENCH_TODAY });
const app = await buildApp({
  store,
  config: { publicUrl: BENCH_PUBLIC_URL, planFile: copy.planFile, dataDir: copy.dataDir, cacheEntries: Number(values['cache-entries']) },
  clock: () => BENCH_TODAY,
});
await app.listen({ host: '127.0.0.1', port: Number(values.port) });
const address = app.server.address();
if (address === null || typeof address === 'string') throw new Error('no TCP address');

serveCommands(
  {
    memory: () => memorySnapshot(),
    // Without a GC: cheap enough to sample under load.
    rss: () => process.memoryUsage().rss,
    // The server's own CPU time, for CPU per request (bench/hostile.ts).
    cpu: () => process.cpuUsage(),
    reload: async (message) => {
      await copy.setVersion(String(message['version']), String(message['updated']));
      const result = await store.reload();
      return result.ok ? { ok: true, version: result.version, changed: result.changed } : { ok: false };
    },
  },
  async () => {
    await app.close();
    await copy.remove();
  },
);
announce({
  port: address.port,
  version: store.current.version,
  hasApi: app.hasRoute({ method: 'GET', url: '/api/occurrences' }),
} satisfies AppServerReady);
