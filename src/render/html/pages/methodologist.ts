/**
 * The methodologist's table (mounted behind the methodologist role by the /admin context): every
 * organization with its page, feed link, QR code, memo and embed code, and how many distinct
 * calendar clients polled its feed in the last 7 and 30 days, by kind — so she sees who never subscribed.
 */
import type { Organization } from '../../../domain/schema.js';
import { CLIENT_KINDS, type ClientKind, type FeedCounts } from '../../../stats/subscriptions.js';
import { iframeCode } from '../components/embed-snippet.js';
import { layout, type PageContext } from '../layout.js';
import { html, type Html } from '../template.js';

export interface MethodologistRow {
  readonly organization: Organization;
  readonly pageUrl: string;
  readonly feedUrl: string;
  /** Path of the feed, as the statistics key it. */
  readonly feedPath: string;
  readonly memoHref: string;
  readonly embedUrl: string;
  readonly qr: Html;
}

const KIND_NAMES: Readonly<Record<ClientKind, string>> = {
  google: 'Google',
  microsoft: 'Microsoft',
  apple: 'Apple',
  yandex: 'Яндекс',
  other: 'другие',
};

function total(counts: Readonly<Record<ClientKind, number>> | undefined): number {
  return counts ? CLIENT_KINDS.reduce((n, k) => n + counts[k], 0) : 0;
}

function byKind(counts: Readonly<Record<ClientKind, number>> | undefined): Html {
  const parts = CLIENT_KINDS.filter((k) => (counts?.[k] ?? 0) > 0).map((k) => `${KIND_NAMES[k]}: ${counts?.[k] ?? 0}`);
  return html`<strong>${total(counts)}</strong>${parts.length > 0 ? html`<br><span class="hint">${parts.join(', ')}</span>` : ''}`;
}

/** The table itself: the editor shows it under its own bar, `methodologistPage` as a page of its own. */
export function methodologistBody(ctx: PageContext, rows: readonly MethodologistRow[], stats: readonly FeedCounts[]): Html {
  const byFeed = new Map(stats.map((s) => [s.feed, s]));
  const never = rows.filter((r) => total(byFeed.get(r.feedPath)?.last30) === 0).length;
  const body = html`<h1>Организации и подписки</h1>
<p class="lead">Сколько разных календарей (клиентов) забирали ленту организации за 7 и 30 дней. Адреса и сами заголовки клиентов не хранятся; счёт начинается заново после перезапуска сервиса.</p>
<p>Без подписчиков за 30 дней: <strong>${never}</strong> из ${rows.length}.</p>
<div class="table-wrap"><table class="orgs">
<thead><tr><th scope="col">Организация</th><th scope="col">Лента и памятка</th><th scope="col">За 7 дней</th><th scope="col">За 30 дней</th><th scope="col">QR-код страницы</th><th scope="col">Код для сайта</th></tr></thead>
<tbody>${rows.map((r) => {
    const s = byFeed.get(r.feedPath);
    return html`<tr${total(s?.last30) === 0 ? html` class="never"` : ''}>
<th scope="row"><a href="${r.pageUrl}">${r.organization.shortName}</a></th>
<td><span class="print-url">${r.feedUrl}</span><a href="${r.memoHref}">Памятка (А4)</a></td>
<td>${byKind(s?.last7)}</td>
<td>${byKind(s?.last30)}</td>
<td class="qr-cell">${r.qr}</td>
<td><textarea readonly rows="3" aria-label="Код виджета для сайта: ${r.organization.shortName}">${iframeCode(r.embedUrl, `Сроки плана: ${r.organization.shortName}`)}</textarea></td>
</tr>`;
  })}</tbody>
</table></div>`;
  return body;
}

export function methodologistPage(ctx: PageContext, rows: readonly MethodologistRow[], stats: readonly FeedCounts[]): Html {
  return layout(ctx, { title: 'Организации и подписки — календарь сроков ГИС ЭО', section: 'none', body: methodologistBody(ctx, rows, stats) });
}
