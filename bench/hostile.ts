/**
 * `npm run bench -- --only hostile` (issue 13): the app under the traffic an attacker can send
 * from one machine, against one instance on loopback with the bundled data and default settings.
 *
 * - N distinct feed option URLs (item subsets × daily × reminder lists): RSS before, after and
 *   after a forced GC, and its growth over the second half (a bounded cache levels off).
 *   Reminder lists are combinations of at most three offsets the app accepts (asked first), so
 *   the URLs stay valid when reminders are limited to a fixed set.
 * - Server CPU per uncached 3-year /api/occurrences request (distinct ranges, one at a time).
 * - A cached organization feed's latency alone, then while 8 connections request uncached
 *   3-year occurrences.
 * - Descriptors and memory with 1 000 idle sockets, then 1 000 that ask for a large answer and
 *   never read; whether /healthz still answers, and how many the server closed by itself.
 * Every loop is bounded by a count or a duration and every socket is destroyed at the end.
 */
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { startAppServer, type AppServer } from './lib/app-worker.js';
import { load } from './lib/cannon.js';
import { MB } from './lib/memory.js';
import { descriptors, openSockets, residentBytes, sleep } from './lib/proc.js';
import { median } from './lib/stats.js';
import { fmt, fmtInt, table, type TargetResult } from './lib/table.js';
import { itemSubsets, occurrenceRange, reminderLists } from './lib/hostile-urls.js';

export interface HostileOptions {
  readonly urls: number;
  readonly occurrences: number;
  readonly durationSec: number;
  readonly sockets: number;
  readonly holdSec: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: 8 });

function get(url: string, fresh = false): Promise<{ status: number; bytes: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(url, { agent: fresh ? false : agent }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, ms: performance.now() - started }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function json<T>(url: string): Promise<T> {
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    request(url, { agent }, (res) => {
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', resolve);
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as T;
}

/** Runs `task` over `items` on `width` connections at once; counts answers that are not 200. */
async function across<T>(items: readonly T[], width: number, task: (item: T, index: number) => Promise<number>): Promise<number> {
  let next = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const index = next++;
        if ((await task(items[index] as T, index)) !== 200) failed += 1;
      }
    }),
  );
  return failed;
}

async function optionUrls(app: AppServer, count: number): Promise<{ rows: string[][]; targets: TargetResult[] }> {
  const { origin } = app;
  const plan = await json<{ items: { number: number }[] }>(`${origin}/api/plan`);
  const accepted: number[] = [];
  for (const days of [1, 3, 7, 14, 0, 2, 5, 10, 30]) {
    if ((await get(`${origin}/feeds/all.ics?reminders=${days}`)).status === 200) accepted.push(days);
  }
  const reminders = reminderLists(accepted.slice(0, 4), 3);
  const urls: string[] = [];
  for (const items of itemSubsets(plan.items.map((i) => i.number))) {
    for (const daily of ['1', '0']) {
      for (const list of reminders) {
        urls.push(`${origin}/feeds/all.ics?items=${items}&daily=${daily}${list === '' ? '' : `&reminders=${list}`}`);
      }
    }
    if (urls.length >= count) break;
  }
  urls.length = Math.min(urls.length, count);
  const pid = app.worker.process.pid ?? 0;
  const before = await app.memory();
  let half = Number.NaN;
  const failed = await across(urls, 8, async (url, index) => {
    if (index === Math.floor(urls.length / 2)) half = residentBytes(pid);
    return (await get(url)).status;
  });
  const end = residentBytes(pid);
  const after = await app.memory();
  const growth = (end - half) / half;
  const rows = [
    [`${fmtInt(urls.length)} distinct feed option URLs (${fmtInt(failed)} not 200; reminders from ${accepted.slice(0, 4).join(', ')})`, 'RSS before (after GC)', `${fmt(before.rss / MB, 0)} MB`],
    ['', 'RSS at half way → at the end', `${fmt(half / MB, 0)} → ${fmt(end / MB, 0)} MB (${fmt(growth * 100, 1)} % over the second half)`],
    ['', 'after a forced GC: RSS / heap / external', `${fmt(after.rss / MB, 0)} / ${fmt(after.heapUsed / MB, 0)} / ${fmt(after.external / MB, 0)} MB`],
  ];
  return { rows, targets: [{ target: `hostile: RSS levels off over ${fmtInt(urls.length)} option URLs (second half < 10 %)`, measured: `${fmt(growth * 100, 1)} %`, pass: failed === 0 && growth < 0.1 }] };
}

async function occurrencesCpu(app: AppServer, count: number, organizations: readonly string[]): Promise<string[][]> {
  const urls = Array.from({ length: count }, (_, i) => `${app.origin}/api/occurrences?${occurrenceRange(i)}&organization=${organizations[i % organizations.length]}`);
  const sizes: number[] = [];
  const start = await app.worker.call<NodeJS.CpuUsage>('cpu');
  const failed = await across(urls, 1, async (url) => {
    const response = await get(url);
    sizes.push(response.bytes);
    return response.status;
  });
  const end = await app.worker.call<NodeJS.CpuUsage>('cpu');
  const cpuMs = (end.user - start.user + end.system - start.system) / 1000 / count;
  return [[`${fmtInt(count)} uncached 3-year /api/occurrences, one at a time (${fmtInt(failed)} not 200)`, 'server CPU per request', `${fmt(cpuMs, 1)} ms (answer ${fmt(median(sizes) / 1024, 0)} KB)`]];
}

async function feedUnderAttack(app: AppServer, durationSec: number, organizations: readonly string[]): Promise<string[][]> {
  const feed = `${app.origin}/feeds/organizations/sosh-6.ics`;
  await get(feed);
  const alone = await load({ url: feed, connections: 2, duration: durationSec });
  let attacking = true;
  let attacks = 0;
  let next = 100_000;
  const attackers = Array.from({ length: 8 }, async () => {
    while (attacking) {
      const i = next++;
      await get(`${app.origin}/api/occurrences?${occurrenceRange(i)}&organization=${organizations[i % organizations.length]}`);
      attacks += 1;
    }
  });
  const attacked = await load({ url: feed, connections: 2, duration: durationSec });
  attacking = false;
  await Promise.all(attackers);
  // A response still outstanding when the run ends is not counted: errors and timeouts are shown too.
  const row = (r: typeof alone) =>
    `p50 ${fmt(r.p50, 2)} / p99 ${fmt(r.p99, 2)} / max ${fmt(r.raw.latency.max, 0)} ms, ${fmtInt(r.rps)} req/s, ${fmtInt(r.errors)} errors or timeouts`;
  return [
    ['cached organization feed, 2 connections', 'alone', row(alone)],
    ['', `while 8 connections request uncached 3-year occurrences (${fmt(attacks / durationSec, 1)} req/s of them)`, row(attacked)],
  ];
}

async function socketCrowds(app: AppServer, count: number, holdSec: number): Promise<{ rows: string[][]; targets: TargetResult[] }> {
  const pid = app.worker.process.pid ?? 0;
  const port = Number(new URL(app.origin).port);
  const rows: string[][] = [];
  const targets: TargetResult[] = [];
  const large = '/api/occurrences?from=2025-09-01&to=2028-08-31&type=general';
  const idle = { fds: descriptors(pid), rss: residentBytes(pid) };
  rows.push(['no extra sockets', 'server descriptors / RSS', `${fmtInt(idle.fds)} / ${fmt(idle.rss / MB, 0)} MB`]);
  for (const [name, payload] of [
    [`${fmtInt(count)} idle sockets (nothing sent)`, undefined],
    [`${fmtInt(count)} sockets asking for ${large} and never reading`, `GET ${large} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`],
  ] as const) {
    const crowd = await openSockets(port, count, payload);
    await sleep(holdSec * 1000);
    const health = await get(`${app.origin}/healthz`, true).catch(() => ({ status: 0, ms: Number.NaN }));
    rows.push([
      name,
      `after ${holdSec} s: server descriptors / RSS; /healthz; closed by the server`,
      `${fmtInt(descriptors(pid))} / ${fmt(residentBytes(pid) / MB, 0)} MB; ${health.status === 0 ? 'no answer' : `${health.status} in ${fmt(health.ms, 1)} ms`}; ${fmtInt(crowd.closedByServer())} of ${fmtInt(crowd.opened)}`,
    ]);
    targets.push({ target: `hostile: /healthz answers with ${name}`, measured: health.status === 0 ? 'no answer' : `${health.status}`, pass: health.status === 200 });
    crowd.close();
    await sleep(1000);
  }
  return { rows, targets };
}

export async function runHostile(options: HostileOptions, log: (line: string) => void): Promise<{ text: string; targets: TargetResult[] }> {
  const loadAtStart = loadavg()[0] ?? Number.NaN;
  const app = await startAppServer();
  try {
    const organizations = (await json<{ organizations: { id: string }[] }>(`${app.origin}/api/organizations`)).organizations.map((o) => o.id);
    log(`hostile: ${options.urls} option URLs`);
    const options1 = await optionUrls(app, options.urls);
    log(`hostile: ${options.occurrences} uncached occurrences`);
    const cpu = await occurrencesCpu(app, options.occurrences, organizations);
    log('hostile: a cached feed while 8 connections ask for uncached occurrences');
    const latency = await feedUnderAttack(app, options.durationSec, organizations);
    log(`hostile: ${options.sockets} idle, then never-reading sockets`);
    const sockets = await socketCrowds(app, options.sockets, options.holdSec);
    const text = [
      `Load average (1 min) at the start of this section: ${fmt(loadAtStart, 2)}, at its end: ${fmt(loadavg()[0] ?? Number.NaN, 2)}`,
      '',
      table(['traffic', 'measured', 'value'], [...options1.rows, ...cpu, ...latency, ...sockets.rows]),
    ].join('\n');
    return { text, targets: [...options1.targets, ...sockets.targets] };
  } finally {
    agent.destroy();
    await app.stop();
  }
}
