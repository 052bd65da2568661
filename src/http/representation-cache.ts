import { LRUCache } from 'lru-cache';
import type { Representation } from './representation.js';

/** A build that failed, remembered briefly so a broken key does not re-render on every request. */
interface BuildFailure {
  readonly failed: unknown;
}

/** A wrapper, replaced when the representation grows: lru-cache recounts a size only on a new value. */
interface Built {
  readonly representation: Representation;
}

type Entry = Built | BuildFailure;
type Build = () => Promise<Representation> | Representation;

/** 64 MiB: the bundled data's every feed, page and document with both codings take about 20. */
export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;
/** How long a failed build is answered from memory before it is tried again. */
export const FAILURE_TTL_MS = 5_000;
// A failure holds an error object and a stack: a small fixed charge keeps the count honest.
const FAILURE_BYTES = 4096;

function isFailure(entry: Entry): entry is BuildFailure {
  return 'failed' in entry;
}

/**
 * Rendered representations by key, bounded in bytes (identity and every compressed copy,
 * recounted when a coding is added) and in entries; lru-cache does the bookkeeping. Keys carry
 * the data version, so a reload needs no invalidation: old entries stop being asked for and age
 * out. Concurrent first requests for one key share one build (lru-cache's fetch). A single
 * representation larger than an eighth of the budget is served but not kept, so one huge answer
 * cannot flush everything else.
 */
export class RepresentationCache {
  readonly #lru: LRUCache<string, Entry, Build>;

  /** `clock` (milliseconds) is for tests of the failure's expiry. */
  constructor(maxEntries: number, maxBytes: number = DEFAULT_CACHE_BYTES, clock?: () => number) {
    for (const [name, value] of [['capacity', maxEntries], ['byte budget', maxBytes]] as const) {
      if (!Number.isInteger(value) || value < 1) throw new RangeError(`cache ${name} must be a positive integer, got ${value}`);
    }
    this.#lru = new LRUCache<string, Entry, Build>({
      max: maxEntries,
      ...(clock === undefined ? {} : { perf: { now: clock } }),
      maxSize: maxBytes,
      maxEntrySize: Math.max(1, Math.floor(maxBytes / 8)),
      sizeCalculation: (entry, key) => key.length + (isFailure(entry) ? FAILURE_BYTES : entry.representation.byteLength),
      // An entry evicted while it is still being built still answers the requests waiting on it.
      ignoreFetchAbort: true,
      // Only failures carry a TTL; checking the clock on each of their reads is cheap and exact.
      ttlResolution: 0,
      allowStaleOnFetchAbort: true,
      fetchMethod: async (key, _stale, { context, options }) => {
        try {
          const representation = await context();
          representation.onGrow = () => {
            // Recount only while this very object is the cached one (not after eviction or a newer build).
            const current = this.#lru.peek(key);
            if (current !== undefined && !isFailure(current) && current.representation === representation) {
              this.#lru.set(key, { representation }, { noUpdateTTL: true });
            }
          };
          return { representation };
        } catch (failed) {
          options.ttl = FAILURE_TTL_MS;
          return { failed };
        }
      },
    });
  }

  get size(): number {
    return this.#lru.size;
  }

  /** Bytes currently counted against the budget. */
  get bytes(): number {
    return this.#lru.calculatedSize;
  }

  /** The representation if it is cached and built (a hit, counted as one), else undefined: no promise on the hot path. */
  cached(key: string): Representation | undefined {
    const hit = this.#lru.get(key);
    return hit === undefined || isFailure(hit) ? undefined : hit.representation;
  }

  get(key: string, build: Build): Promise<Representation> {
    // The hit is synchronous: lru-cache's fetch() is an async function even for a hit, and a
    // 304 should not pay for it (docs/performance.md).
    const hit = this.#lru.get(key);
    if (hit !== undefined) return isFailure(hit) ? Promise.reject(hit.failed) : Promise.resolve(hit.representation);
    return this.#lru.fetch(key, { context: build }).then((entry) => {
      if (entry === undefined) throw new Error(`representation ${JSON.stringify(key)} was not built`);
      if (isFailure(entry)) throw entry.failed;
      return entry.representation;
    });
  }
}
