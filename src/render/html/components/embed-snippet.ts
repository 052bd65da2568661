/**
 * What other sites paste to show the calendar: an `<iframe>` that takes its content's height
 * (the widget posts it; a few lines of the host page's own script set it — nothing loaded from
 * elsewhere), a compact variant, and a link-only and a button-only snippet for CMSs that strip
 * iframes and scripts.
 */
import { escapeHtml, html, type Html } from '../template.js';
import { copyField } from './copy-field.js';

/** Heights that fit the widget at 320 px width without the script (measured in the browser test). */
export const FALLBACK_HEIGHT = { full: 900, compact: 520 } as const;

export function iframeCode(embedUrl: string, title: string, compact = false): string {
  const src = compact ? `${embedUrl}${embedUrl.includes('?') ? '&' : '?'}compact=1` : embedUrl;
  const id = `eo-calendar-${compact ? 'compact' : 'full'}`;
  const height = compact ? FALLBACK_HEIGHT.compact : FALLBACK_HEIGHT.full;
  return (
    `<iframe id="${id}" src="${escapeHtml(src)}" title="${escapeHtml(title)}" width="100%" height="${height}" style="border:0;max-width:480px" loading="lazy"></iframe>\n` +
    `<script>addEventListener("message",function(e){var f=document.getElementById("${id}");` +
    `if(f&&e.source===f.contentWindow&&e.data&&e.data.type==="eo-calendar:height")f.style.height=e.data.height+"px";});</script>`
  );
}

export function linkCode(pageUrl: string, title: string): string {
  return `<a href="${escapeHtml(pageUrl)}">${escapeHtml(title)}: все сроки и подписка</a>`;
}

export function buttonCode(pageUrl: string): string {
  return `<a href="${escapeHtml(pageUrl)}" style="display:inline-block;padding:.6em 1.2em;background:#0a4f8a;color:#fff;border-radius:6px;text-decoration:none;font-weight:600">Подписаться на календарь сроков ГИС ЭО</a>`;
}

export function embedSnippet(key: string, embedUrl: string, title: string, pageUrl: string): Html {
  const field = (id: string, label: string, value: string) =>
    copyField({ id: `${id}-${key}`, label, value, role: 'snippet', multiline: true, buttonLabel: 'Копировать код' });
  return html`<details class="embed-snippet" id="embed-${key}" data-live="embed-${key}">
<summary>Разместить на сайте организации</summary>
<p>Виджет со сроками и кнопкой подписки подстраивает высоту под содержимое. <a href="${embedUrl}" target="_blank" rel="noopener">Посмотреть виджет</a></p>
${field('snippet', 'Виджет: ближайшие сроки', iframeCode(embedUrl, title))}
${field('snippet-compact', 'Компактный виджет: три ближайших срока', iframeCode(embedUrl, title, true))}
<p>Если сайт не разрешает вставлять виджеты (iframe), вставьте ссылку или кнопку:</p>
${field('snippet-link', 'Только ссылка', linkCode(pageUrl, title))}
${field('snippet-button', 'Только кнопка', buttonCode(pageUrl))}
</details>`;
}
