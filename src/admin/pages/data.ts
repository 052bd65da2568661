/** The department editor's pages: the draft's sections, the school-year form, a document as JSON. */
import type { PageContext } from '../../render/html/layout.js';
import { escapeHtml, html, raw, type Html } from '../../render/html/template.js';
import { TERM_SYSTEMS } from '../../domain/vocabulary.js';
import type { TermSystemId } from '../../domain/schema.js';
import type { DraftProblem } from '../editor/problems.js';
import type { AttestationRow, Row, SchoolYearForm } from '../editor/school-year-form.js';

export interface FormBase {
  readonly csrf: string;
  readonly etag: string;
}

/** A form's value exactly as the data has it: typography would write no-break spaces back into the draft. */
export const verbatim = (value: string): Html => raw(escapeHtml(value));

export const hidden = (f: FormBase) => html`<input type="hidden" name="_csrf" value="${f.csrf}"><input type="hidden" name="draft" value="${f.etag}">`;

/** The draft's problems; with `place`, each links to the form that shows its field. */
export function problemList(problems: readonly DraftProblem[], place?: (pointer: string) => { href: string; label: string }): Html | string {
  if (problems.length === 0) return '';
  const link = (pointer: string) => {
    const where = place?.(pointer);
    return where ? html` (<a href="${where.href}">исправить: ${where.label}</a>)` : '';
  };
  return html`<div class="problems" role="alert"><p>Ошибок в черновике — ${problems.length}; пока они есть, его нельзя опубликовать:</p><ul>${problems.map((p) => html`<li><code>${p.pointer}</code> — ${p.message}${link(p.pointer)}</li>`)}</ul></div>`;
}

export function dataHomeBody(ctx: PageContext, years: readonly { id: string; systems: readonly string[] }[], saved: boolean, csrf: string, notice?: string): Html {
  const systems = Object.entries(TERM_SYSTEMS) as [TermSystemId, string][];
  return html`<h1>Данные отдела</h1>
${notice ? html`<p class="notice">${notice}</p>` : ''}
<p class="lead">${saved ? 'Есть сохранённый черновик: изменения ещё не опубликованы.' : 'Черновик не начат: ниже — опубликованные данные.'} Правки собираются в черновике; подписчики увидят их только после публикации.</p>
<h2>Учебные графики</h2>
<ul>${years.map((y) => html`<li>${y.id}: ${systems.map(([id, name]) => html`<a href="${ctx.base}/admin/data/school-years/${y.id}/${id}">${name}${y.systems.includes(id) ? '' : ' (нет)'}</a> `)}</li>`)}</ul>
<form method="get" action="${ctx.base}/admin/data/school-years/new"><label>Новый учебный год <input name="year" placeholder="2027-2028" pattern="\\d{4}-\\d{4}" required></label> <select name="system" aria-label="Система учебных периодов">${systems.map(([id, name]) => html`<option value="${id}">${name}</option>`)}</select> <button type="submit">Открыть</button></form>
<h2>Производственный календарь</h2>
<form method="get" action="${ctx.base}/admin/data/working-days"><label>Загрузить файл xmlcalendar или отметить переносы вручную за год <input name="year" placeholder="2028" pattern="\\d{4}" required></label> <button type="submit">Открыть</button></form>
<h2>План и реестр</h2>
<ul><li><a href="${ctx.base}/admin/data/plan/items">Пункты плана</a>: изменить пункт (название, содержание, сроки и их правила, сноски), добавить или удалить пункт (с перечнем затронутых лент)</li><li><a href="${ctx.base}/admin/data/plan/meta">Сведения о плане</a>: название, приказ, контакты, перенос сроков с выходных</li><li><a href="${ctx.base}/admin/data/plan">План целиком (plan.json)</a></li><li><a href="${ctx.base}/admin/data/registry">Реестр организаций</a>: добавить, переименовать, изменить типы, исключить (<a href="${ctx.base}/admin/data/organizations">весь реестр как JSON</a>)</li></ul>
<h2>Публикация</h2>
<ul><li><a href="${ctx.base}/admin/data/preview">Предпросмотр изменений и публикация</a></li><li><a href="${ctx.base}/admin/history">История публикаций</a></li></ul>
${saved ? html`<form method="post" action="${ctx.base}/admin/data/discard"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit">Удалить черновик и начать с опубликованных данных</button></form>` : ''}`;
}

/** Problems of the form's own fields, by input name (`terms.1.end`), shown next to the field. */
export type FieldProblems = ReadonlyMap<string, string>;

export function field(name: string, value: string, label: string, problems: FieldProblems, type = 'text', placeholder = ''): Html {
  const problem = problems.get(name);
  const id = `f-${name.replace(/\./g, '-')}`;
  return html`<input id="${id}" type="${type}" name="${name}" value="${verbatim(value)}" aria-label="${label}"${placeholder ? html` placeholder="${placeholder}"` : ''}${problem ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''}>${problem ? html`<span class="error" id="${id}-error">${problem}</span>` : ''}`;
}

function rows(prefix: string, list: readonly Row[], extra: number, withGrades: boolean, problems: FieldProblems): Html[] {
  const all: Row[] = [...list, ...Array.from({ length: extra }, () => ({ name: '', start: '', end: '' }))];
  return all.map(
    (r, i) => html`<tr><td data-label="Название">${r.confirmedDates ? html`<input type="hidden" name="${prefix}.${i}.confirmedDates" value="${verbatim(r.confirmedDates)}">` : ''}${field(`${prefix}.${i}.name`, r.name, 'Название', problems)}</td><td data-label="Начало">${field(`${prefix}.${i}.start`, r.start, 'Начало', problems, 'date')}</td><td data-label="Конец">${field(`${prefix}.${i}.end`, r.end, 'Конец', problems, 'date')}</td>${withGrades ? html`<td data-label="Только классы">${field(`${prefix}.${i}.grades`, r.grades ?? '', 'Только классы', problems, 'text', '1')}</td>` : ''}</tr>`,
  );
}

function attestationRows(list: readonly AttestationRow[], problems: FieldProblems): Html[] {
  const all: AttestationRow[] = [...list, ...Array.from({ length: 2 }, () => ({ name: '', end: '', source: '', provisional: false }))];
  return all.map(
    (r, i) => html`<tr><td data-label="Период">${field(`gia.${i}.name`, r.name, 'Название периода', problems, 'text', 'ГИА-2028, основной период')}</td><td data-label="Последний день">${field(`gia.${i}.end`, r.end, 'Последний день', problems, 'date')}</td><td data-label="Источник">${field(`gia.${i}.source`, r.source, 'Источник', problems)}</td><td data-label="Предварительно"><input type="checkbox" name="gia.${i}.provisional" aria-label="Предварительно"${r.provisional ? ' checked' : ''}></td></tr>`,
  );
}

export function schoolYearBody(ctx: PageContext, form: SchoolYearForm, base: FormBase, problems: readonly DraftProblem[], fields: FieldProblems = new Map()): Html {
  const action = `${ctx.base}/admin/data/school-years/${form.year}/${form.system}`;
  return html`<h1>${form.year}: ${TERM_SYSTEMS[form.system]}</h1>
${problemList(problems)}
${form.exists ? '' : html`<div class="start-from"><p>Этого графика в черновике ещё нет. С чего начать:</p><form method="post" action="${action}">${hidden(base)}<input type="hidden" name="intent" value="copy"><button type="submit">Скопировать предыдущий год со сдвигом на год</button></form> <form method="post" action="${action}">${hidden(base)}<input type="hidden" name="intent" value="provisional"><button type="submit">С предварительного графика (даты, которые подписчики видят сейчас)</button></form></div>`}
<form method="post" action="${action}" class="school-year-form">${hidden(base)}<input type="hidden" name="intent" value="save">
<h2>Учебные периоды</h2>
<table class="stack"><thead><tr><th>Название</th><th>Начало</th><th>Конец</th></tr></thead><tbody>${rows('terms', form.terms, 2, false, fields)}</tbody></table>
<h2>Каникулы</h2>
<table class="stack"><thead><tr><th>Название</th><th>Начало</th><th>Конец</th><th>Только классы</th></tr></thead><tbody>${rows('holidays', form.holidays, 2, true, fields)}</tbody></table>
<h2>ГИА (государственная итоговая аттестация)</h2>
<p>Периоды ГИА — общие для всех систем учебного года ${form.year}: по последнему дню периода строятся сроки «по окончании итоговой аттестации». Чтобы удалить период, очистите его название и дату.</p>
<input type="hidden" name="gia" value="shown">
<table class="stack"><thead><tr><th>Период</th><th>Последний день</th><th>Источник</th><th>Предварительно</th></tr></thead><tbody>${attestationRows(form.attestation ?? [], fields)}</tbody></table>
<p><label><input type="checkbox" name="confirmed"${form.confirmed ? ' checked' : ''}> Даты утверждены (внесены по рекомендации Минпросвещения) — без пометки «предварительно»</label></p>
<p><button type="submit">Сохранить в черновик</button> <a href="${ctx.base}/admin/data">К данным</a></p></form>`;
}

export function documentBody(ctx: PageContext, name: 'plan' | 'organizations', text: string, base: FormBase, problems: readonly DraftProblem[], error?: string): Html {
  const title = name === 'plan' ? 'План (plan.json)' : 'Реестр организаций (organizations.json)';
  return html`<h1>${title}</h1>
${problemList(problems)}
<p class="lead">Документ целиком, как он будет записан в файл. Ошибки проверки показываются с указанием поля; черновик с ошибками сохраняется, но не публикуется.</p>
<form method="post" action="${ctx.base}/admin/data/${name}">${hidden(base)}
<p><label for="document">JSON</label>${error ? html` <strong class="error" id="document-error">${error}</strong>` : ''}</p>
<textarea id="document" name="document" rows="30" cols="100" spellcheck="false"${error ? html` aria-invalid="true" aria-describedby="document-error"` : ''}>${verbatim(text)}</textarea>
<p><button type="submit">Сохранить в черновик</button> <a href="${ctx.base}/admin/data">К данным</a></p></form>`;
}
