/** «Что предстоит»: the next deadline, this week, this month, then the school year by month with the past folded. */
import { LRUCache } from 'lru-cache';
import { MONTHS_NOMINATIVE } from '../../../domain/vocabulary.js';
import type { Agenda, MonthGroup } from '../agenda.js';
import { capitalize, count, formatRange, NBSP } from '../format.js';
import { html, type Html } from '../template.js';
import { dailyNote, deadlineItem, deadlineList, missingList, provisionalLegend, type ItemLinks } from './deadlines.js';

function monthName(month: string): string {
  const name = MONTHS_NOMINATIVE[Number(month.slice(5, 7)) - 1] ?? month;
  return `${capitalize(name)} ${month.slice(0, 4)}${NBSP}г.`;
}

function months(view: ItemLinks, groups: readonly MonthGroup[]): Html {
  return html`${groups.map(
    (g) => html`<h4 class="month">${monthName(g.month)}</h4><ol class="deadlines">${g.occurrences.map((o) => deadlineItem(view, o))}</ol>`,
  )}`;
}

/**
 * Rendered blocks by agenda and by what else shapes them. agendaFor() hands organizations with
 * equal types and settings one agenda object, so their pages (10 000 in an export, each block
 * about 20 kB of markup) share one rendering. An agenda is known by a number given on first sight
 * (its object is the identity: the same data and day); its links are the same data's (the page's
 * base, the item titles), and the key names the base through one href. Bounded in bytes.
 * So `view` must come from itemLinks() (views.ts) or build its hrefs the same way, from the
 * agenda's own data: a view with other hrefs or another data set's titles would get a block
 * rendered for another.
 */
const AGENDA_BLOCK_MEMO_BYTES = 4_000_000;
const agendaIds = new WeakMap<Agenda, number>();
let nextAgendaId = 0;
const blocks = new LRUCache<string, Html>({ maxSize: AGENDA_BLOCK_MEMO_BYTES, sizeCalculation: (block, memoKey) => 2 * (block.value.length + memoKey.length) });

export function agendaBlock(view: ItemLinks, agenda: Agenda, dailyIncluded: boolean, key: string): Html {
  let id = agendaIds.get(agenda);
  if (id === undefined) {
    id = nextAgendaId++;
    agendaIds.set(agenda, id);
  }
  const memoKey = `${id}\0${dailyIncluded ? 1 : 0}\0${key}\0${view.today}\0${view.newTab === true ? 1 : 0}\0${view.itemHref(0)}`;
  let block = blocks.get(memoKey);
  if (block === undefined) {
    block = renderAgendaBlock(view, agenda, dailyIncluded, key);
    blocks.set(memoKey, block);
  }
  return block;
}

function renderAgendaBlock(view: ItemLinks, agenda: Agenda, dailyIncluded: boolean, key: string): Html {
  const shown = [...agenda.upcoming, ...agenda.past].flatMap((g) => g.occurrences);
  const pastCount = agenda.past.reduce((n, g) => n + g.occurrences.length, 0);
  const next = agenda.next
    ? html`<div class="next"><h3>Следующий срок</h3><ol class="deadlines">${deadlineItem(view, agenda.next)}</ol></div>`
    : html`<div class="next"><h3>Следующий срок</h3><p class="empty">До конца периода сроков нет.</p></div>`;
  return html`<div class="agenda" id="agenda-${key}">
${next}
<h3>На этой неделе</h3>
${deadlineList(view, agenda.week, 'На этой неделе сроков нет.')}
<h3>В этом месяце</h3>
${deadlineList(view, agenda.month, 'До конца месяца других сроков нет.')}
${dailyNote(view, agenda.daily, dailyIncluded)}
<h3>Все сроки: ${formatRange(agenda.from, agenda.to)}</h3>
${provisionalLegend(shown)}
${pastCount > 0 ? html`<details class="past"><summary>Прошедшие (${count(pastCount, 'срок', 'срока', 'сроков')})</summary>${months(view, agenda.past)}</details>` : ''}
${agenda.upcoming.length > 0 ? months(view, agenda.upcoming) : html`<p class="empty">Предстоящих сроков в этом периоде нет.</p>`}
${missingList(agenda.missing)}
</div>`;
}
