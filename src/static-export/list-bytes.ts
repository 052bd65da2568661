/**
 * `Buffer.from(JSON.stringify(document))` for a document whose bulk is one array of plain
 * elements (the list of every organization), written into one buffer as each element is
 * stringified. `jsonBytes` (src/http/json-bytes.ts) keeps every element's bytes and then
 * concatenates them: two copies of the 52 MB list at 10 000 organizations at once, the export's
 * peak memory (317 MB against the 300 MB target). Here the buffer is sized from the first
 * elements and grows by a quarter when the guess falls short, so the list is held about once.
 */

/** Elements measured before the buffer is sized for the rest. */
const SAMPLE = 64;

class Bytes {
  #buffer: Buffer;
  #length = 0;

  constructor(capacity: number) {
    this.#buffer = Buffer.allocUnsafe(Math.max(1024, capacity));
  }

  get length(): number {
    return this.#length;
  }

  reserve(capacity: number): void {
    if (capacity <= this.#buffer.length) return;
    const grown = Buffer.allocUnsafe(capacity);
    this.#buffer.copy(grown, 0, 0, this.#length);
    this.#buffer = grown;
  }

  push(text: string): void {
    // UTF-8 takes at most three bytes per UTF-16 unit.
    const worst = this.#length + text.length * 3;
    if (worst > this.#buffer.length) this.reserve(Math.max(worst, Math.ceil(this.#buffer.length * 1.25)));
    this.#length += this.#buffer.write(text, this.#length, 'utf8');
  }

  /** The bytes, copied only if more than a tenth of the buffer is unused. */
  done(): Buffer {
    const bytes = this.#buffer.subarray(0, this.#length);
    return this.#length * 1.1 < this.#buffer.length ? Buffer.from(bytes) : bytes;
  }
}

/**
 * The bytes of `JSON.stringify(document)` for a plain object whose `key` holds an array of plain
 * JSON values — or, with `element`, of the document whose `key` holds `document[key].map(element)`,
 * each element made, written and dropped in turn: the 10 000 organizations' documents of the
 * list are never all in the heap at once (they were the planner's peak, about 100 MB).
 */
export function listBytes<K extends string, T>(
  document: Readonly<Record<K, readonly T[]>> & object,
  key: K,
  element: (value: T) => unknown = (value) => value,
): Buffer {
  const elements = document[key];
  // The document without the list, with a marker where it goes: the keys keep their order.
  const marker = `\u0000${key}\u0000`;
  const shell = JSON.stringify({ ...document, [key]: marker });
  const at = shell.indexOf(JSON.stringify(marker));
  if (at < 0 || shell.indexOf(JSON.stringify(marker), at + 1) >= 0) return Buffer.from(JSON.stringify({ ...document, [key]: elements.map(element) }), 'utf8');
  const bytes = new Bytes(0);
  bytes.push(shell.slice(0, at));
  bytes.push('[');
  elements.forEach((value, index) => {
    if (index === SAMPLE) bytes.reserve(Math.ceil((bytes.length / SAMPLE) * elements.length * 1.05) + shell.length * 3);
    if (index > 0) bytes.push(',');
    // JSON.stringify writes null for what it cannot write in an array.
    bytes.push(JSON.stringify(element(value)) ?? 'null');
  });
  bytes.push(']');
  bytes.push(shell.slice(at + JSON.stringify(marker).length));
  return bytes.done();
}
