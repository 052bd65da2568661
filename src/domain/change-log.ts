/**
 * `data/changes.json`: the public record of publications — when, why, and what changed per feed
 * (the entries of `changesBetween`). Written by the editor with each publication, read like the
 * other data files, so /changes, the Atom feeds and the «Изменено…» notes come from the data
 * (replicas and the static export have them too); the revisions' full documents stay in STATE_DIR.
 */
import Type, { type Static } from 'typebox';
import { Value } from 'typebox/value';
import { when, type Change } from './changes.js';
import type { Series } from './model.js';

const ChangeEntry = Type.Object({
  kind: Type.Union(['added', 'removed', 'moved', 'reworded', 'confirmed', 'feedAdded', 'feedRemoved', 'feedRenamed'].map((k) => Type.Literal(k))),
  item: Type.Optional(Type.Integer({ minimum: 1 })),
  key: Type.String(),
  subject: Type.String(),
  before: Type.Optional(Type.String()),
  after: Type.Optional(Type.String()),
  description: Type.String(),
  feeds: Type.Array(Type.String()),
});

export const Publication = Type.Object({
  revision: Type.Integer({ minimum: 1 }),
  at: Type.String({ format: 'date-time' }),
  comment: Type.String(),
  version: Type.String(),
  changes: Type.Array(ChangeEntry),
});
export type Publication = Static<typeof Publication>;

export const ChangeLog = Type.Object({
  description: Type.Optional(Type.String()),
  /** For how many days after a publication a changed event says «Изменено …: было — …» (default 30). */
  noteDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 366 })),
  publications: Type.Array(Publication),
});
export type ChangeLog = Static<typeof ChangeLog>;

/** How many publications the public record keeps (the revisions in STATE_DIR keep all). */
export const KEPT_PUBLICATIONS = 100;

const DESCRIPTION = 'Журнал публикаций редактора: что и когда изменилось в календарях. Пишется редактором, вручную не редактируется.';

export function isChangeLog(json: unknown): json is ChangeLog {
  return Value.Check(ChangeLog, json);
}

/** The log with a new publication first. */
export function withPublication(log: ChangeLog | undefined, publication: Omit<Publication, 'changes'> & { readonly changes: readonly Change[] }): ChangeLog {
  const entry = { ...publication, changes: publication.changes.map((c) => ({ ...c, feeds: [...c.feeds] })) } as Publication;
  return {
    description: DESCRIPTION,
    ...(log?.noteDays === undefined ? {} : { noteDays: log.noteDays }),
    publications: [entry, ...(log?.publications ?? [])].slice(0, KEPT_PUBLICATIONS),
  };
}

/** Publications that changed something in one feed, with only that feed's changes. */
export function publicationsFor(log: ChangeLog | undefined, feed: string): Publication[] {
  return (log?.publications ?? []).flatMap((p) => {
    const changes = p.changes.filter((c) => c.feeds.includes(feed));
    return changes.length > 0 ? [{ ...p, changes }] : [];
  });
}

export const DEFAULT_NOTE_DAYS = 30;
const DAY_MS = 86_400_000;

function russianDay(instant: string): string {
  const moscow = new Date(Date.parse(instant) + 3 * 3_600_000).toISOString();
  return `${moscow.slice(8, 10)}.${moscow.slice(5, 7)}.${moscow.slice(0, 4)}`;
}

/**
 * «Изменено 12.03.2027: было — 1 февраля» for an event whose date or wording a recent
 * publication changed to what it is now. "Recent" counts from the data's own `updated`, not
 * the clock, so the same data gives the same bytes; the note goes with a later publication.
 */
export function changeNote(log: ChangeLog | undefined, series: Series, updated: string): string | undefined {
  if (!log) return undefined;
  const since = Date.parse(updated) - (log.noteDays ?? DEFAULT_NOTE_DAYS) * DAY_MS;
  for (const publication of log.publications) {
    if (Date.parse(publication.at) < since) break;
    const change = publication.changes.find(
      (c) => c.key === series.key && ((c.kind === 'moved' && c.after === when(series)) || (c.kind === 'reworded' && c.after === series.wording)),
    );
    if (change?.before !== undefined) return `Изменено ${russianDay(publication.at)}: было — ${change.kind === 'reworded' ? `«${change.before}»` : change.before}`;
  }
  return undefined;
}
