/**
 * `data/changes.json`: the public record of publications — when, why, and what changed per feed
 * (the entries of `changesBetween`). Written by the editor with each publication, read like the
 * other data files, so /changes, the Atom feeds and the «Изменено…» notes come from the data
 * (replicas and the static export have them too); the revisions' full documents stay in STATE_DIR.
 */
import Type, { type Static } from 'typebox';
import { Value } from 'typebox/value';
import type { Change } from './changes.js';

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

export const ChangeLog = Type.Object({ description: Type.Optional(Type.String()), publications: Type.Array(Publication) });
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
  return { description: DESCRIPTION, publications: [entry, ...(log?.publications ?? [])].slice(0, KEPT_PUBLICATIONS) };
}

/** Publications that changed something in one feed, with only that feed's changes. */
export function publicationsFor(log: ChangeLog | undefined, feed: string): Publication[] {
  return (log?.publications ?? []).flatMap((p) => {
    const changes = p.changes.filter((c) => c.feeds.includes(feed));
    return changes.length > 0 ? [{ ...p, changes }] : [];
  });
}
