/** The hostile section's distinct URLs, deterministic: the same run asks for the same URLs. */

/** Comma-joined subsets of `numbers`, one element first, then two, and so on (lexicographic within a size). */
export function* itemSubsets(numbers: readonly number[]): Generator<string> {
  const sorted = [...numbers].sort((a, b) => a - b);
  function* ofSize(size: number, from: number, prefix: readonly number[]): Generator<string> {
    if (prefix.length === size) {
      yield prefix.join(',');
      return;
    }
    for (let i = from; i < sorted.length; i += 1) yield* ofSize(size, i + 1, [...prefix, sorted[i] as number]);
  }
  for (let size = 1; size <= sorted.length; size += 1) yield* ofSize(size, 0, []);
}

/** '' (no reminders) and every combination of at most `max` of `offsets`, as a query value. */
export function reminderLists(offsets: readonly number[], max: number): string[] {
  const lists = [''];
  const sorted = [...offsets].sort((a, b) => a - b);
  const grow = (from: number, prefix: readonly number[]) => {
    for (let i = from; i < sorted.length; i += 1) {
      const list = [...prefix, sorted[i] as number];
      lists.push(list.join(','));
      if (list.length < max) grow(i + 1, list);
    }
  };
  grow(0, []);
  return lists;
}

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** `from=…&to=…` of the i-th distinct 3-year range (1 096 days, the longest the API answers). */
export function occurrenceRange(i: number): string {
  const from = Date.UTC(2024, 0, 1) + (i % 1000) * DAY_MS;
  return `from=${iso(from)}&to=${iso(from + 1095 * DAY_MS)}`;
}
