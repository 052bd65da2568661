/** What every rule generator needs to know about the schedule rule it expands. */
import type { OrganizationTypeId } from '../schema.js';

/** One rule of one schedule of one item, as the audience sees it. */
export interface RuleRef {
  readonly item: number;
  readonly schedule: number;
  readonly rule: number;
  /** The schedule's and the rule's stable ids from plan.json: keys use them, never the indices. */
  readonly scheduleId: string;
  readonly ruleId: string;
  readonly wording: string;
  /** The schedule's types within the audience (or within one calendar group), canonical order. */
  readonly organizationTypes: readonly OrganizationTypeId[];
}

/**
 * `i19.s0.r0` (item, schedule id, rule id) followed by the natural parts that make the series
 * unique, dot-separated. Ids, not positions: inserting or reordering rules re-keys nothing.
 */
export function seriesKey(ref: RuleRef, ...parts: readonly string[]): string {
  return [`i${ref.item}`, ref.scheduleId, ref.ruleId, ...parts].join('.');
}

/** The fields every series shares, taken from the rule reference. */
export function seriesBase(ref: RuleRef) {
  return {
    item: ref.item,
    schedule: ref.schedule,
    rule: ref.rule,
    wording: ref.wording,
    organizationTypes: ref.organizationTypes,
  };
}
