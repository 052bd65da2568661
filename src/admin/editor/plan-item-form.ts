/**
 * One plan item as a form in the department's editor: its texts, subsystems, footnotes and
 * schedules with their rules, as rows of inputs read from the draft's item or from a submitted
 * body, and rows added or removed before saving. Pure. Writing the form back into the plan is
 * plan-item-write.ts.
 */
import { ORGANIZATION_TYPE_IDS } from '../../domain/schema.js';
import { SUBSYSTEMS } from '../../domain/vocabulary.js';
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
export const objects = (value: unknown): Json[] => (Array.isArray(value) ? value.filter((v): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v)) : []);
export const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
export const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(text) : []);

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
