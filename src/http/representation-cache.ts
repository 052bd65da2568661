import type { Representation } from './representation.js';

interface Entry {
  readonly representation: Promise<Representation>;
  /** The cache's move count when the entry was last put at the young end. */
  readonly moved: number;
}

/**
 * A bounded LRU of representations by key. The entry is the promise of the representation, so
 * concurrent first requests for one key share one render. Keys carry the data version, so a
 * reload needs no invalidation: the old version's entries stop being asked for and age out.
 *
 * A Map keeps insertion order, so re-inserting an entry marks it most recently used — but doing
 * that on every hit cost a measurable share of a 304. An approximation instead: a hit moves the
 * entry to the young end only when at least half the capacity of inserts and moves happened
 * since it was last put there (it may then be in the older half); a hit in the younger half
 * leaves it in place. An entry is still never evicted within half a capacity of inserts and
 * moves after its last hit (strict LRU: a whole capacity), so a key asked for at least that
 * often stays cached.
 */
export class RepresentationCache {
  readonly #entries = new Map<string, Entry>();
  readonly #capacity: number;
  readonly #halfCapacity: number;
  #moves = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`cache capacity must be a positive integer, got ${capacity}`);
    this.#capacity = capacity;
    this.#halfCapacity = capacity / 2;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string, build: () => Promise<Representation>): Promise<Representation> {
    const hit = this.#entries.get(key);
    if (hit !== undefined) {
      if (this.#moves - hit.moved >= this.#halfCapacity) {
        this.#entries.delete(key);
        this.#entries.set(key, { representation: hit.representation, moved: ++this.#moves });
      }
      return hit.representation;
    }
    // Called inside a promise chain so a renderer that throws synchronously becomes a rejection.
    const pending = Promise.resolve().then(build);
    this.#entries.set(key, { representation: pending, moved: ++this.#moves });
    // A failed build is not cached: the next request tries again (and gets the same 500 if the
    // failure is permanent, rather than a remembered one after a fix).
    pending.catch(() => {
      if (this.#entries.get(key)?.representation === pending) this.#entries.delete(key);
    });
    while (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next();
      if (oldest.done === true) break;
      this.#entries.delete(oldest.value);
    }
    return pending;
  }
}
