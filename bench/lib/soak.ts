/**
 * The soak: mixed feeds, API and pages at a steady concurrency against the real app in its own
 * process, with a data reload (a new plan version) half-way through. Every response must be
 * 2xx/3xx and belong wholly to the old or the new version: its ETag is one of the two this URL
 * had, and (for a sample of plain bodies) the body is the one that goes with that ETag.
 * Memory is read after a forced GC, after warm-up and at the end.
 *
 * Used by test/load-soak.test.ts (short) and `npm run bench -- --load` (60 s, 100 connections).
 */
import { startAppServer, type AppServer, type ReloadReply } from './app-worker.js';
import { load, type LoadResult, type Request } from './cannon.js';
import { rawRequest } from './http.js';
import type { MemorySnapshot } from './memory.js';

export interface SoakOptions {
  readonly durationSec: number;
  readonly warmupSec: number;
  readonly connections: number;
  /** Check the body of every n-th plain response (all of them cost the load generator too much). */
  readonly bodySampleEvery: number;
  readonly log?: (line: string) => void;
}

export interface SoakResult {
  readonly load: LoadResult;
  readonly statuses: Readonly<Record<string, number>>;
  readonly checkedBodies: number;
  /** Responses that were neither wholly the old version nor wholly the new one (first 20). */
  readonly mismatches: readonly string[];
  readonly mismatchCount: number;
  /** URLs whose responses during the run came from both versions (the reload happened mid-run). */
  readonly bothVersions: number;
  readonly oldVersion: string;
  readonly reload: ReloadReply;
  readonly afterWarmup: MemorySnapshot;
  readonly atEnd: MemorySnapshot;
  readonly paths: readonly string[];
  /** RSS (no GC) every `sampleEverySec` seconds of the run: [seconds since start, bytes]. */
  readonly rssTrace: readonly (readonly [number, number])[];
  readonly reloadAtSec: number;
}

type Check = 'etag' | 'healthz';

interface Probe {
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly check: Check;
  /** Bodies are compared as text only when uncompressed. */
  readonly plain: boolean;
}

/** What one URL answers in one version. */
interface Version {
  readonly etag: string;
  readonly text: string;
}

const UPDATED_AFTER_RELOAD = '2026-12-01T00:00:00Z';

function probes(hasApi: boolean): Probe[] {
  const plain = (path: string, check: Check = 'etag'): Probe => ({ path, headers: {}, check, plain: true });
  const list: Probe[] = [
    plain('/feeds/all.ics'),
    plain('/feeds/general.ics'),
    plain('/feeds/preschool.ics?reminders=7,1'),
    { path: '/feeds/additional.ics', headers: { 'accept-encoding': 'gzip' }, check: 'etag', plain: false },
    { path: '/feeds/organizations/sosh-6.ics', headers: { 'accept-encoding': 'br' }, check: 'etag', plain: false },
    plain('/feeds/organizations/gimnaziya-3.ics?daily=0'),
    plain('/feeds/organizations/ds-4-lastochka.ics'),
    plain('/'),
    plain('/organizations'),
    plain('/organizations/sosh-5'),
    plain('/plan'),
    plain('/embed/general'),
    plain('/healthz', 'healthz'),
  ];
  if (hasApi) {
    list.push(
      plain('/api/plan'),
      plain('/api/organizations'),
      plain('/api/organizations/syun'),
      plain('/api/occurrences?from=2025-09-01&to=2026-08-31&organization=sosh-6'),
    );
  }
  return list;
}

/** The text autocannon hands over, reduced to what survives its chunk-wise UTF-8 decoding: ASCII. */
function asciiOf(text: string): string {
  return text.replace(/[^\x20-\x7e\r\n]/g, '');
}

function healthVersion(text: string): string | undefined {
  return /"version":"([^"]+)"/.exec(text)?.[1];
}

async function snapshot(server: AppServer, probe: Probe): Promise<Version> {
  const response = await rawRequest(server.origin + probe.path, { headers: probe.headers });
  if (response.status !== 200) throw new Error(`${probe.path}: ${response.status} before the soak`);
  const etag = response.headers.etag;
  if (probe.check === 'etag' && typeof etag !== 'string') throw new Error(`${probe.path}: no ETag`);
  return { etag: typeof etag === 'string' ? etag : '', text: probe.plain ? asciiOf(response.body.toString('utf8')) : '' };
}

interface Seen {
  /** ETag → plain bodies seen with it (ASCII projection). */
  readonly byEtag: Map<string, Set<string>>;
  readonly versions: Set<string>;
}

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const log = options.log ?? (() => {});
  const server = await startAppServer();
  try {
    const list = probes(server.worker.ready.hasApi);
    const before = await Promise.all(list.map((probe) => snapshot(server, probe)));
    const seen: Seen[] = list.map(() => ({ byEtag: new Map(), versions: new Set() }));
    const statuses: Record<string, number> = {};
    let counter = 0;
    let checkedBodies = 0;
    let missingEtag = 0;

    const requests = (record: boolean): Request[] =>
      list.map((probe, index) => ({
        method: 'GET',
        path: probe.path,
        headers: probe.headers,
        onResponse: record
          ? (status, body, _context, headers) => {
              statuses[status] = (statuses[status] ?? 0) + 1;
              const slot = seen[index] as Seen;
              if (probe.check === 'healthz') {
                slot.versions.add(healthVersion(body) ?? '(none)');
                return;
              }
              const etag = headers['etag'] ?? headers['ETag'];
              if (typeof etag !== 'string') {
                missingEtag += 1;
                return;
              }
              let bodies = slot.byEtag.get(etag);
              if (bodies === undefined) slot.byEtag.set(etag, (bodies = new Set()));
              if (probe.plain && status === 200 && ++counter % options.bodySampleEvery === 0) {
                bodies.add(asciiOf(body));
                checkedBodies += 1;
              }
            }
          : undefined,
      }));

    log(`soak: warm-up ${options.warmupSec} s`);
    await load({ url: server.origin, connections: options.connections, duration: options.warmupSec, requests: requests(false) });
    const afterWarmup = await server.memory();

    log(`soak: ${options.durationSec} s, ${options.connections} connections, reload at ${options.durationSec / 2} s`);
    const started = performance.now();
    const running = load({ url: server.origin, connections: options.connections, duration: options.durationSec, requests: requests(true) });
    const rssTrace: [number, number][] = [];
    const sampleEvery = Math.max(1, Math.round(options.durationSec / 12));
    const sampler = setInterval(() => {
      const at = (performance.now() - started) / 1000;
      void server.rss().then((rss) => rssTrace.push([at, rss]), () => {});
    }, sampleEvery * 1000);
    const reload = await new Promise<ReloadReply>((resolve, reject) => {
      setTimeout(() => server.reload('soak-2', UPDATED_AFTER_RELOAD).then(resolve, reject), (options.durationSec * 1000) / 2);
    });
    const result = await running;
    clearInterval(sampler);
    const after = await Promise.all(list.map((probe) => snapshot(server, probe)));
    const atEnd = await server.memory();

    let bothVersions = 0;
    const mismatches: string[] = [];
    const mismatch = (line: string) => mismatches.push(line);
    if (missingEtag > 0) mismatch(`${missingEtag} responses without an ETag`);
    list.forEach((probe, index) => {
      const slot = seen[index] as Seen;
      const old = before[index] as Version;
      const next = after[index] as Version;
      if (probe.check === 'healthz') {
        const allowed = new Set([server.worker.ready.version, reload.version]);
        for (const version of slot.versions) if (!allowed.has(version)) mismatch(`${probe.path}: version ${version}`);
        return;
      }
      if (old.etag !== next.etag && slot.byEtag.has(old.etag) && slot.byEtag.has(next.etag)) bothVersions += 1;
      for (const [etag, bodies] of slot.byEtag) {
        const version = etag === old.etag ? old : etag === next.etag ? next : undefined;
        if (version === undefined) {
          mismatch(`${probe.path}: ETag ${etag} is neither the old ${old.etag} nor the new ${next.etag}`);
          continue;
        }
        for (const text of bodies) {
          if (text !== version.text) mismatch(`${probe.path}: a body that does not go with its ETag ${etag}`);
        }
      }
    });

    return {
      load: result,
      statuses,
      checkedBodies,
      mismatches: mismatches.slice(0, 20),
      mismatchCount: mismatches.length,
      bothVersions,
      oldVersion: server.worker.ready.version,
      reload,
      afterWarmup,
      atEnd,
      paths: list.map((probe) => probe.path),
      rssTrace,
      reloadAtSec: options.durationSec / 2,
    };
  } finally {
    await server.stop();
  }
}

/** Growth of `key` from the first snapshot to the second, as a fraction. */
export function growth(a: MemorySnapshot, b: MemorySnapshot, key: 'rss' | 'heapUsed' | 'external'): number {
  return (b[key] - a[key]) / a[key];
}
