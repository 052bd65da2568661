/** `/organizations/:id`: one organization's subscribe block, upcoming deadlines, standing duties and school-year dates. */
import type { IsoDate, StandingDuty } from '../../../domain/model.js';
import type { DateRange, FinalAttestationPeriod, Organization, TermSystemId } from '../../../domain/schema.js';
import { ORGANIZATION_TYPE_IDS } from '../../../domain/schema.js';
import { MONTHS_NOMINATIVE, ORGANIZATION_TYPES, TERM_SYSTEMS } from '../../../domain/vocabulary.js';
import type { FeedOptions } from '../../feed-options.js';
import { deadlinesList, standingList, type DeadlinesView } from '../components/deadlines.js';
import { embedSnippet } from '../components/embed-snippet.js';
import { optionsForm } from '../components/options-form.js';
import { subscribeBlock, type SubscribeView } from '../components/subscribe.js';
import { formatDate, formatRange } from '../format.js';
import { layout, type PageContext } from '../layout.js';
import { html, join, type Html } from '../template.js';

/** One school year as it applies to the organization. */
export interface SchoolYearView {
  readonly id: string;
  /** Undefined when the data has no calendar for it. */
  readonly calendar?: {
    readonly source: 'own' | 'municipal';
    readonly termSystem: TermSystemId;
    readonly provisional: boolean;
    readonly terms: readonly DateRange[];
    readonly holidays: readonly DateRange[];
  };
  /** Shown for schools only (the state final attestation ends their year). */
  readonly finalAttestation?: readonly FinalAttestationPeriod[];
}

export interface OrganizationView {
  readonly organization: Organization;
  readonly options: FeedOptions;
  readonly today: IsoDate;
  readonly to: IsoDate;
  readonly subscribe: SubscribeView;
  readonly deadlines: DeadlinesView;
  readonly standing: readonly StandingDuty[];
  readonly schoolYears: readonly SchoolYearView[];
  readonly itemTitles: ReadonlyMap<number, string>;
  readonly embedUrl: string;
  readonly widgetTitle: string;
  /** The municipal default term system of the organization's first type. */
  readonly defaultTermSystem: TermSystemId;
}

const provisionalBadge = html` <span class="badge provisional">предварительно</span>`;

function range(r: DateRange | FinalAttestationPeriod): Html {
  const when = 'start' in r ? formatRange(r.start, r.end) : `окончание ${formatDate(r.end)}`;
  const grades = 'grades' in r && r.grades ? html` <span class="hint">(только для ${r.grades.join(', ')}-х классов)</span>` : '';
  return html`<li><span class="range-name">${r.name}:</span> ${when}${grades}${r.provisional ? provisionalBadge : ''}</li>`;
}

function schoolYear(y: SchoolYearView): Html {
  const heading = html`<h3>${y.id.replace('-', '/')} учебный год</h3>`;
  if (!y.calendar) {
    return html`${heading}<p>График на этот учебный год ещё не внесён: сроки, зависящие от него, появятся в календаре позже.</p>`;
  }
  const c = y.calendar;
  const source = c.source === 'own' ? 'собственный календарный учебный график организации' : `муниципальный график, ${TERM_SYSTEMS[c.termSystem]}`;
  const attestation =
    y.finalAttestation && y.finalAttestation.length > 0
      ? html`<h4>Итоговая аттестация</h4><ul class="ranges">${y.finalAttestation.map(range)}</ul>`
      : '';
  return html`${heading}
<p>${source}${c.provisional ? provisionalBadge : ''}</p>
<div class="year-grid">
<div><h4>Учебные периоды</h4><ul class="ranges">${c.terms.map(range)}</ul></div>
<div><h4>Каникулы</h4>${c.holidays.length > 0 ? html`<ul class="ranges">${c.holidays.map(range)}</ul>` : html`<p>Не указаны.</p>`}</div>
${attestation ? html`<div>${attestation}</div>` : ''}
</div>`;
}

function settings(view: OrganizationView): Html {
  const o = view.organization;
  const s = o.settings;
  const types = join(
    ORGANIZATION_TYPE_IDS.filter((t) => o.types.includes(t)).map((t) => ORGANIZATION_TYPES[t].name),
    '; ',
  );
  const termSystem = s?.termSystem
    ? TERM_SYSTEMS[s.termSystem]
    : `${TERM_SYSTEMS[view.defaultTermSystem]} (по умолчанию)`;
  const choices = Object.entries(s?.monthChoices ?? {})
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([item, month]) => html`<li>п. ${item}. ${view.itemTitles.get(Number(item)) ?? ''}: ${MONTHS_NOMINATIVE[month - 1] ?? ''}</li>`);
  return html`<dl class="facts">
<dt>Тип</dt><dd>${types}</dd>
<dt>Учебные периоды</dt><dd>${termSystem}${s?.schoolYears ? html`; собственный график на ${join(Object.keys(s.schoolYears).sort(), ', ')}` : ''}</dd>
<dt>Учебная неделя</dt><dd>${s?.weekDays === 6 ? 'шестидневная' : 'пятидневная'}</dd>
${choices.length > 0 ? html`<dt>Выбранные месяцы</dt><dd><ul class="plain">${choices}</ul></dd>` : ''}
</dl>`;
}

export function organizationPage(ctx: PageContext, view: OrganizationView): Html {
  const o = view.organization;
  const body = html`<p class="breadcrumbs"><a href="${ctx.base}/organizations">Организации</a></p>
<h1>${o.shortName}</h1>
<p class="lead">${o.name}</p>
${settings(view)}
<section class="card" aria-labelledby="h-subscribe">
<h2 id="h-subscribe">Календарь организации</h2>
${optionsForm(view.options)}
${subscribeBlock(view.subscribe)}
${embedSnippet('org', view.embedUrl, view.widgetTitle)}
</section>
<section aria-labelledby="h-upcoming">
<h2 id="h-upcoming">Ближайшие сроки</h2>
<p class="hint">С ${formatDate(view.today)} по ${formatDate(view.to)}</p>
<div data-live="deadlines-org" id="deadlines-org">${deadlinesList(view.deadlines)}</div>
</section>
<section aria-labelledby="h-standing">
<h2 id="h-standing">Постоянные обязанности</h2>
<p class="hint">У них нет даты: их выполняют по мере необходимости или в течение нескольких дней после изменений. В календаре они перечислены в описании.</p>
${standingList(view.standing, view.deadlines)}
</section>
<section aria-labelledby="h-years">
<h2 id="h-years">Учебный год</h2>
${view.schoolYears.length > 0 ? view.schoolYears.map(schoolYear) : html`<p>Нет данных об учебных годах.</p>`}
</section>`;
  return layout(ctx, { title: `${o.shortName} — календарь сроков ГИС ЭО`, section: 'organizations', body });
}
