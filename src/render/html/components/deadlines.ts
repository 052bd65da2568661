/** Upcoming deadlines, daily duties and standing duties of one audience, as lists that read well without a calendar app. */
import type { IsoDate, MissingSchoolYear, Occurrence, StandingDuty } from '../../../domain/model.js';
import type { Item } from '../../../domain/schema.js';
import { TERM_SYSTEMS } from '../../../domain/vocabulary.js';
import { formatDate, formatRange } from '../format.js';
import { html, type Html } from '../template.js';

export interface DeadlinesView {
  readonly today: IsoDate;
  readonly occurrences: readonly Occurrence[];
  readonly missing: readonly MissingSchoolYear[];
  /** Whether daily duties are part of the calendar (option «без ежедневных дел» off). */
  readonly daily: boolean;
  readonly items: ReadonlyMap<number, Item>;
  /** Link to an item of the plan table. */
  readonly itemHref: (item: number) => string;
  /** Open item links in a new tab (widgets inside an iframe). */
  readonly newTab?: boolean;
  /** Show at most this many dated deadlines (widgets). */
  readonly limit?: number;
}

function itemLink(view: DeadlinesView, number: number): Html {
  const title = view.items.get(number)?.title ?? '';
  const target = view.newTab ? html` target="_blank" rel="noopener"` : '';
  return html`<a href="${view.itemHref(number)}"${target}>п. ${number}. ${title}</a>`;
}

function when(o: Occurrence, today: IsoDate): Html {
  const text = formatRange(o.start, o.end);
  const ongoing = o.start < today ? html` <span class="badge now">идёт сейчас</span>` : '';
  return html`<time datetime="${o.start}">${text}</time>${ongoing}`;
}

function deadline(view: DeadlinesView, o: Occurrence): Html {
  const label = o.label ? html` <span class="label">(${o.label})</span>` : '';
  const provisional = o.provisional ? html` <span class="badge provisional">предварительно</span>` : '';
  return html`<li><span class="when">${when(o, view.today)}</span> <span class="what">${itemLink(view, o.item)}${label}${provisional}</span> <span class="wording">Срок: ${o.wording}</span></li>`;
}

const MISSING_WHAT: Readonly<Record<MissingSchoolYear['what'], string>> = {
  terms: 'учебного графика',
  finalAttestation: 'сроков итоговой аттестации',
  workingDays: 'производственного календаря',
};

function missingNote(m: MissingSchoolYear): Html {
  const system = m.termSystem ? ` (${TERM_SYSTEMS[m.termSystem]})` : '';
  const items = `${m.items.length === 1 ? 'пункта' : 'пунктов'} ${m.items.join(', ')}`;
  return html`<li>Нет ${MISSING_WHAT[m.what]}${system} на ${m.schoolYear.replace('-', '/')} учебный год: сроки ${items} появятся, когда данные будут внесены.</li>`;
}

function dailyNote(view: DeadlinesView, daily: readonly Occurrence[]): Html | '' {
  if (!view.daily) return html`<p class="hint">Ежедневные дела не показаны (настройка «Без ежедневных дел»).</p>`;
  const byItem = new Map<number, Occurrence>();
  for (const o of daily) if (!byItem.has(o.item)) byItem.set(o.item, o);
  if (byItem.size === 0) return '';
  const entries = [...byItem.values()]
    .sort((a, b) => a.item - b.item)
    .map((o) => html`<li>${itemLink(view, o.item)}${o.time ? html` <span class="hint">— в календаре в ${o.time}</span>` : ''}</li>`);
  return html`<p class="daily-title">Каждый учебный или рабочий день:</p><ul class="daily">${entries}</ul>`;
}

export function deadlinesList(view: DeadlinesView): Html {
  // The yearly standing-duties event is the feeds' way to show standingList; pages list the duties themselves.
  const dated = view.occurrences.filter((o) => o.kind !== 'daily' && o.kind !== 'standing');
  const daily = view.occurrences.filter((o) => o.kind === 'daily');
  const shown = view.limit === undefined ? dated : dated.slice(0, view.limit);
  const list =
    shown.length > 0
      ? html`<ol class="deadlines">${shown.map((o) => deadline(view, o))}</ol>`
      : html`<p>В ближайшие 30 дней сроков нет.</p>`;
  const more =
    shown.length < dated.length ? html`<p class="hint">И ещё ${dated.length - shown.length} — в календаре.</p>` : '';
  const missing = view.missing.length > 0 ? html`<ul class="missing">${view.missing.map(missingNote)}</ul>` : '';
  return html`${list}${more}${dailyNote(view, daily)}${missing}`;
}

export function standingList(duties: readonly StandingDuty[], view: Pick<DeadlinesView, 'items' | 'itemHref'>): Html {
  if (duties.length === 0) return html`<p>Постоянных обязанностей нет.</p>`;
  const seen = new Set<string>();
  const entries = duties
    .filter((d) => {
      const key = `${d.item}/${d.schedule}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((d) => {
      const title = view.items.get(d.item)?.title ?? '';
      return html`<li><a href="${view.itemHref(d.item)}">п. ${d.item}. ${title}</a> <span class="wording">Срок: ${d.wording}</span></li>`;
    });
  return html`<ul class="standing">${entries}</ul>`;
}

/** «с 20 августа 2026 г. по 19 сентября 2026 г.» */
export function periodText(from: IsoDate, to: IsoDate): string {
  return `с ${formatDate(from)} по ${formatDate(to)}`;
}
