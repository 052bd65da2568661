/**
 * `/embed/…`: the widget other sites show in an `<iframe>`: the coming deadlines, a «Все сроки и
 * подписка →» link to the full page (where the visitor's own app is offered first). The page
 * script posts the widget's height to the host page, so the frame never scrolls inside.
 */
import type { Agenda } from '../agenda.js';
import { deadlineList, provisionalLegend, type ItemLinks } from '../components/deadlines.js';
import { embedLayout, type PageContext } from '../layout.js';
import { html, type Html } from '../template.js';

/** How many deadlines a widget lists: all of the coming month up to this, three when compact. */
export const WIDGET_LIMIT = 6;
export const COMPACT_LIMIT = 3;

export interface EmbedView {
  readonly title: string;
  readonly agenda: Agenda;
  readonly links: ItemLinks;
  readonly compact: boolean;
  /** Absolute URL of the full page with every way to subscribe. */
  readonly pageUrl: string;
}

export function embedPage(ctx: PageContext, view: EmbedView): Html {
  const limit = view.compact ? COMPACT_LIMIT : WIDGET_LIMIT;
  const coming = view.agenda.upcoming.flatMap((g) => g.occurrences).slice(0, limit);
  const body = html`<h1>${view.title}</h1>
<h2>Ближайшие сроки</h2>
${deadlineList(view.links, coming, 'До конца учебного года сроков нет.')}
${provisionalLegend(coming)}
<p class="widget-actions"><a class="button primary" href="${view.pageUrl}" target="_blank" rel="noopener">Все сроки и подписка →</a></p>`;
  return embedLayout(ctx, { title: view.title, body, compact: view.compact });
}
