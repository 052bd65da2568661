/**
 * What the organization's calendar will be for one school year after saving, next to what it
 * is now: each dated deadline with its date before and after (changed ones flagged), and the
 * number of days the daily duties fall on.
 */
import { occurrencesFor } from '../../domain/engine.js';
import type { Dataset, Occurrence } from '../../domain/model.js';

export interface PreviewRow {
  readonly item: number;
  readonly title: string;
  readonly label: string | undefined;
  readonly before: { readonly start: string; readonly end: string } | undefined;
  readonly after: { readonly start: string; readonly end: string } | undefined;
  readonly changed: boolean;
}

export interface Preview {
  readonly year: string;
  readonly rows: readonly PreviewRow[];
  /** Daily duties: how many days each item falls on, before and after. */
  readonly daily: readonly { readonly item: number; readonly title: string; readonly before: number; readonly after: number }[];
}

function yearRange(year: string): { from: string; to: string } {
  const first = Number(year.slice(0, 4));
  return { from: `${first}-09-01`, to: `${first + 1}-08-31` };
}

/** Occurrences keyed by what they are (item, schedule, rule, label, n-th of those), not by their date. */
function byMeaning(occurrences: readonly Occurrence[]): Map<string, Occurrence> {
  const seen = new Map<string, number>();
  const keyed = new Map<string, Occurrence>();
  for (const o of occurrences) {
    const base = `${o.item}/${o.schedule}/${o.rule}/${o.label ?? ''}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    keyed.set(`${base}#${n}`, o);
  }
  return keyed;
}

function dailyCounts(occurrences: readonly Occurrence[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const o of occurrences) if (o.kind === 'daily') counts.set(o.item, (counts.get(o.item) ?? 0) + 1);
  return counts;
}

export function previewOf(current: Dataset, candidate: Dataset, organizationId: string, year: string): Preview {
  const range = yearRange(year);
  const of = (data: Dataset) => {
    const organization = data.organizationsById.get(organizationId);
    return organization ? occurrencesFor(data, { kind: 'organization', organization }, range).occurrences : [];
  };
  const [before, after] = [of(current), of(candidate)];
  const title = (item: number) => candidate.plan.items.find((i) => i.number === item)?.title ?? String(item);
  const [was, will] = [byMeaning(before.filter((o) => o.kind !== 'daily')), byMeaning(after.filter((o) => o.kind !== 'daily'))];
  const rows: PreviewRow[] = [];
  for (const key of new Set([...was.keys(), ...will.keys()])) {
    const [b, a] = [was.get(key), will.get(key)];
    const o = (a ?? b) as Occurrence;
    rows.push({
      item: o.item,
      title: title(o.item),
      label: o.label,
      before: b && { start: b.start, end: b.end },
      after: a && { start: a.start, end: a.end },
      changed: b?.start !== a?.start || b?.end !== a?.end,
    });
  }
  rows.sort((x, y) => ((x.after ?? x.before)?.start ?? '').localeCompare((y.after ?? y.before)?.start ?? '') || x.item - y.item);
  const [dailyBefore, dailyAfter] = [dailyCounts(before), dailyCounts(after)];
  const daily = [...new Set([...dailyBefore.keys(), ...dailyAfter.keys()])]
    .sort((x, y) => x - y)
    .map((item) => ({ item, title: title(item), before: dailyBefore.get(item) ?? 0, after: dailyAfter.get(item) ?? 0 }));
  return { year, rows, daily };
}
