/**
 * `Buffer.from(JSON.stringify(value))` without the whole document as one string. The list of
 * every organization is 27 MB of JSON at 10 000 organizations; as one string (two bytes a
 * character once it holds Cyrillic) plus the copy `Buffer.from` flattens it into, it took about
 * 120 MB of heap on top of the document itself, and was the peak of the static export. Here
 * each element of the document's arrays is stringified alone and encoded at once, so only one
 * element's string is alive at a time. Same bytes as JSON.stringify for the plain data our
 * documents are (test/json-bytes.test.ts); anything else (toJSON, non-plain objects) is left to
 * JSON.stringify whole.
 */

/** Arrays of at most this many elements are stringified in one piece: splitting them gains nothing. */
const SPLIT_MIN = 64;

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && !('toJSON' in value);
}

/** What JSON.stringify leaves out of an object and writes as null in an array. */
const omitted = (value: unknown): boolean => value === undefined || typeof value === 'function' || typeof value === 'symbol';

function write(value: unknown, out: Buffer[], depth: number): void {
  if (depth > 0 && typeof value === 'object' && value !== null) {
    if (Array.isArray(value) && value.length >= SPLIT_MIN) {
      out.push(Buffer.from('['));
      value.forEach((element: unknown, index) => {
        if (index > 0) out.push(Buffer.from(','));
        if (omitted(element)) out.push(Buffer.from('null'));
        else write(element, out, depth - 1);
      });
      out.push(Buffer.from(']'));
      return;
    }
    if (!Array.isArray(value) && isPlainObject(value)) {
      let first = true;
      out.push(Buffer.from('{'));
      for (const [key, field] of Object.entries(value)) {
        if (omitted(field)) continue;
        out.push(Buffer.from(`${first ? '' : ','}${JSON.stringify(key)}:`));
        first = false;
        write(field, out, depth - 1);
      }
      out.push(Buffer.from('}'));
      return;
    }
  }
  out.push(Buffer.from(JSON.stringify(value), 'utf8'));
}

/** The UTF-8 bytes of `JSON.stringify(value)` for a JSON document (objects, arrays, strings, numbers, booleans, null). */
export function jsonBytes(value: unknown): Buffer {
  const out: Buffer[] = [];
  // Two levels are enough for our documents ({ …, organizations: [ … ] }); deeper values are small.
  write(value, out, 2);
  return Buffer.concat(out);
}
