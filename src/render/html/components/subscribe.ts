/** The subscribe block: one button per calendar app, the plain link with a copy button, a download and a QR code. */
import type { SubscribeLinks } from '../subscribe-links.js';
import { html, type Html } from '../template.js';
import { copyField } from './copy-field.js';

export interface SubscribeView {
  /** Unique on the page, used in element ids (e.g. `general`, `org`). */
  readonly key: string;
  readonly links: SubscribeLinks;
  /** The QR code of `links.https`. */
  readonly qr: Html;
}

export function subscribeBlock(view: SubscribeView): Html {
  const { key, links } = view;
  const external = html` target="_blank" rel="noopener noreferrer"`;
  return html`<div class="subscribe" id="subscribe-${key}" data-live="subscribe-${key}">
<div class="subscribe-ways">
<p><a class="button primary" href="${links.webcal}" data-link="webcal">Подписаться</a></p>
<p class="hint">Откроет Календарь Apple (iPhone, Mac) или Outlook на компьютере.</p>
<ul class="ways">
<li><span class="way">Outlook.com / Microsoft 365:</span> <a href="${links.outlookLive}" data-link="outlook-live"${external}>Outlook.com</a> · <a href="${links.outlookOffice}" data-link="outlook-office"${external}>Microsoft 365 (рабочая почта)</a></li>
<li><span class="way">Google Календарь:</span> скопируйте ссылку ниже, откройте <a href="${links.google}" data-link="google"${external}>«Добавить календарь по URL»</a>, вставьте её и нажмите «Добавить календарь».</li>
<li><a href="${links.https}" download="${links.fileName}" data-link="download">Скачать .ics</a> <span class="hint">(разовая копия: изменения плана в неё не попадут)</span></li>
</ul>
${copyField({ id: `link-${key}`, label: 'Ссылка на календарь', value: links.https, role: 'https', buttonLabel: 'Копировать ссылку' })}
</div>
<figure class="qr-box">${view.qr}<figcaption>Наведите камеру телефона, чтобы открыть ссылку</figcaption></figure>
</div>`;
}
