/**
 * Run by test/memory-bound.test.ts with --expose-gc: serves 10 000 distinct feed URLs with
 * reminder lists (issue 13: 20 000 of them took the heap from 21 to 533 MB), then forces
 * garbage collection and prints heap figures as JSON.
 */
import { loadDataset } from '../../src/data/load.js';
import { createDataStore } from '../../src/data/store.js';
import { buildApp } from '../../src/http/app.js';
import { MAX_REMINDERS, REMINDER_OFFSETS } from '../../src/api/feed-query.js';

const [budgetArg = '8388608', countArg = '10000'] = process.argv.slice(2);
const budget = Number(budgetArg);
const count = Number(countArg);
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');

const location = { planFile: 'plan.json', dataDir: 'data' };
const store = await createDataStore(() => loadDataset(location));
// Entries practically unbounded: only the byte budget can hold the cache in.
const app = await buildApp({ store, config: { publicUrl: 'https://eo.example.test', ...location, cacheEntries: 1_000_000, cacheBytes: budget } });

function lists(): string[] {
  const out: string[] = [];
  const pick = (from: number, chosen: number[]) => {
    if (chosen.length > 0) out.push(chosen.join(','));
    if (chosen.length === MAX_REMINDERS) return;
    for (let i = from; i < REMINDER_OFFSETS.length; i++) pick(i + 1, [...chosen, REMINDER_OFFSETS[i] as number]);
  };
  pick(0, []);
  return out;
}

const feeds = ['/feeds/all.ics', '/feeds/general.ics', '/feeds/preschool.ics', '/feeds/additional.ics', '/feeds/organizations/sosh-6.ics', '/feeds/organizations/gimnaziya-3.ics'];
const itemVariants = ['', ...store.current.plan.items.map((item) => `&items=${item.number}`)];
const urls: string[] = [];
outer: for (const items of itemVariants) {
  for (const reminders of lists()) {
    for (const feed of feeds) {
      urls.push(`${feed}?reminders=${reminders}${items}`);
      if (urls.length === count) break outer;
    }
  }
}

gc();
const before = process.memoryUsage().heapUsed;
const encodings = ['br', 'gzip', 'identity'];
for (const [i, url] of urls.entries()) {
  const response = await app.inject({ url, headers: { 'accept-encoding': encodings[i % 3] as string } });
  if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode}`);
}
gc();
await new Promise((resolve) => setImmediate(resolve));
gc();
const after = process.memoryUsage().heapUsed;
console.log(JSON.stringify({ urls: new Set(urls).size, before, after, cacheBytes: app.representations.bytes, cacheEntries: app.representations.size }));
await app.close();
