/** The editor's plan-item pages: the items with their types, a new item, and the confirmation naming the feeds affected. */
import type { PageContext } from '../../render/html/layout.js';
import { html, type Html } from '../../render/html/template.js';
import { plural } from '../../render/html/format.js';
import { ORGANIZATION_TYPES } from '../../domain/vocabulary.js';
import type { OrganizationTypeId } from '../../domain/schema.js';
import type { DraftProblem } from '../editor/problems.js';
import type { AffectedFeeds, PlanItemEntry } from '../editor/plan-items.js';
import { hidden, problemList, verbatim, type FormBase } from './data.js';

const typeNames = (types: readonly OrganizationTypeId[]) => types.map((t) => ORGANIZATION_TYPES[t].shortName).join(', ');

/** Every feed the item reaches, by name: the subscriber's view of adding or removing it. */
export function feedList(feeds: AffectedFeeds): Html {
  const organizations = `${feeds.organizations} ${plural(feeds.organizations, 'лента организации', 'ленты организаций', 'лент организаций')}`;
  return html`<ul class="affected-feeds"><li>лента всего плана</li>${feeds.types.map((t) => html`<li>лента типа «${ORGANIZATION_TYPES[t].shortName}»</li>`)}<li>${organizations} (по реестру черновика)</li></ul>`;
}

export function planItemsBody(ctx: PageContext, items: readonly PlanItemEntry[], template: string, base: FormBase, problems: readonly DraftProblem[], notice?: string, error?: string): Html {
  const url = `${ctx.base}/admin/data/plan/items`;
  return html`<h1>Пункты плана</h1>
${notice ? html`<p class="notice">${notice}</p>` : ''}
${problemList(problems)}
<p class="lead">Пунктов в черновике — ${items.length}. Добавленный или удалённый пункт появится или исчезнет во всех лентах своих типов: перед сохранением в черновик редактор назовёт эти ленты. Чтобы изменить пункт, откройте его по номеру; <a href="${ctx.base}/admin/data/plan">план целиком</a> можно править и как JSON.</p>
<table><thead><tr><th>Пункт</th><th>Название</th><th>Типы организаций</th><th></th></tr></thead><tbody>${items.map(
    (i) => html`<tr><td><a href="${url}/${i.number}">п. ${i.number}</a></td><td>${i.title}</td><td>${typeNames(i.types)}</td><td><a href="${url}/${i.number}/remove">Удалить…</a></td></tr>`,
  )}</tbody></table>
<h2>Новый пункт</h2>
<form method="post" action="${url}/new">${hidden(base)}
<p><label for="item">Пункт в формате plan.json</label>${error ? html` <strong class="error" id="item-error">${error}</strong>` : ''}</p>
<textarea id="item" name="item" rows="16" cols="100" spellcheck="false"${error ? html` aria-invalid="true" aria-describedby="item-error"` : ''}>${verbatim(template)}</textarea>
<p><button type="submit">Проверить, какие ленты затронет…</button> <a href="${ctx.base}/admin/data">К данным</a></p></form>`;
}

export function itemConfirmBody(ctx: PageContext, intent: 'add' | 'remove', item: PlanItemEntry, feeds: AffectedFeeds, base: FormBase, itemJson?: string): Html {
  const url = `${ctx.base}/admin/data/plan/items`;
  const action = intent === 'add' ? `${url}/new` : `${url}/${item.number}/remove`;
  const what = intent === 'add' ? 'появятся' : 'исчезнут';
  return html`<h1>${intent === 'add' ? 'Добавить' : 'Удалить'} п. ${item.number}${item.title ? html` — ${item.title}` : ''}?</h1>
<p class="lead">После публикации события этого пункта ${what} в лентах:</p>
${feedList(feeds)}
${feeds.types.length === 0 ? html`<p class="error">У пункта не указаны типы организаций: он не попадёт ни в одну ленту типа или организации.</p>` : ''}
<form method="post" action="${action}">${hidden(base)}<input type="hidden" name="confirmed" value="yes">${itemJson === undefined ? '' : html`<input type="hidden" name="item" value="${verbatim(itemJson)}">`}
<p><button type="submit">${intent === 'add' ? 'Добавить в черновик' : 'Удалить в черновике'}</button> <a href="${url}">Отмена</a></p></form>`;
}
