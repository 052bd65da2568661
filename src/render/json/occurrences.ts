/** `/api/occurrences`: the engine's occurrences for an audience and a range, as the API names them. */
import { DateTime } from 'luxon';
import { PLAN_ZONE } from '../../domain/dates.js';
import { occurrencesFor, type SeriesOptions } from '../../domain/engine.js';
import { STANDING_TITLE } from '../../domain/rules/standing.js';
import type { Audience, Dataset, DateRangeQuery, MissingSchoolYear, Occurrence } from '../../domain/model.js';
import type { ApiValue, OccurrencesDocument } from '../../api/schemas/index.js';
import { itemTitles, standingJson, type ItemTitles } from './common.js';

/** ISO 8601 with the Moscow offset, seconds included: `2025-09-01T15:00:00+03:00`. */
function moscowDateTime(date: string, time: string, plusMinutes = 0): string {
  const moment = DateTime.fromISO(`${date}T${time}`, { zone: PLAN_ZONE }).plus({ minutes: plusMinutes });
  const iso = moment.toISO({ suppressMilliseconds: true });
  // The engine hands over validated days and HH:mm times; anything else is a bug, not data.
  if (iso === null) throw new RangeError(`Invalid occurrence time: ${date} ${time}`);
  return iso;
}

export function occurrenceJson(occurrence: Occurrence, title: ItemTitles): ApiValue<'Occurrence'> {
  const { item, kind, start, end, allDay, time, durationMinutes, wording, label, provisional, provisionalReason, orderDate, items, dateUnknown } = occurrence;
  // A timed occurrence (a daily duty's slot) is one day long: its end is the slot's end that day.
  const when =
    !allDay && time !== undefined
      ? { start: moscowDateTime(start, time), end: moscowDateTime(start, time, durationMinutes ?? 0), allDay: false, time }
      : { start, end, allDay: true };
  return {
    item,
    title: kind === 'standing' ? STANDING_TITLE : title(item),
    kind,
    ...when,
    wording,
    organizationTypes: [...occurrence.organizationTypes],
    ...(label === undefined ? {} : { label }),
    provisional,
    ...(provisionalReason === undefined ? {} : { provisionalReason }),
    ...(orderDate === undefined ? {} : { orderDate }),
    ...(items === undefined ? {} : { items: [...items] }),
    ...(dateUnknown === undefined ? {} : { dateUnknown }),
  };
}

function missingJson(missing: MissingSchoolYear): ApiValue<'MissingSchoolYear'> {
  const { schoolYear, what, termSystem, items } = missing;
  return termSystem === undefined ? { schoolYear, what, items: [...items] } : { schoolYear, what, termSystem, items: [...items] };
}

function audienceJson(audience: Audience): OccurrencesDocument['audience'] {
  switch (audience.kind) {
    case 'all':
      return { kind: 'all' };
    case 'type':
      return { kind: 'type', type: audience.type };
    case 'organization':
      return { kind: 'organization', organization: audience.organization.id };
  }
}

/** The range must be two existing days, `from <= to`: the engine throws a RangeError otherwise. */
export function occurrencesDocument(
  data: Dataset,
  audience: Audience,
  range: DateRangeQuery,
  options: { readonly daily: boolean; readonly items?: readonly number[] },
): OccurrencesDocument {
  const { document, occurrences, title } = documentParts(data, audience, range, options);
  return document(occurrences.map((occurrence) => occurrenceJson(occurrence, title)));
}

// Each occurrence's JSON text, kept as long as the engine keeps the occurrence: a daily duty's
// slots are expanded once per series and data version and shared by every range and audience
// that includes them, and converting their Moscow times with luxon was most of the CPU of a
// 3-year request (≈50 ms of 55, measured with scripts/measure-occurrences.ts). Weak keys: the
// memo lives exactly as long as the data set's series, so it cannot outgrow the data.
const occurrenceTexts = new WeakMap<Occurrence, string>();

function occurrenceText(occurrence: Occurrence, title: ItemTitles): string {
  let text = occurrenceTexts.get(occurrence);
  if (text === undefined) {
    text = JSON.stringify(occurrenceJson(occurrence, title));
    occurrenceTexts.set(occurrence, text);
  }
  return text;
}

// Stands for the occurrences while the rest of the document is serialized; names and texts
// cannot hold control characters (src/domain/schema.ts), so this cannot occur in the data.
const OCCURRENCES_SLOT = '\\u0000occurrences';

/** {@link occurrencesDocument} as JSON text, byte for byte `JSON.stringify` of it, from the per-occurrence memo. */
export function occurrencesDocumentText(
  data: Dataset,
  audience: Audience,
  range: DateRangeQuery,
  options: { readonly daily: boolean; readonly items?: readonly number[] },
): string {
  const { document, occurrences, title } = documentParts(data, audience, range, options);
  const head = JSON.stringify(document('\u0000occurrences'));
  const slot = head.indexOf(`"${OCCURRENCES_SLOT}"`);
  if (slot < 0) throw new Error('occurrences slot lost in serialization');
  const items = occurrences.map((occurrence) => occurrenceText(occurrence, title)).join(',');
  return `${head.slice(0, slot)}[${items}]${head.slice(slot + OCCURRENCES_SLOT.length + 2)}`;
}

function documentParts(
  data: Dataset,
  audience: Audience,
  range: DateRangeQuery,
  options: { readonly daily: boolean; readonly items?: readonly number[] },
): {
  /** The document around its occurrences, keys in the schema's order. */
  document: <T>(occurrences: T) => Omit<OccurrencesDocument, 'occurrences'> & { occurrences: T };
  occurrences: readonly Occurrence[];
  title: ItemTitles;
} {
  const seriesOptions: SeriesOptions = options.items === undefined ? { daily: options.daily } : { daily: options.daily, items: options.items };
  const result = occurrencesFor(data, audience, range, seriesOptions);
  const title = itemTitles(data);
  const standing = result.standing.map((duty) => standingJson(duty, title));
  const missing = result.missing.map(missingJson);
  const document = <T>(occurrences: T) => ({
    dataVersion: data.version,
    from: range.from,
    to: range.to,
    audience: audienceJson(audience),
    daily: options.daily,
    ...(options.items === undefined ? {} : { items: [...options.items] }),
    occurrences,
    standing,
    missing,
  });
  return { document, occurrences: result.occurrences, title };
}
