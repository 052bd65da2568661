/**
 * What is due for one audience, as the pages preview the calendar: the next deadline, this week,
 * this month, and the whole school year by month with the past apart. Pure: the engine's
 * occurrences in, groups out.
 */
import { LRUCache } from 'lru-cache';
import { audienceCacheKey } from '../../domain/audience.js';
import { addDays, daysInMonth, isoWeekday, monthOf, schoolYearBounds, schoolYearOf, yearOf } from '../../domain/dates.js';
import { occurrencesFor } from '../../domain/engine.js';
import type { Audience, Dataset, IsoDate, MissingSchoolYear, Occurrence, StandingDuty } from '../../domain/model.js';

/** One month of the year list: `2026-09`. */
export interface MonthGroup {
  readonly month: string;
  readonly occurrences: readonly Occurrence[];
}

export interface Agenda {
  readonly today: IsoDate;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly next?: Occurrence;
  readonly week: readonly Occurrence[];
  readonly month: readonly Occurrence[];
  readonly upcoming: readonly MonthGroup[];
  readonly past: readonly MonthGroup[];
  /** One occurrence per daily duty (items 18, 24), whether or not the options put them in the calendar. */
  readonly daily: readonly Occurrence[];
  readonly standing: readonly StandingDuty[];
  readonly missing: readonly MissingSchoolYear[];
}

/**
 * Whether an occurrence's date is provisional. The one place pages read it, so a richer flag
 * from the engine (a reason, shifted days off) is wired here alone.
 */
export function isProvisional(o: Occurrence): boolean {
  return o.provisional;
}

/** The school year of `today`; in July and August also the next one, which is what is coming. */
export function agendaRange(today: IsoDate): { from: IsoDate; to: IsoDate } {
  const year = schoolYearOf(today);
  const { start, end } = schoolYearBounds(year);
  const summer = monthOf(today) === 7 || monthOf(today) === 8;
  return { from: start, to: summer ? schoolYearBounds(schoolYearOf(addDays(end, 1))).end : end };
}

function byMonth(occurrences: readonly Occurrence[]): MonthGroup[] {
  const groups = new Map<string, Occurrence[]>();
  for (const o of occurrences) {
    const month = o.start.slice(0, 7);
    groups.set(month, [...(groups.get(month) ?? []), o]);
  }
  return [...groups].map(([month, list]) => ({ month, occurrences: list }));
}

const byEnd = (a: Occurrence, b: Occurrence): number => (a.end < b.end ? -1 : a.end > b.end ? 1 : a.item - b.item);

/** A rough size of one occurrence held by an agenda (an object of about fifteen fields, its strings shared with the series). */
const OCCURRENCE_BYTES = 400;
/** Agendas held at once, in estimated bytes: a school year's agenda is about 40 kB. */
export const AGENDA_MEMO_BYTES = 4_000_000;

/** The estimated bytes an agenda holds. */
export function agendaBytes(agenda: Agenda): number {
  const groups = (list: readonly MonthGroup[]) => list.reduce((sum, group) => sum + group.occurrences.length, 0);
  const occurrences = agenda.week.length + agenda.month.length + groups(agenda.upcoming) + groups(agenda.past) + agenda.daily.length + 1;
  return occurrences * OCCURRENCE_BYTES + (agenda.standing.length + agenda.missing.length) * 200;
}

/**
 * Agendas by audience and day. The engine gives organizations with equal types and settings the
 * same series (audienceCacheKey), so their agendas are equal too: an organization's page, its
 * widget and its memo, and every organization that shares its settings, read one. The key
 * carries the day. The memo holds one data set's agendas: the first call with another data set
 * (a reload) empties it, and the data set itself is held weakly, so an old one is never pinned
 * by its agendas. Bounded in estimated bytes (the rule for every memo); a miss only
 * costs the computation.
 */
const agendas = new LRUCache<string, Agenda>({
  maxSize: AGENDA_MEMO_BYTES,
  sizeCalculation: (agenda, key) => agendaBytes(agenda) + 2 * key.length,
});
let agendasOf: WeakRef<Dataset> | undefined;

export function agendaFor(data: Dataset, audience: Audience, today: IsoDate): Agenda {
  if (agendasOf?.deref() !== data) {
    agendas.clear();
    agendasOf = new WeakRef(data);
  }
  const key = `${audienceCacheKey(audience)}\0${today}`;
  let agenda = agendas.get(key);
  if (agenda === undefined) {
    agenda = buildAgenda(data, audience, today);
    agendas.set(key, agenda);
  }
  return agenda;
}

function buildAgenda(data: Dataset, audience: Audience, today: IsoDate): Agenda {
  const range = agendaRange(today);
  const result = occurrencesFor(data, audience, range, { daily: true });
  // The yearly standing-duties event is the feeds' way to show the standing list; pages list the duties themselves.
  const dated = result.occurrences.filter((o) => o.kind !== 'daily' && o.kind !== 'standing');
  const daily = new Map<number, Occurrence>();
  for (const o of result.occurrences) if (o.kind === 'daily' && !daily.has(o.item)) daily.set(o.item, o);

  const current = dated.filter((o) => o.end >= today);
  const weekEnd = addDays(today, 7 - isoWeekday(today));
  const monthEnd = `${today.slice(0, 7)}-${String(daysInMonth(yearOf(today), monthOf(today))).padStart(2, '0')}`;
  // A deadline belongs to the week or month its last day falls in, or where it begins.
  const within = (o: Occurrence, end: IsoDate) => o.end <= end || (o.start >= today && o.start <= end);
  const week = current.filter((o) => within(o, weekEnd));
  const month = current.filter((o) => within(o, monthEnd) && !week.includes(o));
  const next = [...current].sort(byEnd)[0];
  return {
    today,
    ...range,
    ...(next === undefined ? {} : { next }),
    week,
    month,
    upcoming: byMonth(current),
    past: byMonth(dated.filter((o) => o.end < today)),
    daily: [...daily.values()].sort((a, b) => a.item - b.item),
    standing: result.standing,
    missing: result.missing,
  };
}
