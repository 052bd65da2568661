/** The parent's side of bench/servers/app-server.ts: the real app in its own process. */
import { spawnWorker, type Worker } from './child.js';
import type { DataLocation } from './data-copy.js';
import type { MemorySnapshot } from './memory.js';

/** Pages list the coming deadlines of "today": pinned, so runs are comparable. */
export const BENCH_TODAY = new Date('2025-10-01T09:00:00Z');
export const BENCH_PUBLIC_URL = 'https://eo.example.test';

export interface AppServerReady {
  readonly port: number;
  readonly version: string;
  readonly hasApi: boolean;
}

export interface ReloadReply {
  readonly ok: boolean;
  readonly version?: string;
  readonly changed?: boolean;
}

export interface AppServer {
  readonly worker: Worker<AppServerReady>;
  readonly origin: string;
  memory(): Promise<MemorySnapshot>;
  rss(): Promise<number>;
  reload(version: string, updated: string): Promise<ReloadReply>;
  stop(): Promise<void>;
}

export interface AppServerOptions {
  readonly data?: DataLocation;
  readonly cacheEntries?: number;
  readonly nodeFlags?: readonly string[];
}

export async function startAppServer(options: AppServerOptions = {}): Promise<AppServer> {
  const args = ['--plan', options.data?.planFile ?? 'plan.json', '--data', options.data?.dataDir ?? 'data'];
  if (options.cacheEntries !== undefined) args.push('--cache-entries', String(options.cacheEntries));
  const worker = await spawnWorker<AppServerReady>('bench/servers/app-server.ts', {
    args,
    nodeFlags: ['--expose-gc', ...(options.nodeFlags ?? [])],
    // As deploy/eo-calendar.service and the Dockerfile run the service.
    env: { MALLOC_ARENA_MAX: '2' },
  });
  return {
    worker,
    origin: `http://127.0.0.1:${worker.ready.port}`,
    memory: () => worker.call<MemorySnapshot>('memory'),
    rss: () => worker.call<number>('rss'),
    reload: (version, updated) => worker.call<ReloadReply>('reload', { version, updated }),
    stop: () => worker.stop(),
  };
}
