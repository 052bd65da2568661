/** `/plan`: every item of the plan as a table; rows carry `id="item-<n>"`, the anchors feed descriptions link to. */
import type { Item, OrganizationTypeId, Plan, PlanMeta } from '../../../domain/schema.js';
import { ORGANIZATION_TYPE_IDS } from '../../../domain/schema.js';
import { ORGANIZATION_TYPES, SUBSYSTEMS } from '../../../domain/vocabulary.js';
import { subscribeBlock, type SubscribeView } from '../components/subscribe.js';
import { capitalize, formatDate, quoted } from '../format.js';
import { layout, type PageContext } from '../layout.js';
import { html, join, type Html } from '../template.js';

export interface PlanView {
  readonly plan: Plan;
  /** The whole plan's feed. */
  readonly subscribe: SubscribeView;
  /** Absolute CSV links for spreadsheets: the plan and an example period of occurrences. */
  readonly csv: { readonly plan: string; readonly occurrences: string; readonly organizations: string; readonly docs: string };
}

function spreadsheets(view: PlanView): Html {
  const formula = `=IMPORTDATA("${view.csv.occurrences}"; ";")`;
  return html`<section class="card" aria-labelledby="h-csv">
<h2 id="h-csv">Для таблиц: Excel и Google Таблицы</h2>
<p>Адреса ниже отдаёт сервис календаря (на копии сайта без сервиса их нет). План и сроки за период — в формате CSV (UTF-8, разделитель «;»), столбцы называются так же, как поля JSON API:</p>
<ul>
<li>План: <code class="print-url">${view.csv.plan}</code></li>
<li>Сроки за период: <code class="print-url">${view.csv.occurrences}</code> — параметры те же, что у <code>/api/occurrences</code> (описание API: <code>${view.csv.docs}</code>): <code>from</code>, <code>to</code>, <code>type</code> или <code>organization</code>, <code>items</code>, <code>daily</code>.</li>
<li>Организации со ссылками на их календари: <code class="print-url">${view.csv.organizations}</code></li>
</ul>
<p><strong>Excel:</strong> «Данные» → «Из текстового/CSV-файла» (или просто откройте скачанный файл) — кириллица и столбцы распознаются сами.</p>
<p><strong>Google Таблицы:</strong> в ячейку A1 вставьте формулу — таблица будет обновляться сама:</p>
<p><code class="formula">${formula}</code></p>
</section>`;
}

/** «Источник — приказ от 4 сентября 2019 г. № 143 «…» (issuer).» */
export function orderLine(meta: PlanMeta): Html {
  const order = meta.order;
  return html`<p>Источник — приказ от ${formatDate(order.date)} №&nbsp;${order.number} ${quoted(order.title)} (${meta.issuer}).</p>`;
}

function typeNames(types: readonly OrganizationTypeId[]): Html {
  const sorted = ORGANIZATION_TYPE_IDS.filter((t) => types.includes(t));
  return html`<ul class="plain">${sorted.map((t) => html`<li>${capitalize(ORGANIZATION_TYPES[t].shortName)}</li>`)}</ul>`;
}

function schedules(item: Item): Html {
  if (item.schedules.length === 1) return html`${item.schedules[0]?.wording}`;
  return html`<ul class="plain">${item.schedules.map(
    (s) => html`<li><span class="types">${join(s.organizationTypes.map((t) => capitalize(ORGANIZATION_TYPES[t].shortName)), ', ')}:</span> ${s.wording}</li>`,
  )}</ul>`;
}

function row(item: Item): Html {
  const details = item.details?.length ? html`<ul>${item.details.map((d) => html`<li>${d}</li>`)}</ul>` : '';
  const footnotes = (item.footnotes ?? []).map((f) => html`<p class="footnote"><span class="marker">${f.marker}</span> ${f.text}</p>`);
  const types = new Set(item.schedules.flatMap((s) => s.organizationTypes));
  const subsystems = item.subsystems.length > 0 ? join(item.subsystems.map((s) => SUBSYSTEMS[s].name), ', ') : html`—`;
  return html`<tr id="item-${item.number}">
<th scope="row" data-label="Пункт"><a href="#item-${item.number}">${item.number}</a></th>
<td data-label="Содержание работ"><p class="item-title">${item.title}</p><p>${item.text}</p>${details}${footnotes}</td>
<td data-label="Срок исполнения">${schedules(item)}</td>
<td data-label="Ответственные">${typeNames([...types])}</td>
<td data-label="Подсистема">${subsystems}</td>
</tr>`;
}

export function planPage(ctx: PageContext, view: PlanView): Html {
  const { meta, items } = view.plan;
  const body = html`<h1>${meta.shortTitle}</h1>
<p class="lead">${meta.title}.</p>
${orderLine(meta)}
<p class="note" id="order-number"><strong>О номере приказа.</strong> ${meta.order.note}</p>
<details class="note"><summary>О сносках</summary><p>${meta.footnoteNote}</p></details>
<div class="table-wrap">
<table class="plan">
<caption>Пункты плана (${items.length})</caption>
<thead><tr><th scope="col">№</th><th scope="col">Содержание работ</th><th scope="col">Срок исполнения</th><th scope="col">Ответственные</th><th scope="col">Подсистема</th></tr></thead>
<tbody>
${items.map(row)}
</tbody>
</table>
</div>
<section class="card" aria-labelledby="h-all">
<h2 id="h-all">Весь план одним календарём</h2>
<p class="hint">Все пункты для всех типов организаций — например, для специалиста управления образования.</p>
${subscribeBlock(view.subscribe)}
</section>
${spreadsheets(view)}`;
  return layout(ctx, { title: `План — ${meta.shortTitle}`, description: meta.title, section: 'plan', body });
}
