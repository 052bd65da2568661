/**
 * Ids for new schedules and rules of a plan item (docs/architecture.md, "Stable ids"). UIDs and
 * ledger keys are built from them, so a new id must be one the item has never used: not held by
 * any of its schedules or rules now and not in its `retiredIds`. Pure; works on unvalidated JSON
 * (a draft may be malformed), so nothing here trusts the shape.
 */
type Json = Record<string, unknown>;

const objects = (value: unknown): Json[] => (Array.isArray(value) ? value.filter((v): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v)) : []);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** Every id the item holds or has retired: none of them may be handed out again. */
export function usedEntryIds(item: unknown): Set<string> {
  const used = new Set(strings((item as Json | null)?.['retiredIds']));
  for (const schedule of objects((item as Json | null)?.['schedules'])) {
    if (typeof schedule['id'] === 'string') used.add(schedule['id']);
    for (const rule of objects(schedule['rules'])) if (typeof rule['id'] === 'string') used.add(rule['id']);
  }
  return used;
}

/**
 * The first `<prefix><n>` not in `used`, which it then joins. Schedules take `s`, rules `r`: the
 * bundled ids' own convention, continued, so new ids never collide with the positional ones.
 */
export function newEntryId(prefix: 's' | 'r', used: Set<string>): string {
  let n = 0;
  while (used.has(`${prefix}${n}`)) n += 1;
  const id = `${prefix}${n}`;
  used.add(id);
  return id;
}
