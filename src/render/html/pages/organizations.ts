/** `/organizations`: the registry grouped by type, with a search that works as a plain form and filters instantly with the script. */
import type { Registry } from '../../../domain/schema.js';
import { ORGANIZATION_TYPE_IDS } from '../../../domain/schema.js';
import { ORGANIZATION_TYPES } from '../../../domain/vocabulary.js';
import { capitalize, count, formatDate } from '../format.js';
import { layout, type PageContext } from '../layout.js';
import { searchBox } from '../components/search-box.js';
import { matchesSearch, searchTextOf } from '../search.js';
import { html, type Html } from '../template.js';

export interface OrganizationsView {
  readonly registry: Registry;
  /** The search query ('' for none). */
  readonly query: string;
}

export function countText(n: number): string {
  return n === 0 ? 'Ничего не найдено' : `Найдено: ${count(n, 'организация', 'организации', 'организаций')}`;
}

export function organizationsPage(ctx: PageContext, view: OrganizationsView): Html {
  const { registry, query } = view;
  const found = new Set(
    registry.organizations.filter((o) => matchesSearch(searchTextOf(o), query)).map((o) => o.id),
  );
  const groups = ORGANIZATION_TYPE_IDS.map((type) => {
    const members = registry.organizations.filter((o) => o.types.includes(type));
    const visible = members.some((o) => found.has(o.id));
    const entries = members.map(
      (o) =>
        html`<li data-search="${searchTextOf(o)}"${found.has(o.id) ? '' : html` hidden`}><a href="${ctx.base}/organizations/${o.id}">${o.shortName}</a><span class="full-name">${o.name}</span></li>`,
    );
    return html`<section class="group" data-group${visible ? '' : html` hidden`} aria-labelledby="group-${type}">
<h2 id="group-${type}">${capitalize(ORGANIZATION_TYPES[type].shortName)}</h2>
<ul class="org-list">${entries}</ul>
</section>`;
  });
  const body = html`<h1>Организации</h1>
<p>Календарь организации учитывает её типы, учебный график и выбор месяцев. Выберите свою организацию.</p>
${searchBox({ id: 'q', base: ctx.base, organizations: registry.organizations, query, label: 'Поиск по названию — полному или сокращённому, можно часть' })}
<p class="search-result" data-search-result>${query === '' ? '' : countText(found.size)}</p>
${groups}
<details class="note"><summary>Об источнике реестра</summary><p>${registry.source.description} (${formatDate(registry.source.date)}).</p></details>`;
  return layout(ctx, { title: 'Организации — календарь сроков ГИС ЭО', section: 'organizations', body });
}
