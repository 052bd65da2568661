/**
 * Form controls beside `field()` (pages/data.ts) with the same contract: the value written
 * verbatim, the problem of that input shown next to it and tied to it by aria-describedby.
 */
import { html, type Html } from '../../render/html/template.js';
import { MONTHS_NOMINATIVE } from '../../domain/vocabulary.js';
import { verbatim, type FieldProblems } from './data.js';

export const inputId = (name: string): string => `f-${name.replace(/\./g, '-')}`;

function invalid(name: string, problems: FieldProblems): { attributes: Html | string; message: Html | string } {
  const problem = problems.get(name);
  if (!problem) return { attributes: '', message: '' };
  const id = `${inputId(name)}-error`;
  return { attributes: html` aria-invalid="true" aria-describedby="${id}"`, message: html`<span class="error" id="${id}">${problem}</span>` };
}

/** A visible label for the input `name`. */
export const labelFor = (name: string, text: string): Html => html`<label for="${inputId(name)}">${text}</label>`;

export function textArea(name: string, value: string, label: string, problems: FieldProblems, rows = 3): Html {
  const { attributes, message } = invalid(name, problems);
  return html`<textarea id="${inputId(name)}" name="${name}" rows="${rows}" aria-label="${label}"${attributes}>${verbatim(value)}</textarea>${message}`;
}

/**
 * A select of `options` (value, Russian label). A value the options lack (a hand-edited file's
 * `13` for a month) is offered as itself, selected, so submitting the form unchanged keeps it;
 * no value yet (a new rule's month) is «—», so nothing is chosen for the user.
 */
export function selectField(name: string, value: string, label: string, options: readonly (readonly [string, string])[], problems: FieldProblems): Html {
  const { attributes, message } = invalid(name, problems);
  const all = options.some(([v]) => v === value) ? options : value === '' ? [['', '—'] as const, ...options] : [...options, [value, `${value} (недопустимое значение)`] as const];
  return html`<select id="${inputId(name)}" name="${name}" aria-label="${label}"${attributes}>${all.map(([v, text]) => html`<option value="${verbatim(v)}"${v === value ? ' selected' : ''}>${text}</option>`)}</select>${message}`;
}

/** Checkboxes `<prefix>.<value>`, one per option, in a fieldset whose problem is `problemName`'s. */
export function checkboxes(prefix: string, problemName: string, legend: string, options: readonly (readonly [string, string])[], chosen: readonly string[], problems: FieldProblems): Html {
  const { attributes, message } = invalid(problemName, problems);
  const all = [...options, ...chosen.filter((c) => !options.some(([v]) => v === c)).map((c) => [c, `${c} (недопустимое значение)`] as const)];
  return html`<fieldset class="choices"${attributes}><legend>${legend}</legend>${all.map(
    ([v, text]) => html`<label><input type="checkbox" name="${prefix}.${verbatim(v)}"${chosen.includes(v) ? ' checked' : ''}> ${text}</label> `,
  )}${message}</fieldset>`;
}

/** Months 1–12 by their Russian names, for a select or checkboxes. */
export const MONTH_OPTIONS: readonly (readonly [string, string])[] = MONTHS_NOMINATIVE.map((name, i) => [String(i + 1), name] as const);
