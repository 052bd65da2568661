/** The parts every audience page shares: subscribe with options, the QR of the page, what is due, standing duties, the widget. */
import type { FeedOptions } from '../../feed-options.js';
import type { Agenda } from '../agenda.js';
import { html, type Html } from '../template.js';
import { agendaBlock } from './agenda.js';
import { standingList, type ItemLinks } from './deadlines.js';
import { embedSnippet } from './embed-snippet.js';
import { optionsForm } from './options-form.js';
import { subscribeBlock, type SubscribeView } from './subscribe.js';

export interface CalendarSectionView {
  readonly heading: string;
  readonly options: FeedOptions;
  readonly subscribe: SubscribeView;
  /** The QR code of the page itself (phones open the page, and choose their app there). */
  readonly qr: Html;
  readonly pageUrl: string;
  readonly memoHref?: string;
  readonly agenda: Agenda;
  readonly links: ItemLinks;
  readonly embedUrl: string;
  readonly widgetTitle: string;
}

export function subscribeSection(view: CalendarSectionView): Html {
  const key = view.subscribe.key;
  return html`<section class="card subscribe-card" aria-labelledby="h-subscribe">
<h2 id="h-subscribe">${view.heading}</h2>
<div class="subscribe-grid">
<div>
${subscribeBlock(view.subscribe)}
${optionsForm(view.options)}
</div>
<figure class="qr-box">${view.qr}<figcaption>Откройте эту страницу на телефоне: наведите камеру на код.<br><span class="print-url">${view.pageUrl}</span></figcaption>
${view.memoHref ? html`<p><a href="${view.memoHref}">Памятка для печати (А4)</a></p>` : ''}</figure>
</div>
</section>
<section aria-labelledby="h-agenda">
<h2 id="h-agenda">Что предстоит</h2>
<div data-live="agenda-${key}" aria-live="polite">${agendaBlock(view.links, view.agenda, view.options.daily, key)}</div>
</section>
<section aria-labelledby="h-standing">
<h2 id="h-standing">Постоянные обязанности</h2>
<p class="hint">У них нет даты: их выполняют по мере необходимости или в течение нескольких дней после изменений.</p>
${standingList(view.agenda.standing, view.links)}
</section>
${embedSnippet(key, view.embedUrl, view.widgetTitle, view.pageUrl)}`;
}
