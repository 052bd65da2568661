/** One deadline, the daily and standing duties and the missing school years, as list entries that read well without a calendar app. */
import type { IsoDate, MissingSchoolYear, Occurrence, StandingDuty } from '../../../domain/model.js';
import type { Item } from '../../../domain/schema.js';
import { TERM_SYSTEMS } from '../../../domain/vocabulary.js';
import { isProvisional } from '../agenda.js';
import { formatRange, formatSchoolYear } from '../format.js';
import { html, type Html } from '../template.js';

/** How deadlines link to the plan. */
export interface ItemLinks {
  readonly today: IsoDate;
  readonly items: ReadonlyMap<number, Item>;
  /** Link to an item of the plan table. */
  readonly itemHref: (item: number) => string;
  /** Open item links in a new tab (widgets inside an iframe). */
  readonly newTab?: boolean;
}

export function itemLink(view: ItemLinks, number: number): Html {
  const title = view.items.get(number)?.title ?? '';
  const target = view.newTab ? html` target="_blank" rel="noopener"` : '';
  return html`<a href="${view.itemHref(number)}"${target}>п.&nbsp;${number}. ${title}</a>`;
}

/** The marker the page's one legend line explains. */
export const provisionalMark = html`<abbr class="provisional" title="предварительная дата">*</abbr>`;

function when(o: Occurrence, today: IsoDate): Html {
  const text = formatRange(o.start, o.end);
  const ongoing = o.start < today && o.end >= today ? html` <span class="badge now">идёт сейчас</span>` : '';
  return html`<time datetime="${o.start}">${text}</time>${isProvisional(o) ? provisionalMark : ''}${ongoing}`;
}

export function deadlineItem(view: ItemLinks, o: Occurrence): Html {
  const label = o.label ? html` <span class="label">(${o.label})</span>` : '';
  return html`<li><span class="when">${when(o, view.today)}</span> <span class="what">${itemLink(view, o.item)}${label}</span> <span class="wording">Срок: ${o.wording}</span></li>`;
}

export function deadlineList(view: ItemLinks, occurrences: readonly Occurrence[], empty: string): Html {
  return occurrences.length > 0 ? html`<ol class="deadlines">${occurrences.map((o) => deadlineItem(view, o))}</ol>` : html`<p class="empty">${empty}</p>`;
}

/** The legend of the provisional marker, once per page, only when a shown date carries it. */
export function provisionalLegend(shown: readonly Occurrence[]): Html | '' {
  if (!shown.some(isProvisional)) return '';
  return html`<p class="legend">${provisionalMark} — предварительная дата: учебный график на этот год ещё не утверждён. Когда его утвердят, дата может сдвинуться, и подписанный календарь обновится сам.</p>`;
}

const MISSING_WHAT: Readonly<Record<MissingSchoolYear['what'], string>> = {
  terms: 'учебного графика',
  finalAttestation: 'сроков итоговой аттестации',
  workingDays: 'производственного календаря',
};

function missingNote(m: MissingSchoolYear): Html {
  const system = m.termSystem ? ` (${TERM_SYSTEMS[m.termSystem]})` : '';
  const items = `${m.items.length === 1 ? 'пункта' : 'пунктов'} ${m.items.join(', ')}`;
  return html`<li>Нет ${MISSING_WHAT[m.what]}${system} на ${formatSchoolYear(m.schoolYear)} учебный год: сроки ${items} появятся, когда данные будут внесены.</li>`;
}

export function missingList(missing: readonly MissingSchoolYear[]): Html | '' {
  return missing.length > 0 ? html`<ul class="missing">${missing.map(missingNote)}</ul>` : '';
}

/** Daily duties in positive words: what they are, and whether this calendar holds them. */
export function dailyNote(view: ItemLinks, daily: readonly Occurrence[], included: boolean): Html | '' {
  if (daily.length === 0) return '';
  const entries = daily.map((o) => html`<li>${itemLink(view, o.item)}${included && o.time ? html` <span class="hint">— в календаре в ${o.time}</span>` : ''}</li>`);
  const state = included
    ? html`<p class="hint">Они в календаре: короткое событие в каждый учебный или рабочий день.</p>`
    : html`<p class="hint">В календаре только сроки; чтобы ежедневные дела появлялись в нём каждый день, выберите в настройках «Ежедневные дела».</p>`;
  return html`<h3>Каждый учебный или рабочий день</h3><ul class="daily">${entries}</ul>${state}`;
}

export function standingList(duties: readonly StandingDuty[], view: ItemLinks): Html {
  if (duties.length === 0) return html`<p>Постоянных обязанностей нет.</p>`;
  const seen = new Set<string>();
  const entries = duties
    .filter((d) => {
      const key = `${d.item}/${d.schedule}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((d) => html`<li>${itemLink(view, d.item)} <span class="wording">Срок: ${d.wording}</span></li>`);
  return html`<ul class="standing">${entries}</ul>`;
}
