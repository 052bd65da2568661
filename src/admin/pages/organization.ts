/** `/admin/organizations/{id}`: the settings form, the preview of their effect, the conflict page. */
import { formatDate, formatRange } from '../../render/html/format.js';
import type { PageContext } from '../../render/html/layout.js';
import { html, type Html } from '../../render/html/template.js';
import type { Organization, OrganizationSettings } from '../../domain/schema.js';
import type { Preview, PreviewRow } from '../settings/preview.js';
import { settingsForm, type SettingsFormView } from './settings-form.js';

function dates(d: PreviewRow['before']): string {
  return d === undefined ? '—' : d.start === d.end ? formatDate(d.start) : formatRange(d.start, d.end);
}

function previewSection(preview: Preview): Html {
  const changed = preview.rows.filter((r) => r.changed).length;
  const rows = preview.rows.map(
    (r) => html`<tr${r.changed ? html` class="changed" data-changed="true"` : ''}><td>${r.item}</td><td>${r.title}${r.label ? html`<br><small>${r.label}</small>` : ''}</td><td>${dates(r.before)}</td><td>${r.changed ? html`<mark>${dates(r.after)}</mark>` : dates(r.after)}</td></tr>`,
  );
  const daily = preview.daily.map(
    (d) => html`<li${d.before !== d.after ? html` data-changed="true"` : ''}>П. ${d.item}. ${d.title}: ${d.before} → ${d.before !== d.after ? html`<mark>${d.after}</mark>` : d.after} дн.</li>`,
  );
  return html`<section class="preview" id="preview" aria-labelledby="preview-title">
<h2 id="preview-title">Календарь на ${preview.year.replace('-', '/')} учебный год после сохранения</h2>
<p>${changed === 0 ? 'Даты сроков не изменятся.' : html`Изменятся сроки: <strong>${changed}</strong> (выделены).`} Пока вы не нажали «Сохранить», ничего не изменено.</p>
<table><thead><tr><th scope="col">П.</th><th scope="col">Срок</th><th scope="col">Сейчас</th><th scope="col">После сохранения</th></tr></thead><tbody>${rows}</tbody></table>
${daily.length > 0 ? html`<h3>Ежедневные обязанности: дней в году</h3><ul>${daily}</ul>` : ''}
</section>`;
}

export interface OrganizationEditView {
  readonly organization: Organization;
  readonly form: SettingsFormView;
  readonly preview?: Preview;
  readonly saved?: boolean;
}

export function organizationEditBody(ctx: PageContext, view: OrganizationEditView): Html {
  const o = view.organization;
  return html`<h1>${o.shortName}: настройки календаря</h1>
<p class="lead">${o.name}</p>
${view.saved ? html`<p class="saved" role="status"><strong>Сохранено.</strong> Календарь организации, её страница и данные API уже обновлены: <a href="${ctx.base}/organizations/${o.id}">страница организации</a>.</p>` : ''}
${view.preview ? previewSection(view.preview) : ''}
${settingsForm(ctx, view.form)}`;
}

/** A save that started from settings someone else has changed since: what they are now, and the way back. */
export function conflictBody(ctx: PageContext, organization: Organization, current: OrganizationSettings | undefined, yours: unknown): Html {
  const show = (value: unknown) => JSON.stringify(value ?? {}, null, 2);
  return html`<h1>Настройки уже изменили</h1>
<p class="lead">Пока вы редактировали, настройки ${organization.shortName} сохранил кто-то другой. Чтобы не затереть его изменения, ваши не сохранены.</p>
<h2>Сейчас сохранено</h2><pre class="conflict-current">${show(current)}</pre>
<h2>Вы пытались сохранить</h2><pre>${show(yours)}</pre>
<p><a href="${ctx.base}/admin/organizations/${organization.id}">Открыть текущие настройки</a> и внести свои изменения заново.</p>`;
}
