/** The `<iframe>` code other sites paste to show a widget, with a copy button. */
import { escapeHtml, html, type Html } from '../template.js';
import { copyField } from './copy-field.js';

export function iframeCode(embedUrl: string, title: string): string {
  return `<iframe src="${escapeHtml(embedUrl)}" title="${escapeHtml(title)}" width="100%" height="480" style="border:0;max-width:480px" loading="lazy"></iframe>`;
}

export function embedSnippet(key: string, embedUrl: string, title: string): Html {
  return html`<details class="embed-snippet" id="embed-${key}" data-live="embed-${key}">
<summary>Встроить на сайт</summary>
<p>Вставьте этот код в страницу сайта: появится виджет с ближайшими сроками и кнопкой подписки. <a href="${embedUrl}" target="_blank" rel="noopener">Посмотреть виджет</a></p>
${copyField({ id: `snippet-${key}`, label: 'Код для вставки', value: iframeCode(embedUrl, title), role: 'snippet', multiline: true, buttonLabel: 'Копировать код' })}
</details>`;
}
