/** `/organizations/:id`: subscribe to one organization's calendar, see what is due, its school-year dates and settings. */
import type { DateRange, FinalAttestationPeriod, Organization, TermSystemId } from '../../../domain/schema.js';
import { ORGANIZATION_TYPE_IDS } from '../../../domain/schema.js';
import { MONTHS_NOMINATIVE, ORGANIZATION_TYPES, TERM_SYSTEMS } from '../../../domain/vocabulary.js';
import { subscribeSection, type CalendarSectionView } from '../components/calendar-section.js';
import { provisionalMark } from '../components/deadlines.js';
import { formatDate, formatRange, formatSchoolYear } from '../format.js';
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

export interface OrganizationView extends CalendarSectionView {
  readonly organization: Organization;
  /** Empty for preschool-only organizations: terms and holidays are not theirs. */
  readonly schoolYears: readonly SchoolYearView[];
  readonly itemTitles: ReadonlyMap<number, string>;
  /** The municipal default term system of the organization's first type. */
  readonly defaultTermSystem: TermSystemId;
}

function range(r: DateRange | FinalAttestationPeriod): Html {
  const when = 'start' in r ? formatRange(r.start, r.end) : `окончание ${formatDate(r.end)}`;
  const grades = 'grades' in r && r.grades ? html` <span class="hint">(только для ${r.grades.join(', ')}-х классов)</span>` : '';
  return html`<li><span class="range-name">${r.name}:</span> ${when}${r.provisional ? provisionalMark : ''}${grades}</li>`;
}

function schoolYear(y: SchoolYearView): Html {
  const heading = html`<h3>${formatSchoolYear(y.id)} учебный год</h3>`;
  if (!y.calendar) {
    return html`${heading}<p>График на этот учебный год ещё не внесён: сроки, зависящие от него, появятся в календаре позже.</p>`;
  }
  const c = y.calendar;
  const source = c.source === 'own' ? 'собственный календарный учебный график организации' : `муниципальный график, ${TERM_SYSTEMS[c.termSystem]}`;
  const attestation =
    y.finalAttestation && y.finalAttestation.length > 0
      ? html`<div><h4>Итоговая аттестация</h4><ul class="ranges">${y.finalAttestation.map(range)}</ul></div>`
      : '';
  return html`${heading}
<p>${source}${c.provisional ? html` (предварительный${provisionalMark})` : ''}</p>
<div class="year-grid">
<div><h4>Учебные периоды</h4><ul class="ranges">${c.terms.map(range)}</ul></div>
<div><h4>Каникулы</h4>${c.holidays.length > 0 ? html`<ul class="ranges">${c.holidays.map(range)}</ul>` : html`<p>Не указаны.</p>`}</div>
${attestation}
</div>`;
}

function settings(view: OrganizationView): Html {
  const o = view.organization;
  const s = o.settings;
  const types = join(
    ORGANIZATION_TYPE_IDS.filter((t) => o.types.includes(t)).map((t) => ORGANIZATION_TYPES[t].name),
    '; ',
  );
  const schools = o.types.some((t) => t !== 'preschool');
  const termSystem = s?.termSystem ? TERM_SYSTEMS[s.termSystem] : `${TERM_SYSTEMS[view.defaultTermSystem]} (по умолчанию)`;
  const choices = Object.entries(s?.monthChoices ?? {})
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([item, month]) => html`<li>п.&nbsp;${item}. ${view.itemTitles.get(Number(item)) ?? ''}: ${MONTHS_NOMINATIVE[month - 1] ?? ''}</li>`);
  return html`<dl class="facts">
<dt>Тип</dt><dd>${types}</dd>
${schools ? html`<dt>Учебные периоды</dt><dd>${termSystem}${s?.schoolYears ? html`; собственный график на ${join(Object.keys(s.schoolYears).sort().map(formatSchoolYear), ', ')}` : ''}</dd>` : ''}
<dt>${schools ? 'Учебная неделя' : 'Рабочая неделя'}</dt><dd>${s?.weekDays === 6 ? 'шестидневная' : 'пятидневная'}</dd>
${choices.length > 0 ? html`<dt>Выбранные месяцы</dt><dd><ul class="plain">${choices}</ul></dd>` : ''}
</dl>`;
}

export function organizationPage(ctx: PageContext, view: OrganizationView): Html {
  const o = view.organization;
  const years =
    view.schoolYears.length > 0
      ? html`<section aria-labelledby="h-years">
<h2 id="h-years">Учебный год</h2>
${view.schoolYears.map(schoolYear)}
</section>`
      : '';
  const body = html`<p class="breadcrumbs"><a href="${ctx.base}/organizations">Организации</a></p>
<h1 data-remember-org="${o.id}" data-href="${ctx.base}/organizations/${o.id}">${o.shortName}</h1>
<p class="lead">${o.name}</p>
${subscribeSection(view)}
${years}
<section aria-labelledby="h-facts">
<h2 id="h-facts">Что учитывает календарь</h2>
${settings(view)}
</section>`;
  return layout(ctx, {
    title: `${o.shortName} — календарь сроков ГИС ЭО`,
    section: 'organizations',
    body,
    changesFeed: { path: `/organizations/${o.id}/changes.atom`, title: `Изменения календаря: ${o.shortName}` },
  });
}
