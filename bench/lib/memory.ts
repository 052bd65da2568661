/** Memory of this process, after a full GC when node runs with --expose-gc. */
export interface MemorySnapshot {
  readonly rss: number;
  readonly heapUsed: number;
  /** Buffers outside the JS heap: cached feed bodies and their compressed variants. */
  readonly external: number;
  /** Peak resident set size of the process so far, bytes. */
  readonly maxRss: number;
  readonly gcForced: boolean;
}

export function memorySnapshot(): MemorySnapshot {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) {
    gc();
    gc();
  }
  const usage = process.memoryUsage();
  return {
    rss: usage.rss,
    heapUsed: usage.heapUsed,
    external: usage.external,
    maxRss: process.resourceUsage().maxRSS * 1024,
    gcForced: gc !== undefined,
  };
}

export const MB = 1024 * 1024;
