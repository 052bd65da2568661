/** Missing-data records: collected per rule, reported per school year and what is missing. */
import type { MissingSchoolYear } from './model.js';
import type { TermSystemId } from './schema.js';

/** One rule's need that the data does not meet in one school year. */
export interface MissingNeed {
  readonly schoolYear: string;
  readonly what: MissingSchoolYear['what'];
  readonly termSystem?: TermSystemId;
  readonly item: number;
  /** From a `daily` rule: dropped with `options.daily === false`. */
  readonly daily: boolean;
}

/** Code-unit order: deterministic, unlike localeCompare. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const WHAT_ORDER: Record<MissingSchoolYear['what'], number> = { terms: 0, finalAttestation: 1, workingDays: 2 };

/** Groups needs by school year, what and term system; items sorted and unique. */
export function summarizeMissing(needs: Iterable<MissingNeed>): MissingSchoolYear[] {
  const groups = new Map<string, { entry: Omit<MissingSchoolYear, 'items'>; items: Set<number> }>();
  for (const need of needs) {
    const id = `${need.schoolYear}|${need.what}|${need.termSystem ?? ''}`;
    let group = groups.get(id);
    if (!group) {
      const entry = need.termSystem
        ? { schoolYear: need.schoolYear, what: need.what, termSystem: need.termSystem }
        : { schoolYear: need.schoolYear, what: need.what };
      groups.set(id, (group = { entry, items: new Set() }));
    }
    group.items.add(need.item);
  }
  return [...groups.values()]
    .map(({ entry, items }) => ({ ...entry, items: [...items].sort((a, b) => a - b) }))
    .sort(
      (a, b) =>
        compareText(a.schoolYear, b.schoolYear) ||
        WHAT_ORDER[a.what] - WHAT_ORDER[b.what] ||
        compareText(a.termSystem ?? '', b.termSystem ?? ''),
    );
}
