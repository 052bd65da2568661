/**
 * One rule of a schedule in the plan-item form: the kind select and exactly that kind's fields
 * (from the schema, editor/rule-fields.ts). Without JavaScript a changed kind is shown by the
 * «Показать поля» button, which re-renders the form unsaved; app.js presses it on change.
 */
import { html, type Html } from '../../render/html/template.js';
import type { RuleRow } from '../editor/plan-item-form.js';
import { isRuleKind, RULE_FIELDS, RULE_KIND_NAMES, RULE_KINDS, type RuleField } from '../editor/rule-fields.js';
import { field, verbatim, type FieldProblems } from './data.js';
import { checkboxes, labelFor, MONTH_OPTIONS, selectField, textArea } from './form-controls.js';

const LABELS: Readonly<Record<string, string>> = {
  month: 'Месяц',
  day: 'День',
  months: 'Месяцы на выбор',
  start: 'Начало',
  end: 'Окончание',
  days: 'Какие дни',
  time: 'Время слота (Москва), по умолчанию 15:00',
  durationMinutes: 'Длительность слота, минут (по умолчанию 30)',
  offsetDays: 'Через сколько дней после последнего дня учебного года',
  workingDays: 'Сколько рабочих дней на исполнение',
  note: 'Пояснение к правилу (необязательно)',
};
const SCHOOL_YEAR_END_MONTH = 'Не раньше месяца (необязательно)';
const DAYS: Readonly<Record<string, string>> = {
  school: 'каждый учебный день (время слота — организации)',
  working: 'каждый рабочий день',
};

function monthSelect(name: string, value: string, label: string, optional: boolean, problems: FieldProblems): Html {
  return selectField(name, value, label, optional ? [['', '—'], ...MONTH_OPTIONS] : MONTH_OPTIONS, problems);
}

function control(prefix: string, kind: string, f: RuleField, values: Readonly<Record<string, string>>, problems: FieldProblems): Html {
  const name = `${prefix}.${f.name}`;
  const v = values[f.name] ?? '';
  const label = kind === 'schoolYearEnd' && f.name === 'month' ? SCHOOL_YEAR_END_MONTH : LABELS[f.name] ?? f.name;
  if (f.shape === 'monthDay') {
    const [month, day] = [`${name}.month`, `${name}.day`];
    return html`<p class="month-day">${label}: ${labelFor(month, 'месяц')} ${monthSelect(month, values[`${f.name}.month`] ?? '', `${label}: месяц`, false, problems)} ${labelFor(day, 'день')} ${field(day, values[`${f.name}.day`] ?? '', `${label}: день`, problems, 'number')}</p>`;
  }
  if (f.shape === 'months') return checkboxes(`${name}`, name, label, MONTH_OPTIONS, v.split(',').filter((m) => m !== ''), problems);
  let input: Html;
  if (f.name === 'month') input = monthSelect(name, v, label, !f.required, problems);
  else if (f.choices) input = selectField(name, v, label, f.choices.map((c) => [c, DAYS[c] ?? c] as const), problems);
  else if (f.name === 'note') input = textArea(name, v, label, problems, 2);
  else input = field(name, v, label, problems, f.shape === 'integer' ? 'number' : f.name === 'time' ? 'time' : 'text');
  return html`<p>${labelFor(name, label)} ${input}</p>`;
}

/** `action` is the form's address: each button returns to the place on the page it changed. */
export function ruleFieldset(action: string, j: number, k: number, rule: RuleRow, problems: FieldProblems): Html {
  const prefix = `s.${j}.r.${k}`;
  const kinds = RULE_KINDS.map((kind) => [kind, RULE_KIND_NAMES[kind]] as const);
  const fields = isRuleKind(rule.kind) ? RULE_FIELDS[rule.kind] : [];
  return html`<fieldset class="rule" id="rule-${j}-${k}"><legend>Правило ${k + 1}${rule.id ? html` <small>(${rule.id})</small>` : ' (новое)'}</legend>
<input type="hidden" name="${prefix}.id" value="${verbatim(rule.id)}">
<p>${labelFor(`${prefix}.kind`, 'Вид правила')} ${selectField(`${prefix}.kind`, rule.kind, 'Вид правила', kinds, problems)} <button type="submit" name="intent" value="refresh" formaction="${action}#rule-${j}-${k}" formnovalidate data-kind-refresh>Показать поля</button></p>
${fields.map((f) => control(prefix, rule.kind, f, rule.values, problems))}
<p><button type="submit" name="intent" value="removeRule.${j}.${k}" formaction="${action}#schedule-${j}" formnovalidate>Удалить правило</button></p></fieldset>`;
}
