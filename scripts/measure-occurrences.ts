/**
 * CPU per uncached 3-year `/api/occurrences` request (issue 13: target under 10 ms), in process
 * through inject: each request has a range no earlier request had, so nothing comes from the
 * representation cache. Prints the median and the 90th percentile over the audiences.
 *
 *   npx tsx scripts/measure-occurrences.ts [requests per audience, default 40] [identity|gzip|br]
 */
import { loadDataset } from '../src/data/load.js';
import { createDataStore } from '../src/data/store.js';
import { buildApp } from '../src/http/app.js';

const perAudience = Number(process.argv[2] ?? 40);
// identity by default: the figure is the service's own work; pass br or gzip to add a compression.
const coding = process.argv[3] ?? 'identity';
const location = { planFile: 'plan.json', dataDir: 'data' };
const store = await createDataStore(() => loadDataset(location));
const app = await buildApp({ store, config: { publicUrl: 'https://eo.example.test', ...location, cacheEntries: 2000 } });
const audiences = ['', '&type=general', '&type=preschool', '&organization=sosh-6', '&organization=gimnaziya-3'];
const day = (offset: number) => new Date(Date.UTC(2025, 8, 1) + offset * 86_400_000).toISOString().slice(0, 10);

const samples: number[] = [];
let bytes = 0;
// The first request of each audience and data version computes its series and the JSON of
// each occurrence; every later range only slices and joins them.
const first: number[] = [];
for (const audience of audiences) {
  const before = process.cpuUsage();
  await app.inject(`/api/occurrences?from=${day(-400)}&to=${day(-400 + 1095)}${audience}`);
  const used = process.cpuUsage(before);
  first.push((used.user + used.system) / 1000);
}
for (let i = 0; i < perAudience; i += 1) {
  for (const audience of audiences) {
    const url = `/api/occurrences?from=${day(i)}&to=${day(i + 1095)}${audience}`;
    const before = process.cpuUsage();
    const response = await app.inject({ url, headers: { 'accept-encoding': coding } });
    const used = process.cpuUsage(before);
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
    bytes = Math.max(bytes, response.rawPayload.length);
    samples.push((used.user + used.system) / 1000);
  }
}
samples.sort((a, b) => a - b);
const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]?.toFixed(2);
console.log(`first request per audience and data version: CPU ${first.map((ms) => ms.toFixed(1)).join(', ')} ms`);
console.log(`uncached 3-year /api/occurrences (${coding}): ${samples.length} requests, CPU median ${at(0.5)} ms, p90 ${at(0.9)} ms, largest body ${(bytes / 1024).toFixed(0)} KB`);
await app.close();
