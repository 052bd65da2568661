/**
 * The plan-item form written back into the draft's plan. Pure.
 *
 * Written in place: an existing item, schedule, rule or footnote is changed on a copy of itself,
 * so whatever the form does not show stays as it was and an unchanged form gives the same bytes.
 * Schedules and rules are matched by id, never by position, and keep their ids (the events'
 * UIDs); new ones get ids the item has never used; a removed one that is published goes to
 * `retiredIds`, as validation and the ledger check expect (docs/architecture.md, "Stable ids").
 */
import { newEntryId, usedEntryIds } from '../../domain/entry-ids.js';
import { ORGANIZATION_TYPE_IDS } from '../../domain/schema.js';
import { objects, strings, SUBSYSTEM_IDS, text, type ItemForm, type RuleRow } from './plan-item-form.js';
import { findItem } from './plan-items.js';
import { isRuleKind, RULE_FIELDS, type RuleField } from './rule-fields.js';

type Json = Record<string, unknown>;

/** Digits become a number; anything else stays the text it was, for the validators to point at. */
function integer(raw: string): number | string {
  return /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw;
}

/** A list the form shows as a set (checkboxes): the original order when the set is the same. */
function sameSetOr<T>(original: unknown, chosen: readonly T[]): T[] {
  const before = Array.isArray(original) ? (original as T[]) : undefined;
  if (before && before.length === chosen.length && chosen.every((c) => before.includes(c))) return [...before];
  return [...chosen];
}

/** An optional list: left out when empty, unless the data already had it empty. */
function setList(entry: Json, name: string, list: readonly unknown[]): void {
  if (list.length > 0) entry[name] = list;
  else if (!(Array.isArray(entry[name]) && entry[name].length === 0)) delete entry[name];
}

function setField(rule: Json, field: RuleField, values: Readonly<Record<string, string>>): void {
  const { name } = field;
  if (field.shape === 'monthDay') {
    const part = (rule[name] !== null && typeof rule[name] === 'object' ? rule[name] : {}) as Json;
    part['month'] = integer(values[`${name}.month`] ?? '');
    part['day'] = integer(values[`${name}.day`] ?? '');
    rule[name] = part;
    return;
  }
  const raw = values[name] ?? '';
  if (raw.trim() === '' && !field.required) delete rule[name];
  else if (field.shape === 'months') rule[name] = sameSetOr(rule[name], raw.split(',').filter((m) => m !== '').map(integer));
  else rule[name] = field.shape === 'integer' ? integer(raw) : field.name === 'note' ? raw.trim() : raw;
}

function ruleJson(original: Json | undefined, row: RuleRow, id: string): Json {
  const rule: Json = original ? structuredClone(original) : { id, kind: row.kind };
  rule['id'] = id;
  if (!isRuleKind(row.kind)) {
    rule['kind'] = row.kind;
    return rule;
  }
  const fields = RULE_FIELDS[row.kind];
  if (original && original['kind'] !== row.kind) for (const name of Object.keys(rule)) if (name !== 'id' && name !== 'kind' && !fields.some((f) => f.name === name)) delete rule[name];
  rule['kind'] = row.kind;
  for (const field of fields) setField(rule, field, row.values);
  return rule;
}

/**
 * The draft's plan with the form's item in place. `published` is the served plan: an id removed
 * here is retired when it is published (its events are in the ledger and subscribers' calendars);
 * one that only ever lived in the draft is simply dropped.
 */
export function withItemForm(plan: unknown, form: ItemForm, published: unknown): unknown {
  const copy = structuredClone(plan) as Json;
  const items = objects(copy['items']);
  const original = items.find((i) => i['number'] === form.number);
  if (!original) return copy;
  const publishedIds = usedEntryIds(findItem(published, form.number));
  // The ids are hidden fields: one the item has never had is not an entry of it, and gets a new
  // id like any new row (a form cannot choose the ids, and with them the events' UIDs).
  const known = new Set([...usedEntryIds(original), ...publishedIds]);
  const idOf = (id: string) => (known.has(id) ? id : '');
  const used = new Set(known);
  const retired = strings(original['retiredIds']);
  const retire = (id: string) => {
    if (publishedIds.has(id) && !retired.includes(id)) retired.push(id);
  };

  const before = objects(original['schedules']);
  const rows = form.schedules.map((s) => ({ ...s, id: idOf(s.id), rules: s.rules.map((r) => ({ ...r, id: idOf(r.id) })) }));
  const schedules = rows.map((row) => {
    const old = row.id === '' ? undefined : before.find((s) => s['id'] === row.id);
    const id = row.id === '' ? newEntryId('s', used) : row.id;
    const schedule: Json = old ? structuredClone(old) : { id, organizationTypes: [], wording: '', rules: [] };
    schedule['organizationTypes'] = sameSetOr(schedule['organizationTypes'], ORGANIZATION_TYPE_IDS.filter((t) => row.types.includes(t)));
    schedule['wording'] = row.wording;
    const oldRules = objects(old?.['rules']);
    schedule['rules'] = row.rules.map((r) => ruleJson(r.id === '' ? undefined : oldRules.find((o) => o['id'] === r.id), r, r.id === '' ? newEntryId('r', used) : r.id));
    for (const rule of oldRules) if (!row.rules.some((r) => r.id === rule['id'])) retire(text(rule['id']));
    return schedule;
  });
  for (const schedule of before) if (!rows.some((s) => s.id === schedule['id'])) retire(text(schedule['id']));

  original['title'] = form.title;
  original['text'] = form.text;
  original['source'] = form.source;
  setList(original, 'details', form.details.split(/\r?\n/).map((d) => d.trim()).filter((d) => d !== ''));
  original['subsystems'] = sameSetOr(original['subsystems'], SUBSYSTEM_IDS.filter((s) => form.subsystems.includes(s)));
  const footnotes = objects(original['footnotes']);
  setList(original, 'footnotes', form.footnotes.map((f, n) => {
    const footnote: Json = structuredClone(footnotes[n] ?? {});
    footnote['marker'] = f.marker;
    footnote['text'] = f.text;
    if (f.note === '') delete footnote['note'];
    else footnote['note'] = f.note;
    return footnote;
  }));
  original['schedules'] = schedules;
  setList(original, 'retiredIds', retired);
  return copy;
}
