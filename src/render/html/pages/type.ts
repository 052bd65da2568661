/** `/types/:type`: the calendar of one organization type, for those not in the registry and for methodologists. */
import type { OrganizationTypeId } from '../../../domain/schema.js';
import { ORGANIZATION_TYPES } from '../../../domain/vocabulary.js';
import { subscribeSection, type CalendarSectionView } from '../components/calendar-section.js';
import { capitalize, quoted } from '../format.js';
import { layout, type PageContext } from '../layout.js';
import { html, type Html } from '../template.js';

export interface TypePageView extends CalendarSectionView {
  readonly type: OrganizationTypeId;
}

export function typePage(ctx: PageContext, view: TypePageView): Html {
  const { name, shortName } = ORGANIZATION_TYPES[view.type];
  const body = html`<p class="breadcrumbs"><a href="${ctx.base}/">Главная</a></p>
<h1>${capitalize(shortName)}</h1>
<p class="lead">Календарь сроков плана для всех организаций типа ${quoted(name)}. Если ваша организация есть в <a href="${ctx.base}/organizations">реестре</a>, подпишитесь лучше на её календарь: он учитывает её учебный график, выбор месяцев и все её типы.</p>
${subscribeSection(view)}`;
  return layout(ctx, { title: `${capitalize(shortName)} — календарь сроков ГИС ЭО`, section: 'home', body });
}
