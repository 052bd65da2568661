/** `/`: find your organization first; the type calendars in a section of their own. */
import type { Occurrence } from '../../../domain/model.js';
import type { OrganizationTypeId, Registry } from '../../../domain/schema.js';
import { ORGANIZATION_TYPES } from '../../../domain/vocabulary.js';
import { deadlineList, type ItemLinks } from '../components/deadlines.js';
import { searchBox } from '../components/search-box.js';
import { capitalize, count } from '../format.js';
import { layout, type PageContext } from '../layout.js';
import { html, type Html } from '../template.js';

export interface TypeCardView {
  readonly type: OrganizationTypeId;
  readonly organizationCount: number;
  readonly next?: Occurrence;
}

export interface HomeView {
  readonly registry: Registry;
  readonly links: ItemLinks;
  readonly cards: readonly TypeCardView[];
}

function card(ctx: PageContext, view: HomeView, c: TypeCardView): Html {
  const { name: fullName, shortName } = ORGANIZATION_TYPES[c.type];
  return html`<section class="card type-card" id="type-${c.type}" aria-labelledby="h-${c.type}">
<h3 id="h-${c.type}">${capitalize(shortName)}</h3>
<p class="hint">${fullName === shortName ? '' : `${capitalize(fullName)}. `}В реестре ${count(c.organizationCount, 'организация', 'организации', 'организаций')}.</p>
<p class="next-title">Следующий срок:</p>
${deadlineList(view.links, c.next ? [c.next] : [], 'До конца учебного года сроков нет.')}
<p><a class="button" href="${ctx.base}/types/${c.type}">Все сроки и подписка →</a></p>
</section>`;
}

export function homePage(ctx: PageContext, view: HomeView): Html {
  const body = html`<section class="find" aria-labelledby="h-find">
<h1 id="h-find">Найдите свою организацию</h1>
<p class="lead">Сроки плана по ведению ГИС «Электронное образование» — в календаре вашего телефона или компьютера. Подписка обновляется сама.</p>
${searchBox({ id: 'q', base: ctx.base, organizations: view.registry.organizations })}
<p class="last-org" data-last-org hidden></p>
<p><a href="${ctx.base}/organizations">Все организации списком</a></p>
</section>
<section class="type-calendars" aria-labelledby="h-types">
<h2 id="h-types">Календари по типам организаций</h2>
<p>Для тех, кого нет в реестре, и для методистов. Школе с дошкольными группами нужен не календарь типа, а календарь своей организации: он объединяет сроки обоих типов и учитывает её учебный график.</p>
<div class="cards">${view.cards.map((c) => card(ctx, view, c))}</div>
<p>Все пункты плана и календарь всего плана — на странице <a href="${ctx.base}/plan">«План»</a>.</p>
</section>`;
  return layout(ctx, {
    title: 'Календарь сроков ГИС ЭО — найдите свою организацию',
    description: 'Подписка на сроки типового плана работы образовательных организаций по ведению ГИС «Электронное образование»: iPhone, Android, Яндекс Календарь, Outlook.',
    section: 'home',
    body,
    changesFeed: { path: '/changes.atom', title: `Изменения календарей: ${ctx.siteTitle}` },
  });
}
