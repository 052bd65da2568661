/** The organization's settings form: simple fields from the schema, month choices, one school year's own calendar. */
import type { DateRange, TermCalendar } from '../../domain/schema.js';
import { MONTHS_NOMINATIVE } from '../../domain/vocabulary.js';
import { shortSchoolYear } from '../../domain/dates.js';
import type { PageContext } from '../../render/html/layout.js';
import { html, type Html } from '../../render/html/template.js';
import type { SettingsProblem } from '../settings/candidate.js';
import { simpleFields, type SimpleField } from '../settings/fields.js';
import { calendarFingerprint, type MonthChoiceItem } from '../settings/form.js';
// Form values go back into the data as they are: no typography (no-break spaces, „quotes“) in them.
import { verbatim } from './data.js';

export interface SettingsFormView {
  readonly action: string;
  readonly csrf: string;
  readonly version: string;
  readonly values: Readonly<Record<string, string>>;
  readonly monthChoices: readonly MonthChoiceItem[];
  readonly year: string;
  readonly years: readonly string[];
  readonly calendar: TermCalendar | undefined;
  readonly ownCalendar: boolean;
  /** The own calendar is approved: its events carry no «(предварительно)». */
  readonly calendarConfirmed: boolean;
  /** What the dates were before the user edited them, when the form comes back with their edits. */
  readonly shownFingerprint?: string;
  readonly problems: readonly SettingsProblem[];
}

/** Messages for this pointer and everything below it, shown next to the field; `used` records what was shown. */
function errorsAt(view: SettingsFormView, pointer: string, used: Set<SettingsProblem>): Html {
  const mine = view.problems.filter((p) => p.pointer === pointer || p.pointer.startsWith(`${pointer}/`));
  mine.forEach((p) => used.add(p));
  return html`${mine.map((p) => html`<span class="field-error" role="alert"><strong>Ошибка:</strong> ${p.message}</span>`)}`;
}

function simpleControl(field: SimpleField, value: string | undefined): Html {
  const id = `f-${field.name}`;
  if (field.control.kind === 'choice') {
    const options = field.control.options.map((o) => html`<option value="${String(o.value)}"${String(o.value) === value ? html` selected` : ''}>${o.label}</option>`);
    return html`<select id="${id}" name="${field.name}"><option value="">по умолчанию</option>${options}</select>`;
  }
  const type = field.control.kind === 'time' ? 'time' : field.control.kind === 'number' ? 'number' : 'text';
  return html`<input id="${id}" name="${field.name}" type="${type}" value="${verbatim(value ?? '')}">`;
}

function rangeRows(view: SettingsFormView, kind: 'terms' | 'holidays', rows: readonly DateRange[], used: Set<SettingsProblem>): Html {
  return html`${rows.map((r, i) => {
    const pointer = `/schoolYears/${view.year}/${kind}/${i}`;
    return html`<tr><th scope="row">${r.name}${r.grades ? html` (${r.grades.join(', ')} кл.)` : ''}<input type="hidden" name="${kind}.${i}.name" value="${verbatim(r.name)}">${r.grades ? html`<input type="hidden" name="${kind}.${i}.grades" value="${r.grades.join(',')}">` : ''}</th>
<td data-label="Начало"><input type="date" name="${kind}.${i}.start" value="${r.start}" aria-label="${r.name}: начало"></td>
<td data-label="Окончание"><input type="date" name="${kind}.${i}.end" value="${r.end}" aria-label="${r.name}: окончание"></td>
<td>${errorsAt(view, pointer, used)}</td></tr>`;
  })}`;
}

function calendarSection(ctx: PageContext, view: SettingsFormView, used: Set<SettingsProblem>): Html {
  const yearLinks = view.years.map((y) => (y === view.year ? html`<strong>${shortSchoolYear(y)}</strong>` : html`<a href="${ctx.base}${view.action}?year=${y}">${shortSchoolYear(y)}</a>`));
  const calendar = view.calendar;
  return html`<fieldset><legend>Учебный график ${shortSchoolYear(view.year)}</legend>
<p>Учебный год: ${yearLinks.map((l, i) => html`${i > 0 ? ' · ' : ''}${l}`)}</p>
<input type="hidden" name="year" value="${view.year}">
<input type="hidden" name="calendarShown" value="${view.shownFingerprint ?? calendarFingerprint(calendar)}">
<p><label><input type="checkbox" name="ownCalendar" id="f-ownCalendar"${view.ownCalendar ? html` checked` : ''}> Собственный график организации на этот год (иначе — муниципальный)</label></p>
<p><label><input type="checkbox" name="calendarConfirmed" id="f-calendarConfirmed" aria-describedby="f-calendarConfirmed-hint"${view.calendarConfirmed ? html` checked` : ''}> Собственный график утверждён</label><br><small id="f-calendarConfirmed-hint">Пока не отмечено, события этого учебного года в календарях подписчиков помечены «(предварительно)».${!view.ownCalendar && !view.calendarConfirmed ? ' Даты в форме — из муниципального графика, а он на этот год ещё не утверждён.' : ''}</small></p>
${errorsAt(view, `/schoolYears/${view.year}`, used)}
${calendar ? html`<table class="calendar-form stack"><thead><tr><th scope="col">Период</th><th scope="col">Начало</th><th scope="col">Окончание</th><th scope="col"></th></tr></thead>
<tbody>${rangeRows(view, 'terms', calendar.terms, used)}${rangeRows(view, 'holidays', calendar.holidays, used)}</tbody></table>` : html`<p>Муниципального графика на этот год нет.</p>`}
</fieldset>`;
}

export function settingsForm(ctx: PageContext, view: SettingsFormView): Html {
  const used = new Set<SettingsProblem>();
  const simple = simpleFields().map(
    (f) => html`<p><label for="f-${f.name}">${f.label}</label><br>${simpleControl(f, view.values[f.name])} ${errorsAt(view, `/${f.name}`, used)}</p>`,
  );
  const months = view.monthChoices.map((m) => {
    const options = m.months.map((month) => html`<option value="${month}"${view.values[`monthChoices.${m.item}`] === String(month) ? html` selected` : ''}>${MONTHS_NOMINATIVE[month - 1] ?? month}</option>`);
    return html`<p><label for="f-month-${m.item}">П. ${m.item}. ${m.title}</label><br><select id="f-month-${m.item}" name="monthChoices.${m.item}"><option value="">все месяцы из плана</option>${options}</select> ${errorsAt(view, `/monthChoices/${m.item}`, used)}</p>`;
  });
  const calendar = calendarSection(ctx, view, used);
  const unplaced = view.problems.filter((p) => !used.has(p) && !p.pointer.startsWith(`/schoolYears/${view.year}`));
  return html`${unplaced.length > 0 ? html`<div class="form-error" role="alert"><p><strong>Настройки не сохранены:</strong></p><ul>${unplaced.map((p) => html`<li><code>${p.pointer || '/'}</code>: ${p.message}</li>`)}</ul></div>` : ''}
<form method="post" action="${ctx.base}${view.action}" class="settings-form">
<input type="hidden" name="_csrf" value="${view.csrf}">
<input type="hidden" name="version" value="${view.version}">
<fieldset><legend>Общие настройки</legend>${simple}</fieldset>
${months.length > 0 ? html`<fieldset><legend>Выбор месяца</legend>${months}</fieldset>` : ''}
${calendar}
<p><button type="submit" name="intent" value="preview">Показать, что изменится</button> <button type="submit" name="intent" value="save">Сохранить</button></p>
</form>`;
}
