/** The export's encoding of the list of every organization: JSON.stringify's bytes, held once. */
import { describe, expect, it } from 'vitest';
import { listBytes } from '../src/static-export/list-bytes.js';

const same = (document: Record<string, unknown> & { items: unknown[] }) =>
  expect(listBytes(document, 'items').equals(Buffer.from(JSON.stringify(document), 'utf8'))).toBe(true);

describe('listBytes', () => {
  it('gives JSON.stringify\'s bytes, keys in order around the list, Cyrillic and escapes included', () => {
    same({ dataVersion: '2026.1+abc', items: [{ name: 'Школа № 1 «Лицей»', note: 'a"b\\c\u0001' }, null, 3], source: { date: '2025-09-01' } });
    same({ items: [] });
    same({ items: [undefined, () => 1, 'ё'] });
  });

  it('grows past the size guessed from the first elements when later ones are far larger', () => {
    const items = Array.from({ length: 300 }, (_, i) => ({ id: `org-${i}`, text: i < 64 ? 'а' : 'б'.repeat(2000 + i) }));
    same({ title: 'Реестр', items });
  });
});

describe('listBytes with an element mapper', () => {
  it('gives the bytes of the mapped document, each element made in turn', () => {
    const shell = { version: '1', items: [1, 2, 3], tail: 'ё' };
    const made: number[] = [];
    const bytes = listBytes(shell, 'items', (n) => {
      made.push(n);
      return { n, name: `Школа № ${n}` };
    });
    expect(bytes.toString('utf8')).toBe(JSON.stringify({ ...shell, items: shell.items.map((n) => ({ n, name: `Школа № ${n}` })) }));
    expect(made).toEqual([1, 2, 3]);
  });
});
