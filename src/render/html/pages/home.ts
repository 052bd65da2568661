/** `/`: the plan, its source order, and one subscribe card per organization type. */
import type { FeedOptions } from '../../feed-options.js';
import type { IsoDate } from '../../../domain/model.js';
import type { OrganizationTypeId, PlanMeta } from '../../../domain/schema.js';
import { ORGANIZATION_TYPES } from '../../../domain/vocabulary.js';
import { deadlinesList, type DeadlinesView } from '../components/deadlines.js';
import { embedSnippet } from '../components/embed-snippet.js';
import { optionsForm } from '../components/options-form.js';
import { subscribeBlock, type SubscribeView } from '../components/subscribe.js';
import { capitalize, formatDate } from '../format.js';
import { layout, type PageContext } from '../layout.js';
import { html, type Html } from '../template.js';
import { orderLine } from './plan.js';

export interface TypeCardView {
  readonly type: OrganizationTypeId;
  readonly organizationCount: number;
  readonly subscribe: SubscribeView;
  readonly deadlines: DeadlinesView;
  readonly embedUrl: string;
  readonly widgetTitle: string;
}

export interface HomeView {
  readonly meta: PlanMeta;
  readonly options: FeedOptions;
  readonly today: IsoDate;
  readonly to: IsoDate;
  readonly cards: readonly TypeCardView[];
}

function card(ctx: PageContext, view: HomeView, c: TypeCardView): Html {
  const { name: fullName, shortName } = ORGANIZATION_TYPES[c.type];
  return html`<section class="card" id="type-${c.type}" aria-labelledby="h-${c.type}">
<h2 id="h-${c.type}">${capitalize(shortName)}</h2>
<p class="hint">${fullName === shortName ? '' : `${fullName} · `}в реестре: ${c.organizationCount} · <a href="${ctx.base}/organizations#group-${c.type}">календарь своей организации</a></p>
${subscribeBlock(c.subscribe)}
<h3>Ближайшие сроки</h3>
<p class="hint">С ${formatDate(view.today)} по ${formatDate(view.to)}</p>
<div data-live="deadlines-${c.type}" id="deadlines-${c.type}">${deadlinesList(c.deadlines)}</div>
${embedSnippet(c.type, c.embedUrl, c.widgetTitle)}
</section>`;
}

export function homePage(ctx: PageContext, view: HomeView): Html {
  const body = html`<section class="intro">
<h1>Календарь сроков плана по ведению ГИС «Электронное образование»</h1>
<p class="lead">Подпишитесь на календарь своего типа организаций: сроки плана появятся в Outlook, Google или Apple Календаре и будут обновляться сами.</p>
<nav class="jump" aria-label="Типы организаций"><ul>${view.cards.map(
    (c) => html`<li><a href="#type-${c.type}">${capitalize(ORGANIZATION_TYPES[c.type].shortName)}</a></li>`,
  )}<li><a href="${ctx.base}/organizations">Моя организация</a></li></ul></nav>
<p class="hint">${view.meta.title}. Утверждён приказом от ${formatDate(view.meta.order.date)} № ${view.meta.order.number}.</p>
<details class="note"><summary>О приказе</summary>${orderLine(view.meta)}<p>${view.meta.order.note}</p></details>
<p>Календарь конкретной организации учитывает её учебный график — найдите её на странице <a href="${ctx.base}/organizations">«Организации»</a>. Все пункты плана — в <a href="${ctx.base}/plan">таблице</a>.</p>
</section>
${optionsForm(view.options)}
<div class="cards">
${view.cards.map((c) => card(ctx, view, c))}
</div>`;
  return layout(ctx, {
    title: `Календарь сроков ГИС ЭО — ${view.meta.shortTitle}`,
    description: 'Подписка на сроки типового плана работы образовательных организаций по ведению ГИС «Электронное образование»: Outlook, Google, Apple Календарь.',
    section: 'home',
    body,
  });
}
