/** The editor's registry pages: the draft's organizations, one organization's form, the removal confirmation. */
import type { PageContext } from '../../render/html/layout.js';
import { html, type Html } from '../../render/html/template.js';
import { ORGANIZATION_TYPES } from '../../domain/vocabulary.js';
import { ORGANIZATION_TYPE_IDS } from '../../domain/schema.js';
import type { DraftProblem } from '../editor/problems.js';
import type { OrganizationEntry, OrganizationForm } from '../editor/registry-form.js';
import { field, hidden, problemList, type FieldProblems, type FormBase } from './data.js';

const typeNames = (types: readonly string[]) => types.map((t) => ORGANIZATION_TYPES[t as keyof typeof ORGANIZATION_TYPES]?.shortName ?? t).join(', ');

export function registryBody(ctx: PageContext, organizations: readonly OrganizationEntry[], problems: readonly DraftProblem[], notice?: string): Html {
  const base = `${ctx.base}/admin/data/registry`;
  return html`<h1>Реестр организаций</h1>
${notice ? html`<p class="notice">${notice}</p>` : ''}
${problemList(problems)}
<p class="lead">Организаций в черновике — ${organizations.length}. Правки попадают в черновик; исключённая организация после публикации отвечает «410 Gone» со ссылкой на список, а прежний идентификатор переадресует на новый.</p>
<p><a href="${base}/new">Добавить организацию</a></p>
<table><thead><tr><th>Идентификатор</th><th>Краткое наименование</th><th>Типы</th></tr></thead><tbody>${organizations.map(
    (o) => html`<tr><td><a href="${base}/${o.id}"><code>${o.id}</code></a>${o.previousIds.length > 0 ? html` (прежде: ${o.previousIds.join(', ')})` : ''}</td><td>${o.shortName}</td><td>${typeNames(o.types)}</td></tr>`,
  )}</tbody></table>
<p><a href="${ctx.base}/admin/data/organizations">Реестр целиком как JSON</a> · <a href="${ctx.base}/admin/data">К данным</a></p>`;
}

export function organizationBody(ctx: PageContext, form: OrganizationForm, originalId: string | undefined, base: FormBase, problems: readonly DraftProblem[], fields: FieldProblems): Html {
  const action = `${ctx.base}/admin/data/registry/${originalId ?? 'new'}`;
  const typesProblem = fields.get('types');
  return html`<h1>${originalId ? form.shortName || originalId : 'Новая организация'}</h1>
${problemList(problems)}
<form method="post" action="${action}" class="organization-form">${hidden(base)}
<p><label for="f-id">Идентификатор (часть адреса ленты)</label> ${field('id', form.id, 'Идентификатор', fields, 'text', 'sosh-5')}${originalId ? html`<br><small>Если изменить, прежний адрес будет переадресовывать на новый.</small>` : ''}</p>
<p><label for="f-name">Полное наименование</label> ${field('name', form.name, 'Полное наименование', fields)}</p>
<p><label for="f-shortName">Краткое наименование</label> ${field('shortName', form.shortName, 'Краткое наименование', fields)}</p>
<fieldset${typesProblem ? html` aria-invalid="true" aria-describedby="f-types-error"` : ''}><legend>Типы организации</legend>
${ORGANIZATION_TYPE_IDS.map((t) => html`<label><input type="checkbox" name="type.${t}"${form.types.includes(t) ? ' checked' : ''}> ${ORGANIZATION_TYPES[t].name}</label><br>`)}
${typesProblem ? html`<span class="error" id="f-types-error">${typesProblem}</span>` : ''}</fieldset>
<p><button type="submit">Сохранить в черновик</button> <a href="${ctx.base}/admin/data/registry">К реестру</a></p></form>
${originalId ? html`<form method="get" action="${action}/remove"><button type="submit">Исключить из реестра…</button></form>` : ''}`;
}

export function removalBody(ctx: PageContext, organization: OrganizationEntry, base: FormBase): Html {
  const action = `${ctx.base}/admin/data/registry/${organization.id}/remove`;
  return html`<h1>Исключить из реестра: ${organization.shortName}?</h1>
<p class="lead">После публикации лента, страница и JSON организации <code>${organization.id}</code> будут отвечать «410 Gone» с объяснением и ссылкой на список организаций; календари подписчиков перестанут обновляться. Пока черновик не опубликован, исключение можно отменить, удалив черновик.</p>
<form method="post" action="${action}">${hidden(base)}<button type="submit">Исключить в черновике</button> <a href="${ctx.base}/admin/data/registry/${organization.id}">Отмена</a></form>`;
}
