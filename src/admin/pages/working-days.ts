/** The editor's page for marking a year's transfers by hand. */
import type { PageContext } from '../../render/html/layout.js';
import { html, type Html } from '../../render/html/template.js';
import { DAY_TYPES, type DayRow } from '../editor/working-days-form.js';
import { field, type FieldProblems } from './data.js';

function typeSelect(i: number, value: string, problems: FieldProblems): Html {
  const problem = problems.get(`days.${i}.type`);
  const id = `f-days-${i}-type`;
  return html`<select id="${id}" name="days.${i}.type" aria-label="Каким стал день"${problem ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''}>${Object.entries(DAY_TYPES).map(([type, name]) => html`<option value="${type}"${type === value ? ' selected' : ''}>${name}</option>`)}</select>${problem ? html`<span class="error" id="${id}-error">${problem}</span>` : ''}`;
}

export interface WorkingDaysPage {
  readonly year: number;
  readonly rows: readonly DayRow[];
  /** What the published year is now: absent, provisional (not verified) or verified. */
  readonly status: 'none' | 'provisional' | 'verified';
  readonly csrf: string;
  readonly comment: string;
}

export function workingDaysBody(ctx: PageContext, page: WorkingDaysPage, problems: FieldProblems): Html {
  const status = { none: 'Производственного календаря на этот год ещё нет.', provisional: 'Опубликованный календарь этого года — предварительный (не сверен с постановлением Правительства).', verified: 'Опубликованный календарь этого года сверен с постановлением Правительства.' }[page.status];
  const rows = [...page.rows, ...Array.from({ length: 5 }, () => ({ date: '', type: 'nonWorking', holiday: '', movedFrom: '' }))];
  return html`<h1>Производственный календарь ${page.year} года</h1>
<p class="lead">${status} Здесь можно отметить переносы вручную — вместо загрузки файла xmlcalendar (<code>PUT /admin/api/working-days/${page.year}</code>). Сохранение сразу публикует календарь как сверенный с постановлением Правительства: пометка «предварительно» снимается, сроки, выпавшие на выходные, пересчитываются.</p>
${problems.size > 0 ? html`<div class="problems" role="alert"><p>Ошибок — ${problems.size}; ничего не опубликовано. Исправьте отмеченные поля.</p></div>` : ''}
<form method="post" action="${ctx.base}/admin/data/working-days/${page.year}"><input type="hidden" name="_csrf" value="${page.csrf}">
<table><thead><tr><th>Дата</th><th>Каким стал день</th><th>Праздник или причина</th><th>Перенесён с</th></tr></thead><tbody>${rows.map(
    (r, i) => html`<tr><td>${field(`days.${i}.date`, r.date, 'Дата', problems, 'date')}</td><td>${typeSelect(i, r.type, problems)}</td><td>${field(`days.${i}.holiday`, r.holiday, 'Праздник или причина', problems)}</td><td>${field(`days.${i}.movedFrom`, r.movedFrom, 'Перенесён с', problems, 'date')}</td></tr>`,
  )}</tbody></table>
<p>Чтобы снять отметку, очистите дату строки. Обычные субботы и воскресенья отмечать не нужно.</p>
<p><label>Комментарий к публикации <input name="comment" required maxlength="1000" size="60" value="${page.comment}"></label></p>
<p><button type="submit">Опубликовать календарь</button> <a href="${ctx.base}/admin/data">К данным</a></p></form>`;
}
