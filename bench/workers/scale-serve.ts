/**
 * Worker: one registry size as the service sees it. Loads and validates the data (the cost of
 * a start or a reload), then asks the listening app for organization feeds nobody asked for
 * before (time to first byte, with a client's Accept-Encoding), and renders others straight
 * through the renderer (its share of that time). Peak RSS is read before the repeated loads
 * that measure the warm load time, so it is the serving process's.
 *
 * Arguments: --plan <file> --data <dir> --samples N
 */
import { parseArgs } from 'node:util';
import { loadDataset } from '../../src/data/load.js';
import { createDataStore } from '../../src/data/store.js';
import type { Organization } from '../../src/domain/schema.js';
import { buildApp } from '../../src/http/app.js';
import { DEFAULT_FEED_CACHE_ENTRIES } from '../../src/http/config.js';
import { DEFAULT_FEED_OPTIONS } from '../../src/render/feed-options.js';
import { renderFeed } from '../../src/render/ics/index.js';
import { BENCH_PUBLIC_URL, BENCH_TODAY } from '../lib/app-worker.js';
import { finish } from '../lib/child.js';
import { closeClient, rawRequest } from '../lib/http.js';
import { since } from '../lib/stats.js';

export interface ScaleServeResult {
  readonly organizations: number;
  readonly schoolYears: number;
  readonly coldLoadMs: number;
  readonly warmLoadMs: number;
  readonly ttfbMs: readonly number[];
  readonly renderMs: readonly number[];
  readonly feedBytes: readonly number[];
  readonly maxRss: number;
}

const { values } = parseArgs({
  options: { plan: { type: 'string' }, data: { type: 'string' }, samples: { type: 'string', default: '200' } },
});
const location = { planFile: values.plan ?? 'plan.json', dataDir: values.data ?? 'data' };

/** `count` organizations spread evenly over the registry, starting at `offset`. */
function spread(organizations: readonly Organization[], count: number, offset: number): Organization[] {
  const step = Math.max(1, Math.floor(organizations.length / count));
  const picked: Organization[] = [];
  for (let i = offset; i < organizations.length && picked.length < count; i += step) picked.push(organizations[i] as Organization);
  return picked;
}

let started = performance.now();
const store = await createDataStore(() => loadDataset(location), { clock: () => BENCH_TODAY });
const coldLoadMs = since(started);
const data = store.current;
const app = await buildApp({
  store,
  config: { publicUrl: BENCH_PUBLIC_URL, ...location, cacheEntries: DEFAULT_FEED_CACHE_ENTRIES },
  clock: () => BENCH_TODAY,
});
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
if (address === null || typeof address === 'string') throw new Error('no TCP address');

const organizations = data.registry.organizations;
const samples = Math.min(Number(values.samples), organizations.length);
// Small registries have fewer organizations than samples: the renderer then takes the same ones.
const served = spread(organizations, samples, 0);
const rendered = organizations.length >= 2 * samples ? spread(organizations, samples, 1) : served;

const ttfbMs: number[] = [];
const feedBytes: number[] = [];
for (const organization of served) {
  const response = await rawRequest(`http://127.0.0.1:${address.port}/feeds/organizations/${organization.id}.ics`, {
    headers: { 'accept-encoding': 'gzip, deflate, br' },
  });
  if (response.status !== 200) throw new Error(`${organization.id}: ${response.status}`);
  ttfbMs.push(response.ttfbMs);
}
const renderMs: number[] = [];
for (const organization of rendered) {
  started = performance.now();
  const text = renderFeed(data, { kind: 'organization', organization }, DEFAULT_FEED_OPTIONS, { publicUrl: BENCH_PUBLIC_URL });
  renderMs.push(since(started));
  feedBytes.push(Buffer.byteLength(text));
}
const maxRss = process.resourceUsage().maxRSS * 1024;
closeClient();
await app.close();

// The best of five: a reload's cost without a busy neighbour's noise.
const warm: number[] = [];
for (let i = 0; i < 5; i++) {
  started = performance.now();
  await loadDataset(location);
  warm.push(since(started));
}

finish({
  organizations: organizations.length,
  schoolYears: data.schoolYears.years.length,
  coldLoadMs,
  warmLoadMs: Math.min(...warm),
  ttfbMs,
  renderMs,
  feedBytes,
  maxRss,
} satisfies ScaleServeResult);
