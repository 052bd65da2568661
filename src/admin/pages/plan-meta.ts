/** The editor's form for the plan's metadata and the day-off policy. */
import type { PageContext } from '../../render/html/layout.js';
import { plural } from '../../render/html/format.js';
import { html, type Html } from '../../render/html/template.js';
import type { DraftProblem } from '../editor/problems.js';
import { DAY_OFF_POLICIES, type MetaForm } from '../editor/plan-meta-form.js';
import { field, hidden, problemList, type FieldProblems, type FormBase } from './data.js';
import { labelFor, selectField, textArea } from './form-controls.js';

export interface MetaPage {
  readonly form: MetaForm;
  /** Shown, never written by the form: publication bumps version and updated. */
  readonly fixed: { readonly timeZone: string; readonly version: string; readonly updated: string; readonly noteDays: number };
  readonly base: FormBase;
  readonly problems: readonly DraftProblem[];
  readonly fields: FieldProblems;
}

const LONG = new Set(['title', 'order.title', 'order.note', 'footnoteNote', 'issuer']);
const LABELS: readonly (readonly [string, string, string?])[] = [
  ['title', 'Полное название плана'],
  ['shortTitle', 'Краткое название (заголовок сайта и календарей)'],
  ['issuer', 'Кто утвердил план'],
  ['order.number', 'Номер приказа'],
  ['order.date', 'Дата приказа', 'date'],
  ['order.title', 'Название приказа'],
  ['order.appendixNumber', 'Номер приказа в шапке приложения'],
  ['order.note', 'О расхождении номеров приказа и приложения'],
  ['firstYear', 'Первый календарный год действия плана', 'number'],
  ['footnoteNote', 'О нумерации сносок в источнике'],
];
const CONTACT: readonly (readonly [string, string, string])[] = [
  ['contact.phone', 'Телефон (как его пишут на сайте)', 'tel'],
  ['contact.email', 'Электронная почта', 'email'],
  ['contact.url', 'Официальный сайт (https://…)', 'url'],
];

function row(form: MetaForm, fields: FieldProblems, [name, label, type = 'text']: readonly [string, string, string?]): Html {
  const value = form[name] ?? '';
  return html`<p>${labelFor(name, label)} ${LONG.has(name) ? textArea(name, value, label, fields) : field(name, value, label, fields, type)}</p>`;
}

export function planMetaBody(ctx: PageContext, page: MetaPage): Html {
  const { form, fields, fixed } = page;
  const policy = form['onDayOff'] ?? '';
  const policies = [...(policy === '' ? [['', 'не указано (переносить на предыдущий рабочий день)'] as const] : []), ...Object.entries(DAY_OFF_POLICIES)];
  return html`<h1>Сведения о плане</h1>
${problemList(page.problems)}
<form method="post" action="${ctx.base}/admin/data/plan/meta" class="plan-meta-form">${hidden(page.base)}
${LABELS.map((l) => row(form, fields, l))}
<h2>Сроки, выпавшие на выходной</h2>
<p>Срок «до …» (правило «дата»), выпавший на выходной или праздник, в календаре:</p>
<p>${labelFor('onDayOff', 'Срок «до …» на выходном')} ${selectField('onDayOff', policy, 'Срок «до …» на выходном', policies, fields)}</p>
<p>Дата, с которой что-то становится доступно («Доступно с 1 апреля»), не переносится никогда: событие говорит, что день выходной.</p>
<h2>Контакты отдела образования</h2>
<p>Показываются на каждой странице; пустое поле не показывается.</p>
${CONTACT.map((l) => row(form, fields, l))}
<h2>Задаётся публикацией</h2>
<dl class="fixed">
<dt>Версия данных</dt><dd><code>${fixed.version}</code> — повышается при каждой публикации</dd>
<dt>Время последнего изменения</dt><dd><code>${fixed.updated}</code> — ставится при публикации</dd>
<dt>Часовой пояс</dt><dd><code>${fixed.timeZone}</code></dd>
<dt>Пометка «Изменено…»</dt><dd>в течение ${fixed.noteDays} ${plural(fixed.noteDays, 'дня', 'дней', 'дней')} после публикации изменённое событие говорит, что и когда в нём изменилось (поле <code>noteDays</code> файла <code>data/changes.json</code>)</dd>
</dl>
<p><button type="submit">Сохранить в черновик</button> <a href="${ctx.base}/admin/data">К данным</a> · <a href="${ctx.base}/admin/data/plan">План целиком как JSON</a></p></form>`;
}
