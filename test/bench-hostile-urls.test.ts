/** The hostile benchmark's URLs: distinct, and valid under the limits the API has or will have. */
import { describe, expect, it } from 'vitest';
import { itemSubsets, occurrenceRange, reminderLists } from '../bench/lib/hostile-urls.js';

describe('the hostile benchmark URLs', () => {
  it('reminder lists: none, then every combination of at most three offsets, each once', () => {
    const lists = reminderLists([7, 1, 14, 3], 3);
    expect(lists[0]).toBe('');
    expect(lists).toHaveLength(1 + 4 + 6 + 4);
    expect(new Set(lists).size).toBe(lists.length);
    for (const list of lists.slice(1)) {
      const days = list.split(',').map(Number);
      expect(days.length).toBeLessThanOrEqual(3);
      expect(days).toEqual([...days].sort((a, b) => a - b));
    }
  });

  it('item subsets: singles first, then pairs and triples, distinct, enough for 20 000 URLs with 15 reminder lists', () => {
    const numbers = Array.from({ length: 26 }, (_, i) => i + 1);
    const subsets: string[] = [];
    for (const subset of itemSubsets(numbers)) {
      subsets.push(subset);
      if (subsets.length === 26 + 325 + 2600) break;
    }
    expect(subsets.slice(0, 3)).toEqual(['1', '2', '3']);
    expect(subsets[26]).toBe('1,2');
    expect(subsets.at(-1)).toBe('24,25,26');
    expect(new Set(subsets).size).toBe(subsets.length);
    expect(subsets.length * 2 * 15).toBeGreaterThanOrEqual(20_000);
  });

  it('occurrence ranges: 1 096 days each (the longest the API answers), distinct', () => {
    const ranges = Array.from({ length: 1000 }, (_, i) => occurrenceRange(i));
    expect(new Set(ranges).size).toBe(1000);
    for (const range of [ranges[0], ranges[999]]) {
      const [, from, to] = /^from=(\d{4}-\d{2}-\d{2})&to=(\d{4}-\d{2}-\d{2})$/.exec(range ?? '') ?? [];
      expect((Date.parse(to ?? '') - Date.parse(from ?? '')) / 86_400_000 + 1).toBe(1096);
    }
  });
});
