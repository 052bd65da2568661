import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonBytes } from '../src/http/json-bytes.js';

const same = (value: unknown) => expect(jsonBytes(value).equals(Buffer.from(JSON.stringify(value), 'utf8'))).toBe(true);

describe('jsonBytes', () => {
  it('gives the bytes of JSON.stringify for any JSON value, large arrays split or not', () => {
    const long = fc.array(fc.jsonValue(), { minLength: 60, maxLength: 120 });
    fc.assert(
      fc.property(fc.jsonValue(), long, fc.dictionary(fc.string(), long), (value, list, object) => {
        same(value);
        same(list);
        same(object);
        same({ head: value, list, nested: { list } });
      }),
      { numRuns: 200 },
    );
  });

  it('leaves out of objects and writes as null in arrays what JSON.stringify does, and honours toJSON', () => {
    const holes = Array.from({ length: 70 }, (_, i) => [undefined, () => i, Symbol('s'), i, 'ё'][i % 5]);
    same({ a: undefined, b: () => 1, c: Symbol('s'), d: 1, list: holes });
    same({ when: new Date(0), list: Array.from({ length: 70 }, (_, i) => ({ at: new Date(i), toJSON: i % 2 ? () => 'x' : undefined })) });
    same(Object.assign(Object.create(null) as object, { list: Array.from({ length: 64 }, (_, i) => i) }));
  });
});
