/**
 * autocannon with latency percentiles of our own: autocannon's histogram keeps whole
 * milliseconds, too coarse for sub-millisecond cached responses.
 */
import type { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { percentile } from './stats.js';

// autocannon 9 ships no types: the parts of its programmatic API used here.
export interface Histogram {
  readonly average: number;
  readonly mean: number;
  readonly stddev: number;
  readonly min: number;
  readonly max: number;
  readonly total: number;
  readonly p50: number;
  readonly p99: number;
}

export interface Request {
  readonly method?: string;
  readonly path?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
  onResponse?(status: number, body: string, context: Record<string, unknown>, headers: Record<string, string | string[]>): void;
}

export interface Options {
  readonly url: string;
  readonly connections?: number;
  readonly duration?: number;
  readonly amount?: number;
  readonly pipelining?: number;
  readonly timeout?: number;
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly requests?: readonly Request[];
  readonly excludeErrorStats?: boolean;
}

export interface Result {
  readonly latency: Histogram;
  readonly requests: Histogram;
  readonly throughput: Histogram;
  readonly errors: number;
  readonly timeouts: number;
  readonly mismatches: number;
  readonly non2xx: number;
  readonly resets: number;
  readonly duration: number;
  readonly '1xx': number;
  readonly '2xx': number;
  readonly '3xx': number;
  readonly '4xx': number;
  readonly '5xx': number;
  readonly statusCodeStats: Record<string, { count: number }>;
}

export interface Instance extends EventEmitter, PromiseLike<Result> {
  stop(): void;
}


const autocannon = createRequire(import.meta.url)('autocannon') as (options: Options) => Instance;

export interface LoadResult {
  readonly raw: Result;
  /** Mean requests per second over the run. */
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly requests: number;
  readonly errors: number;
  /** Responses with a status other than 2xx or 3xx. */
  readonly bad: number;
}

export async function load(options: Options): Promise<LoadResult> {
  const latencies: number[] = [];
  const instance = autocannon(options);
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
  });
  const raw = await instance;
  return {
    raw,
    rps: latencies.length / raw.duration,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    requests: latencies.length,
    errors: raw.errors + raw.timeouts,
    bad: raw['1xx'] + raw['4xx'] + raw['5xx'],
  };
}
