/** The editor's page of one year's production calendar: upload an xmlcalendar file, or mark transfers by hand. */
import type { PageContext } from '../../render/html/layout.js';
import { html, type Html } from '../../render/html/template.js';
import { DAY_TYPES, type DayRow } from '../editor/working-days-form.js';
import { CALENDAR_BYTES } from '../editor/working-days-upload.js';
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
  /** Why the uploaded file was refused, shown at the upload form. */
  readonly uploadError?: string;
  /** What an upload just published, shown at the top. */
  readonly uploaded?: UploadedNotice;
}

export interface UploadedNotice {
  readonly revision: number;
  readonly holidays: number;
  readonly transfers: number;
  readonly shortened: number;
}

function uploadedNotice(ctx: PageContext, year: number, n: UploadedNotice): Html {
  return html`<div class="notice" role="status"><p>Опубликована редакция ${n.revision}: производственный календарь ${year} года загружен из файла xmlcalendar — праздничных дней ${n.holidays}, переносов выходных ${n.transfers}, сокращённых предпраздничных дней ${n.shortened}. Календарь сверен с постановлением Правительства: пометка «предварительно» снята, сроки, выпавшие на выходные, пересчитаны, календари подписчиков уже обновлены.</p><p><a href="${ctx.base}/admin/history#revision-${n.revision}">История публикаций</a></p></div>`;
}

function uploadForm(ctx: PageContext, page: WorkingDaysPage): Html {
  const error = page.uploadError;
  return html`<h2>Загрузить файл xmlcalendar</h2>
<p>Файл производственного календаря в формате xmlcalendar (как его публикует xmlcalendar.ru): XML в кодировке UTF-8, не больше ${CALENDAR_BYTES / 1024 / 1024} МБ. Загрузка сразу публикует его как календарь ${page.year} года, сверенный с постановлением Правительства, вместо прежнего.</p>
${error ? html`<div class="problems" role="alert"><p id="upload-error">${error}</p></div>` : ''}
<form method="post" action="${ctx.base}/admin/data/working-days/${page.year}/upload" enctype="multipart/form-data"><input type="hidden" name="_csrf" value="${page.csrf}">
<p><label>Файл календаря <input type="file" name="file" accept=".xml,application/xml,text/xml" required${error ? html` aria-invalid="true" aria-describedby="upload-error"` : ''}></label> <button type="submit">Загрузить и опубликовать</button></p></form>`;
}

export function workingDaysBody(ctx: PageContext, page: WorkingDaysPage, problems: FieldProblems): Html {
  const status = { none: 'Производственного календаря на этот год ещё нет.', provisional: 'Опубликованный календарь этого года — предварительный (не сверен с постановлением Правительства).', verified: 'Опубликованный календарь этого года сверен с постановлением Правительства.' }[page.status];
  const rows = [...page.rows, ...Array.from({ length: 5 }, () => ({ date: '', type: 'nonWorking', holiday: '', movedFrom: '' }))];
  return html`<h1>Производственный календарь ${page.year} года</h1>
${page.uploaded ? uploadedNotice(ctx, page.year, page.uploaded) : ''}
<p class="lead">${status} Загрузите файл xmlcalendar или отметьте переносы вручную. И то и другое сразу публикует календарь как сверенный с постановлением Правительства: пометка «предварительно» снимается, сроки, выпавшие на выходные, пересчитываются.</p>
${uploadForm(ctx, page)}
<h2>Отметить переносы вручную</h2>
${problems.size > 0 ? html`<div class="problems" role="alert"><p>Ошибок — ${problems.size}; ничего не опубликовано. Исправьте отмеченные поля.</p></div>` : ''}
<form method="post" action="${ctx.base}/admin/data/working-days/${page.year}"><input type="hidden" name="_csrf" value="${page.csrf}">
<table class="stack"><thead><tr><th>Дата</th><th>Каким стал день</th><th>Праздник или причина</th><th>Перенесён с</th></tr></thead><tbody>${rows.map(
    (r, i) => html`<tr><td data-label="Дата">${field(`days.${i}.date`, r.date, 'Дата', problems, 'date')}</td><td data-label="Каким стал день">${typeSelect(i, r.type, problems)}</td><td data-label="Праздник или причина">${field(`days.${i}.holiday`, r.holiday, 'Праздник или причина', problems)}</td><td data-label="Перенесён с">${field(`days.${i}.movedFrom`, r.movedFrom, 'Перенесён с', problems, 'date')}</td></tr>`,
  )}</tbody></table>
<p>Чтобы снять отметку, очистите дату строки. Обычные субботы и воскресенья отмечать не нужно.</p>
<p><label>Комментарий к публикации <input name="comment" required maxlength="1000" size="60" value="${page.comment}"></label></p>
<p><button type="submit">Опубликовать календарь</button> <a href="${ctx.base}/admin/data">К данным</a></p></form>`;
}
