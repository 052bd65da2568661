/**
 * The simple settings fields, derived from the domain's TypeBox `OrganizationSettings`: every
 * property that is a choice of literals, a boolean, a string or a number gets a form control
 * without code here, so a field added to the schema appears in the editor by itself. Only
 * labels live here (a Russian label per field and per value); the structured fields (own
 * school-year calendars, month choices) have their own modules.
 */
import type { TSchema } from 'typebox';
import { OrganizationSettings } from '../../domain/schema.js';

/** Properties with an editor of their own (see form.ts). */
export const STRUCTURED_FIELDS = new Set(['schoolYears', 'monthChoices']);

const LABELS: Readonly<Record<string, string>> = {
  termSystem: 'Система учебных периодов',
  weekDays: 'Учебная неделя',
};

const VALUE_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  termSystem: { quarters: 'четверти', trimesters: 'триместры', halfYears: 'полугодия' },
  weekDays: { '5': 'пятидневная', '6': 'шестидневная' },
};

export type SimpleValue = string | number | boolean;

export interface SimpleField {
  readonly name: string;
  readonly label: string;
  /** A closed list of values (a select), or free input of this kind. */
  readonly control: { readonly kind: 'choice'; readonly options: readonly { value: SimpleValue; label: string }[] } | { readonly kind: 'text' | 'number' | 'time' };
}

interface SchemaLike {
  readonly anyOf?: readonly SchemaLike[];
  readonly const?: SimpleValue;
  readonly type?: string;
  readonly description?: string;
  readonly pattern?: string;
}

function control(name: string, schema: SchemaLike): SimpleField['control'] | undefined {
  const labels = VALUE_LABELS[name] ?? {};
  const options = schema.anyOf?.every((s) => s.const !== undefined)
    ? schema.anyOf.map((s) => s.const as SimpleValue)
    : schema.type === 'boolean'
      ? [true, false]
      : undefined;
  if (options) {
    const fallback = (v: SimpleValue) => (typeof v === 'boolean' ? (v ? 'да' : 'нет') : String(v));
    return { kind: 'choice', options: options.map((value) => ({ value, label: labels[String(value)] ?? fallback(value) })) };
  }
  if (schema.type === 'string') return { kind: schema.pattern?.includes(':[0-5]') ? 'time' : 'text' };
  if (schema.type === 'integer' || schema.type === 'number') return { kind: 'number' };
  return undefined;
}

/** The simple fields, in the schema's order. */
export function simpleFields(schema: TSchema = OrganizationSettings): SimpleField[] {
  const properties = (schema as { properties?: Record<string, SchemaLike> }).properties ?? {};
  const fields: SimpleField[] = [];
  for (const [name, property] of Object.entries(properties)) {
    if (STRUCTURED_FIELDS.has(name)) continue;
    const found = control(name, property);
    if (!found) continue;
    const label = LABELS[name] ?? property.description ?? name;
    fields.push({ name, label, control: found });
  }
  return fields;
}

/** The form's text back as the field's value: '' means "not set" (the default applies). */
export function parseSimple(field: SimpleField, text: string): SimpleValue | undefined {
  if (text === '') return undefined;
  if (field.control.kind === 'choice') return field.control.options.find((o) => String(o.value) === text)?.value ?? text;
  if (field.control.kind === 'number') return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  return text;
}
