/**
 * `/organizations/:id/memo`: a one-page A4 handout «Как подписаться» the department prints for a
 * meeting: the QR code of the organization's page (the phone then offers its own app), the
 * page and feed links in full, and the steps for each app.
 */
import type { Organization } from '../../../domain/schema.js';
import { CALENDAR_APPS, type CalendarAppId } from '../calendar-apps.js';
import { formatDate } from '../format.js';
import type { PageContext } from '../layout.js';
import type { SubscribeLinks } from '../subscribe-links.js';
import { html, type Html } from '../template.js';

export interface MemoView {
  readonly organization: Organization;
  readonly pageUrl: string;
  readonly links: SubscribeLinks;
  readonly qr: Html;
}

const MEMO_APPS: readonly CalendarAppId[] = ['google', 'apple', 'yandex', 'outlook'];

export function memoPage(ctx: PageContext, view: MemoView): Html {
  const o = view.organization;
  const apps = MEMO_APPS.map((id) => {
    const app = CALENDAR_APPS[id];
    return html`<section class="memo-app"><h3>${app.name}</h3><ol class="steps">${app.steps('memo').map((s) => html`<li>${s}</li>`)}</ol></section>`;
  });
  return html`<html lang="ru" class="memo">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Как подписаться — ${o.shortName}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${ctx.base}${ctx.assets.css}">
</head>
<body class="memo">
<main class="memo-page">
<p class="memo-department">${ctx.identity.department}</p>
<h1>Как подписаться на календарь сроков ГИС ЭО</h1>
<p class="memo-org">${o.shortName}</p>
<div class="memo-top">
<figure class="memo-qr">${view.qr}<figcaption>Наведите камеру телефона: откроется страница организации, а на ней — подписка для вашего телефона.</figcaption></figure>
<div>
<p><strong>Страница организации:</strong><br><span class="print-url">${view.pageUrl}</span></p>
<p><strong>Ссылка для подписки:</strong><br><span class="print-url">${view.links.https}</span></p>
<p>Подписка обновляется сама: изменения плана и учебного графика появятся в календаре без новых действий. Не скачивайте файл .ics — это разовая копия.</p>
</div>
</div>
<div class="memo-apps">${apps}</div>
<p class="memo-footer">Данные обновлены ${formatDate(ctx.identity.updated)}</p>
</main>
</body>
</html>`;
}
