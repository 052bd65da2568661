/**
 * One plan item as a form in the department's editor: its texts, subsystems, footnotes and
 * schedules with their rules, read from the draft's plan and written back into it. Pure.
 *
 * Written in place: an existing item, schedule, rule or footnote is changed on a copy of itself,
 * so whatever the form does not show stays as it was and an unchanged form gives the same bytes.
 * Schedules and rules are matched by id, never by position, and keep their ids (the events'
 * UIDs); new ones get ids the item has never used; a removed one that is published goes to
 * `retiredIds`, as validation and the ledger check expect (docs/architecture.md, "Stable ids").
 */
import { newEntryId, usedEntryIds } from '../../domain/entry-ids.js';
import { ORGANIZATION_TYPE_IDS } from '../../domain/schema.js';
import { SUBSYSTEMS } from '../../domain/vocabulary.js';
import { findItem } from './plan-items.js';
import { isRuleKind, RULE_FIELDS, type RuleField } from './rule-fields.js';
import type { FormBody } from './school-year-form.js';

type Json = Record<string, unknown>;

export const SUBSYSTEM_IDS = Object.keys(SUBSYSTEMS);

/** A rule as inputs: `values` by input name within the rule (`month`, `start.day`, `months` as `1,9`…). */
export interface RuleRow {
  /** Empty for a rule not saved yet: its id is allocated on saving. */
  readonly id: string;
  readonly kind: string;
  readonly values: Readonly<Record<string, string>>;
}

export interface ScheduleRow {
  readonly id: string;
  readonly types: readonly string[];
  readonly wording: string;
  readonly rules: readonly RuleRow[];
}

export interface FootnoteRow {
  readonly marker: string;
  readonly text: string;
  readonly note: string;
}

export interface ItemForm {
  readonly number: number;
  readonly title: string;
  readonly text: string;
  readonly source: string;
  /** `details`, one per line. */
  readonly details: string;
  readonly subsystems: readonly string[];
  readonly footnotes: readonly FootnoteRow[];
  readonly schedules: readonly ScheduleRow[];
}

const MAX_ROWS = 50;
const objects = (value: unknown): Json[] => (Array.isArray(value) ? value.filter((v): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v)) : []);
const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(text) : []);

function ruleValues(rule: Json): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(rule)) {
    if (name === 'id' || name === 'kind') continue;
    if (Array.isArray(value)) values[name] = value.map(text).join(',');
    else if (value !== null && typeof value === 'object') for (const [part, v] of Object.entries(value)) values[`${name}.${part}`] = text(v);
    else values[name] = text(value);
  }
  return values;
}

export function itemFormOf(item: Json): ItemForm {
  return {
    number: Number(item['number']),
    title: text(item['title']),
    text: text(item['text']),
    source: text(item['source']),
    details: strings(item['details']).join('\n'),
    subsystems: strings(item['subsystems']),
    footnotes: objects(item['footnotes']).map((f) => ({ marker: text(f['marker']), text: text(f['text']), note: text(f['note']) })),
    schedules: objects(item['schedules']).map((s) => ({
      id: text(s['id']),
      types: strings(s['organizationTypes']),
      wording: text(s['wording']),
      rules: objects(s['rules']).map((r) => ({ id: text(r['id']), kind: text(r['kind']), values: ruleValues(r) })),
    })),
  };
}

const value = (body: FormBody, name: string): string => (typeof body[name] === 'string' ? body[name] : '');
const checked = (body: FormBody, prefix: string, ids: readonly string[]): string[] => ids.filter((id) => body[`${prefix}.${id}`] === 'on');

function ruleFromBody(body: FormBody, prefix: string): RuleRow {
  const values: Record<string, string> = {};
  for (const key of Object.keys(body)) {
    if (!key.startsWith(`${prefix}.`) || key === `${prefix}.id` || key === `${prefix}.kind`) continue;
    const name = key.slice(prefix.length + 1);
    const month = /^months\.(\d+)$/.exec(name);
    if (month) {
      if (body[key] === 'on') values['months'] = values['months'] ? `${values['months']},${month[1]}` : month[1]!;
    } else values[name] = value(body, key);
  }
  // Checked months in calendar order, whatever order the body came in.
  if (values['months']) values['months'] = values['months'].split(',').sort((a, b) => Number(a) - Number(b)).join(',');
  return { id: value(body, `${prefix}.id`), kind: value(body, `${prefix}.kind`), values };
}

function rows<T>(present: (i: number) => boolean, make: (i: number) => T): T[] {
  const list: T[] = [];
  for (let i = 0; i < MAX_ROWS; i += 1) if (present(i)) list.push(make(i));
  return list;
}

/** The form as submitted: a schedule or rule row is there when its (hidden) id field is. */
export function itemFormFromBody(body: FormBody, number: number): ItemForm {
  const has = (name: string) => Object.hasOwn(body, name);
  return {
    number,
    title: value(body, 'title').trim(),
    text: value(body, 'text').trim(),
    source: value(body, 'source').trim(),
    details: value(body, 'details'),
    subsystems: checked(body, 'subsystem', SUBSYSTEM_IDS),
    footnotes: rows(
      (n) => has(`fn.${n}.text`),
      (n) => ({ marker: value(body, `fn.${n}.marker`).trim(), text: value(body, `fn.${n}.text`).trim(), note: value(body, `fn.${n}.note`).trim() }),
    ).filter((f) => f.marker !== '' || f.text !== '' || f.note !== ''),
    schedules: rows(
      (j) => has(`s.${j}.id`),
      (j) => ({
        id: value(body, `s.${j}.id`),
        types: checked(body, `s.${j}.type`, ORGANIZATION_TYPE_IDS),
        wording: value(body, `s.${j}.wording`).trim(),
        rules: rows((k) => has(`s.${j}.r.${k}.id`), (k) => ruleFromBody(body, `s.${j}.r.${k}`)),
      }),
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Rows added and removed before saving (the form re-rendered, nothing saved yet)
// ---------------------------------------------------------------------------------------------

const NEW_RULE: RuleRow = { id: '', kind: 'date', values: {} };

/** The form after one of its buttons: `addRule.0`, `removeRule.0.1`, `addSchedule`, `removeSchedule.1`; anything else changes nothing. */
export function editedForm(form: ItemForm, intent: string): ItemForm {
  const [action, a, b] = intent.split('.');
  const j = Number(a);
  const schedules = [...form.schedules];
  const at = schedules[j];
  if (action === 'addSchedule') schedules.push({ id: '', types: [], wording: '', rules: [NEW_RULE] });
  else if (action === 'removeSchedule' && at) schedules.splice(j, 1);
  else if (action === 'addRule' && at) schedules[j] = { ...at, rules: [...at.rules, NEW_RULE] };
  else if (action === 'removeRule' && at) schedules[j] = { ...at, rules: at.rules.filter((_, k) => k !== Number(b)) };
  return { ...form, schedules };
}

// ---------------------------------------------------------------------------------------------
// The form written into the plan
// ---------------------------------------------------------------------------------------------

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
  const formIds = new Set(form.schedules.flatMap((s) => [s.id, ...s.rules.map((r) => r.id)]).filter((id) => id !== ''));
  const used = new Set([...usedEntryIds(original), ...publishedIds, ...formIds]);
  const retired = strings(original['retiredIds']);
  const retire = (id: string) => {
    if (publishedIds.has(id) && !retired.includes(id)) retired.push(id);
  };

  const before = objects(original['schedules']);
  const schedules = form.schedules.map((row) => {
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
  for (const schedule of before) if (!form.schedules.some((s) => s.id === schedule['id'])) retire(text(schedule['id']));

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
