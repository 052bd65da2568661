import type { Representation } from './representation.js';

/**
 * A bounded LRU of representations by key. The entry is the promise of the representation, so
 * concurrent first requests for one key share one render. Keys carry the data version, so a
 * reload needs no invalidation: the old version's entries stop being asked for and age out.
 */
export class RepresentationCache {
  readonly #entries = new Map<string, Promise<Representation>>();
  readonly #capacity: number;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`cache capacity must be a positive integer, got ${capacity}`);
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string, build: () => Promise<Representation>): Promise<Representation> {
    const hit = this.#entries.get(key);
    if (hit !== undefined) {
      // Map keeps insertion order: re-inserting marks the entry most recently used.
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit;
    }
    // Called inside a promise chain so a renderer that throws synchronously becomes a rejection.
    const pending = Promise.resolve().then(build);
    this.#entries.set(key, pending);
    // A failed build is not cached: the next request tries again (and gets the same 500 if the
    // failure is permanent, rather than a remembered one after a fix).
    pending.catch(() => {
      if (this.#entries.get(key) === pending) this.#entries.delete(key);
    });
    while (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next();
      if (oldest.done === true) break;
      this.#entries.delete(oldest.value);
    }
    return pending;
  }
}
