/** `/embed/…`: the compact widget other sites show in an `<iframe>`: upcoming deadlines and a subscribe button. */
import type { IsoDate } from '../../../domain/model.js';
import { deadlinesList, type DeadlinesView } from '../components/deadlines.js';
import { formatDate } from '../format.js';
import { embedLayout, type PageContext } from '../layout.js';
import type { SubscribeLinks } from '../subscribe-links.js';
import { html, type Html } from '../template.js';

/** How many deadlines a widget lists before «И ещё …». */
export const WIDGET_LIMIT = 6;

export interface EmbedView {
  readonly title: string;
  readonly today: IsoDate;
  readonly to: IsoDate;
  readonly links: SubscribeLinks;
  readonly deadlines: DeadlinesView;
  /** Absolute URL of the full page with every way to subscribe. */
  readonly pageUrl: string;
}

export function embedPage(ctx: PageContext, view: EmbedView): Html {
  const body = html`<h1>${view.title}</h1>
<p class="widget-actions"><a class="button primary" href="${view.links.webcal}" data-link="webcal">Подписаться на календарь</a>
<a href="${view.pageUrl}" target="_blank" rel="noopener">Outlook, Google, QR-код</a></p>
<h2>Ближайшие сроки</h2>
<p class="hint">С ${formatDate(view.today)} по ${formatDate(view.to)}</p>
${deadlinesList(view.deadlines)}`;
  return embedLayout(ctx, { title: view.title, body });
}
