/**
 * The subscribe block: one equal choice per calendar app (the visitor's own device first and
 * open), each with its steps, what it does with reminders and how often it refreshes; then the
 * feed's link once, for the apps that paste it; the download last, marked as a one-off copy.
 */
import { appOrder, CALENDAR_APPS, type CalendarApp } from '../calendar-apps.js';
import type { Device } from '../device.js';
import type { SubscribeLinks } from '../subscribe-links.js';
import { html, type Html } from '../template.js';
import { copyField } from './copy-field.js';

export interface SubscribeView {
  /** Unique on the page, used in element ids (e.g. `general`, `org`). */
  readonly key: string;
  readonly links: SubscribeLinks;
  /** Whose app comes first. */
  readonly device: Device;
}

function choice(app: CalendarApp, links: SubscribeLinks, first: boolean, matched: boolean): Html {
  const action = app.action(links);
  const external = action.href.startsWith('webcal:') ? '' : html` target="_blank" rel="noopener noreferrer"`;
  return html`<details class="app" data-app="${app.id}"${first ? html` open` : ''}>
<summary>${app.name}${first && matched ? html` <span class="badge">ваше устройство</span>` : ''}</summary>
<p><a class="button${first ? ' primary' : ''}" href="${action.href}" data-link="${action.link}"${external}>${action.label}</a></p>
<ol class="steps">${app.steps('page').map((s) => html`<li>${s}</li>`)}</ol>
${app.secondary ? html`<p>${app.secondary(links)}</p>` : ''}
<p class="hint"><strong>Напоминания:</strong> ${app.reminders} <strong>Обновление:</strong> ${app.refresh}</p>
</details>`;
}

export function subscribeBlock(view: SubscribeView): Html {
  const { key, links } = view;
  const order = appOrder(view.device);
  return html`<div class="subscribe" id="subscribe-${key}" data-live="subscribe-${key}" aria-live="polite">
<div class="apps" data-first="${order[0] ?? ''}">
${order.map((id, i) => choice(CALENDAR_APPS[id], links, i === 0, view.device !== 'other'))}
</div>
${copyField({ id: `link-${key}`, label: 'Ссылка на календарь (для подписки)', value: links.https, role: 'https', buttonLabel: 'Копировать ссылку' })}
<p class="print-only print-url">${links.https}</p>
<p class="download"><a href="${links.https}" download="${links.fileName}" data-link="download">Скачать .ics</a> — <strong>разовая копия</strong>: файл не обновляется, изменения плана в него не попадут. Для работы подпишитесь по ссылке.</p>
</div>`;
}
