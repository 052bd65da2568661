/**
 * The plan's metadata as a form: titles, the order, the first year, the contact, and the day-off
 * policy (`onDayOff`). Pure. `version` and `updated` are publication's (src/admin/editor/bump.ts)
 * and `timeZone` is fixed by the schema, so the form shows them and never writes them. Written in
 * place on a copy of `meta`: an unchanged form gives the same bytes.
 */
import type { OnDayOff } from '../../domain/schema.js';
import type { FormBody } from './school-year-form.js';

type Json = Record<string, unknown>;

/** Input names, which are also the paths under `/plan/meta` with `.` for `/`. */
export const META_TEXTS = ['title', 'shortTitle', 'issuer', 'order.number', 'order.date', 'order.title', 'order.appendixNumber', 'order.note', 'footnoteNote'] as const;
export const CONTACT_FIELDS = ['phone', 'email', 'url'] as const;
export const DAY_OFF_POLICIES: Readonly<Record<OnDayOff, string>> = {
  previousWorkingDay: 'переносить на предыдущий рабочий день',
  nextWorkingDay: 'переносить на следующий рабочий день',
  keep: 'оставлять как в приказе (событие скажет, что день выходной)',
};

export type MetaForm = Readonly<Record<string, string>>;

const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
const objectAt = (value: unknown): Json => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
const get = (meta: Json, name: string): unknown => name.split('.').reduce<unknown>((node, key) => objectAt(node)[key], meta);

export function metaOf(plan: unknown): Json {
  return objectAt(objectAt(plan)['meta']);
}

export function metaFormOf(plan: unknown): MetaForm {
  const meta = metaOf(plan);
  const form: Record<string, string> = { firstYear: text(meta['firstYear']), onDayOff: text(meta['onDayOff']) };
  for (const name of META_TEXTS) form[name] = text(get(meta, name));
  for (const name of CONTACT_FIELDS) form[`contact.${name}`] = text(objectAt(meta['contact'])[name]);
  return form;
}

export function metaFormFromBody(body: FormBody): MetaForm {
  const names = [...META_TEXTS, 'firstYear', 'onDayOff', ...CONTACT_FIELDS.map((c) => `contact.${c}`)];
  return Object.fromEntries(names.map((name) => [name, (body[name] ?? '').trim()]));
}

/** The draft's plan with the form's metadata. */
export function withMetaForm(plan: unknown, form: MetaForm): unknown {
  const copy = structuredClone(plan) as Json;
  const meta = metaOf(copy);
  for (const name of META_TEXTS) {
    const [first, second] = name.split('.') as [string, string | undefined];
    if (second === undefined) meta[first] = form[name] ?? '';
    else meta[first] = { ...objectAt(meta[first]), [second]: form[name] ?? '' };
  }
  const year = form['firstYear'] ?? '';
  meta['firstYear'] = /^\d+$/.test(year) ? Number(year) : year;
  if (form['onDayOff']) meta['onDayOff'] = form['onDayOff'];
  else delete meta['onDayOff'];
  const hadEmpty = meta['contact'] !== undefined && Object.keys(objectAt(meta['contact'])).length === 0;
  const contact = objectAt(meta['contact']);
  for (const name of CONTACT_FIELDS) {
    if (form[`contact.${name}`]) contact[name] = form[`contact.${name}`];
    else delete contact[name];
  }
  // Left out when empty, unless the data already had it empty.
  if (Object.keys(contact).length > 0 || hadEmpty) meta['contact'] = contact;
  else delete meta['contact'];
  return { ...copy, meta };
}

/** `/plan/meta/order/date` → `order.date`, `/plan/meta/contact/email` → `contact.email`: the input it concerns. */
export function metaFieldProblems(problems: readonly { pointer: string; message: string }[]): Map<string, string> {
  const fields = new Map<string, string>();
  for (const { pointer, message } of problems) {
    const match = /^\/plan\/meta\/((?:order|contact)\/[a-zA-Z]+|[a-zA-Z]+)/.exec(pointer);
    const name = match?.[1]?.replace('/', '.');
    if (name && !fields.has(name)) fields.set(name, message);
  }
  return fields;
}
