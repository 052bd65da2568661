/** The editor's form for one plan item: texts, subsystems, schedules with their rules, footnotes. */
import type { PageContext } from '../../render/html/layout.js';
import { html, type Html } from '../../render/html/template.js';
import { ORGANIZATION_TYPES, SUBSYSTEMS } from '../../domain/vocabulary.js';
import { ORGANIZATION_TYPE_IDS } from '../../domain/schema.js';
import type { DraftProblem } from '../editor/problems.js';
import { SUBSYSTEM_IDS, type FootnoteRow, type ItemForm, type ScheduleRow } from '../editor/plan-item-form.js';
import { field, hidden, problemList, verbatim, type FieldProblems, type FormBase } from './data.js';
import { checkboxes, labelFor, textArea } from './form-controls.js';
import { ruleFieldset } from './plan-rule.js';

const TYPE_OPTIONS = ORGANIZATION_TYPE_IDS.map((t) => [t, ORGANIZATION_TYPES[t].name] as const);
const SUBSYSTEM_OPTIONS = SUBSYSTEM_IDS.map((s) => [s, SUBSYSTEMS[s as keyof typeof SUBSYSTEMS].fullName] as const);
const SAVE = html`<button type="submit" name="intent" value="save">Сохранить в черновик</button>`;

function scheduleFieldset(action: string, j: number, schedule: ScheduleRow, problems: FieldProblems): Html {
  const problem = problems.get(`s.${j}`);
  return html`<fieldset class="schedule" id="schedule-${j}"><legend>Срок исполнения ${j + 1}${schedule.id ? html` <small>(${schedule.id})</small>` : ' (новый)'}</legend>
<input type="hidden" name="s.${j}.id" value="${verbatim(schedule.id)}">
${problem ? html`<p class="error">${problem}</p>` : ''}
${checkboxes(`s.${j}.type`, `s.${j}.types`, 'Для каких организаций', TYPE_OPTIONS, schedule.types, problems)}
<p>${labelFor(`s.${j}.wording`, 'Срок дословно, как в приказе')} ${textArea(`s.${j}.wording`, schedule.wording, 'Срок дословно, как в приказе', problems, 2)}</p>
${schedule.rules.map((rule, k) => ruleFieldset(action, j, k, rule, problems))}
<p><button type="submit" name="intent" value="addRule.${j}" formaction="${action}#rule-${j}-${schedule.rules.length}" formnovalidate>Добавить правило</button> <button type="submit" name="intent" value="removeSchedule.${j}" formaction="${action}#schedules" formnovalidate>Удалить этот срок</button></p></fieldset>`;
}

function footnoteRows(footnotes: readonly FootnoteRow[], problems: FieldProblems): Html[] {
  return [...footnotes, { marker: '', text: '', note: '' }].map(
    (f, n) => html`<tr><td data-label="Знак">${field(`fn.${n}.marker`, f.marker, 'Знак сноски', problems, 'text', '¹')}</td><td data-label="Текст">${textArea(`fn.${n}.text`, f.text, 'Текст сноски', problems, 2)}</td><td data-label="Почему отнесена к пункту">${textArea(`fn.${n}.note`, f.note, 'Почему сноска отнесена к пункту', problems, 2)}</td></tr>`,
  );
}

export interface ItemPage {
  readonly form: ItemForm;
  readonly base: FormBase;
  readonly problems: readonly DraftProblem[];
  readonly fields: FieldProblems;
  /** True when the form is shown after one of its buttons, not saved yet. */
  readonly unsaved: boolean;
}

export function planItemBody(ctx: PageContext, page: ItemPage): Html {
  const { form, fields } = page;
  const list = `${ctx.base}/admin/data/plan/items`;
  const action = `${list}/${form.number}`;
  return html`<h1>п. ${form.number}${form.title ? html` — ${form.title}` : ''}</h1>
${page.unsaved ? html`<p class="notice" role="status">Изменения ещё не сохранены: нажмите «Сохранить в черновик».</p>` : ''}
${problemList(page.problems)}
<p class="lead">Правки попадают в черновик; подписчики увидят их после публикации. У каждого срока и правила — постоянный идентификатор: из него строятся события календарей, поэтому у изменённого правила события переносятся, а не создаются заново.</p>
<form method="post" action="${action}" class="plan-item-form">${hidden(page.base)}
<p>${SAVE}</p>
<p>${labelFor('title', 'Краткое название для календаря (до 60 знаков)')} ${field('title', form.title, 'Краткое название для календаря', fields)}</p>
<p>${labelFor('text', 'Содержание работ (опечатки исправлены)')} ${textArea('text', form.text, 'Содержание работ', fields)}</p>
<p>${labelFor('source', 'Содержание работ дословно, как в приказе')} ${textArea('source', form.source, 'Содержание работ дословно', fields)}</p>
<p>${labelFor('details', 'Подробности — каждая с новой строки (необязательно)')} ${textArea('details', form.details, 'Подробности', fields)}</p>
${checkboxes('subsystem', 'subsystems', 'Подсистемы', SUBSYSTEM_OPTIONS, form.subsystems, fields)}
<h2 id="schedules">Сроки исполнения</h2>
<p>Если у групп организаций разные сроки, у каждой группы — свой срок исполнения; тип организации может быть только в одном из них.</p>
${form.schedules.map((s, j) => scheduleFieldset(action, j, s, fields))}
<p><button type="submit" name="intent" value="addSchedule" formaction="${action}#schedule-${form.schedules.length}" formnovalidate>Добавить срок исполнения</button></p>
<h2>Сноски</h2>
<p>Чтобы удалить сноску, очистите её строку.</p>
<table class="stack"><thead><tr><th>Знак</th><th>Текст</th><th>Почему отнесена к пункту</th></tr></thead><tbody>${footnoteRows(form.footnotes, fields)}</tbody></table>
<p>${SAVE} <a href="${list}">К пунктам плана</a> · <a href="${ctx.base}/admin/data/preview">Предпросмотр изменений</a> · <a href="${ctx.base}/admin/data/plan">План целиком как JSON</a></p></form>`;
}
