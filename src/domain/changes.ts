/**
 * What a change to the data means to subscribers: per feed (the whole plan, each type, each
 * organization), the events added, removed, moved, reworded or confirmed between two data sets.
 * One pure function that the preview, the Atom entries, the «Изменено…» notes and the tests all
 * use. Identical changes in several feeds are one entry listing the feeds.
 */
import { ORGANIZATION_TYPE_IDS, type MonthDay } from './schema.js';
import type { Audience, Dataset, Series } from './model.js';
import type { Item } from './schema.js';
import { seriesFor } from './engine.js';
import { MONTHS_GENITIVE } from './vocabulary.js';

export type ChangeKind = 'added' | 'removed' | 'moved' | 'reworded' | 'confirmed' | 'feedAdded' | 'feedRemoved' | 'feedRenamed';

export interface Change {
  readonly kind: ChangeKind;
  /** The plan item; absent for a change to a feed itself (an organization added, removed, renamed). */
  readonly item?: number;
  /** The series key (the event's identity, as in its UID); for a feed change, the feed id. */
  readonly key: string;
  /** «п. 19, 2-я четверть 2026/27» or the organization's name. */
  readonly subject: string;
  readonly before?: string;
  readonly after?: string;
  /** In Russian: «п. 19, 2-я четверть 2026/27: 30 декабря → 29 декабря». */
  readonly description: string;
  /** Feed ids: `all`, `type:<type>`, `organization:<id>`. */
  readonly feeds: readonly string[];
}

export function feedId(audience: Audience): string {
  if (audience.kind === 'all') return 'all';
  return audience.kind === 'type' ? `type:${audience.type}` : `organization:${audience.organization.id}`;
}

function audiences(data: Dataset): Audience[] {
  return [
    { kind: 'all' },
    ...ORGANIZATION_TYPE_IDS.map((type): Audience => ({ kind: 'type', type })),
    ...data.registry.organizations.map((organization): Audience => ({ kind: 'organization', organization })),
  ];
}

function dayMonth(month: number, day: number): string {
  return `${day} ${MONTHS_GENITIVE[month - 1] ?? ''}`;
}

function isoDayMonth(date: string): string {
  return dayMonth(Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

function span(start: string, end: string): string {
  return start === end ? start : `${start} – ${end}`;
}

function monthDay(value: MonthDay): string {
  return dayMonth(value.month, value.day);
}

/** When the event happens, in Russian, as a subscriber would compare it. */
export function when(series: Series): string {
  switch (series.shape) {
    case 'yearly': {
      const shifts = (series.shifts ?? []).map((s) => `в ${s.year} г. — ${isoDayMonth(s.date)}`);
      return `${span(monthDay(series.start), monthDay(series.end))}${shifts.length > 0 ? ` (${shifts.join(', ')})` : ''}`;
    }
    case 'single':
      return series.dateUnknown ? 'сроки не известны' : span(isoDayMonth(series.start), isoDayMonth(series.end));
    case 'weekly': {
      const days = series.exdates.length + series.extraDates.length;
      return `${span(isoDayMonth(series.start), isoDayMonth(series.until))}, ${series.time}${days > 0 ? `, исключений и переносов — ${days}` : ''}`;
    }
  }
}

/** Everything else a subscriber reads: the wording, and the exact days of a daily duty. */
function content(series: Series): string {
  const weekly = series.shape === 'weekly' ? JSON.stringify([series.weekdays, series.exdates, series.extraDates]) : '';
  return `${series.wording}\0${series.label ?? ''}\0${weekly}`;
}

/** The plan's items, and the numbers of those whose texts changed; computed once per comparison. */
interface ItemTexts {
  readonly before: ReadonlyMap<number, Item>;
  readonly after: ReadonlyMap<number, Item>;
  /** Items whose title (the events' SUMMARY), text, details, footnotes or subsystems (their DESCRIPTION) differ. */
  readonly changed: ReadonlySet<number>;
}

function itemTextsOf(before: Dataset, after: Dataset): ItemTexts {
  const map = (data: Dataset) => new Map(data.plan.items.map((item) => [item.number, item]));
  const shown = (item: Item | undefined) => (item === undefined ? 'null' : JSON.stringify([item.title, item.text, item.details ?? [], item.footnotes ?? [], item.subsystems]));
  const was = map(before);
  const is = map(after);
  const changed = new Set([...is.keys()].filter((n) => shown(was.get(n)) !== shown(is.get(n))));
  return { before: was, after: is, changed };
}

/** The items a series' events show: a standing event lists several. */
function numbersOf(series: Series): readonly number[] {
  return series.kind === 'standing' && series.shape === 'single' ? (series.items ?? [series.item]) : [series.item];
}

/** Whether the events of a series say something else about their items besides the dates: an item's texts, or the rule's note. */
function textsChanged(items: ItemTexts, old: Series, now: Series): boolean {
  const was = numbersOf(old);
  const is = numbersOf(now);
  if (was.length !== is.length || was.some((n, i) => n !== is[i]) || is.some((n) => items.changed.has(n))) return true;
  const note = (map: ReadonlyMap<number, Item>, series: Series) => map.get(series.item)?.schedules[series.schedule]?.rules[series.rule]?.note;
  return note(items.before, old) !== note(items.after, now);
}

/** «название «…» → «…»» when the title changed, else that the description did. */
function retitled(items: ItemTexts, old: Series, now: Series): string {
  const was = items.before.get(old.item)?.title;
  const is = items.after.get(now.item)?.title;
  return was !== undefined && is !== undefined && was !== is ? `название «${was}» → «${is}»` : 'изменено описание пункта';
}

function isProvisional(series: Series): boolean {
  return series.shape !== 'yearly' && series.provisional;
}

function subjectOf(series: Series): string {
  return `п. ${series.item}${series.label ? `, ${series.label}` : ''}`;
}

type Draft = Omit<Change, 'feeds' | 'description'> & { readonly detail: string };

function eventChanges(
  before: ReadonlyMap<string, Series>,
  after: ReadonlyMap<string, Series>,
  items: ItemTexts,
): Draft[] {
  const found: Draft[] = [];
  for (const [key, old] of before) {
    const now = after.get(key);
    const subject = subjectOf(now ?? old);
    const base = { item: old.item, key, subject };
    if (now === undefined) {
      found.push({ ...base, kind: 'removed', before: when(old), detail: `событие снято (было — ${when(old)})` });
    } else if (when(old) !== when(now)) {
      found.push({ ...base, kind: 'moved', before: when(old), after: when(now), detail: `${when(old)} → ${when(now)}` });
    } else if (content(old) !== content(now)) {
      const detail = old.wording === now.wording ? 'изменены дни проведения' : `срок «${old.wording}» → «${now.wording}»`;
      found.push({ ...base, kind: 'reworded', before: old.wording, after: now.wording, detail });
    } else if (isProvisional(old) && !isProvisional(now)) {
      found.push({ ...base, kind: 'confirmed', after: when(now), detail: `даты подтверждены (${when(now)})` });
    } else if (textsChanged(items, old, now)) {
      // No `before`/`after`: the «Изменено…: было — …» note is for dates and wordings.
      found.push({ ...base, kind: 'reworded', detail: retitled(items, old, now) });
    }
  }
  for (const [key, now] of after) {
    if (!before.has(key)) found.push({ item: now.item, key, subject: subjectOf(now), kind: 'added', after: when(now), detail: `новое событие (${when(now)})` });
  }
  return found;
}

function feedChanges(before: Dataset, after: Dataset): Map<string, Draft[]> {
  const result = new Map<string, Draft[]>();
  const oldFeeds = new Map(audiences(before).map((a) => [feedId(a), a]));
  const newFeeds = new Map(audiences(after).map((a) => [feedId(a), a]));
  const keyed = (data: Dataset, audience: Audience) => new Map(seriesFor(data, audience).series.map((s) => [s.key, s]));
  const items = itemTextsOf(before, after);
  for (const [id, audience] of newFeeds) {
    const old = oldFeeds.get(id);
    const drafts: Draft[] = [];
    if (old === undefined && audience.kind === 'organization') {
      drafts.push({ kind: 'feedAdded', key: id, subject: audience.organization.name, after: audience.organization.name, detail: 'новая лента организации' });
    } else if (old?.kind === 'organization' && audience.kind === 'organization' && old.organization.name !== audience.organization.name) {
      drafts.push({ kind: 'feedRenamed', key: id, subject: audience.organization.name, before: old.organization.name, after: audience.organization.name, detail: `организация переименована: «${old.organization.name}» → «${audience.organization.name}»` });
    }
    if (old !== undefined) drafts.push(...eventChanges(keyed(before, old), keyed(after, audience), items));
    result.set(id, drafts);
  }
  for (const [id, audience] of oldFeeds) {
    if (!newFeeds.has(id) && audience.kind === 'organization') {
      result.set(id, [{ kind: 'feedRemoved', key: id, subject: audience.organization.name, before: audience.organization.name, detail: 'организация исключена из реестра, лента закрыта' }]);
    }
  }
  return result;
}

function compare(a: Change, b: Change): number {
  return (a.item ?? 0) - (b.item ?? 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || (a.description < b.description ? -1 : a.description > b.description ? 1 : 0);
}

/** Every change between two data sets, identical changes in several feeds grouped into one. */
export function changesBetween(before: Dataset, after: Dataset): Change[] {
  const grouped = new Map<string, { draft: Draft; feeds: string[] }>();
  for (const [feed, drafts] of feedChanges(before, after)) {
    for (const draft of drafts) {
      const id = JSON.stringify([draft.kind, draft.key, draft.detail]);
      const group = grouped.get(id) ?? { draft, feeds: [] };
      group.feeds.push(feed);
      grouped.set(id, group);
    }
  }
  return [...grouped.values()]
    .map(({ draft: { detail, ...rest }, feeds }): Change => ({ ...rest, description: `${rest.subject}: ${detail}`, feeds }))
    .sort(compare);
}

/** «15 лент», «1 лента», «3 ленты». */
export function feedCount(n: number): string {
  return `${n} ${feedsWord(n)}`;
}

function feedsWord(n: number): string {
  const tens = n % 100;
  const ones = n % 10;
  if (tens >= 11 && tens <= 14) return 'лент';
  if (ones === 1) return 'лента';
  return ones >= 2 && ones <= 4 ? 'ленты' : 'лент';
}

/** «п. 19, 2-я четверть 2026/27: 30 декабря → 29 декабря — 15 лент». */
export function describeChange(change: Change): string {
  return `${change.description} — ${feedCount(change.feeds.length)}`;
}

/** The changes one feed sees. */
export function changesIn(changes: readonly Change[], feed: string): Change[] {
  return changes.filter((c) => c.feeds.includes(feed));
}
