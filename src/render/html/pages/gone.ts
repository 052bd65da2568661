/** The page of an organization taken out of the registry (410 Gone): why, since when, where to go. */
import type { RemovedOrganization } from '../../../domain/schema.js';
import { formatDate } from '../format.js';
import { embedLayout, layout, type PageContext } from '../layout.js';
import { html, type Html } from '../template.js';

export function gonePage(ctx: PageContext, removed: RemovedOrganization): Html {
  const title = 'Организация исключена из реестра';
  const body = html`<h1>${title}</h1>
<p class="lead">«${removed.name}» исключена из реестра организаций Отдела образования ${formatDate(removed.date)}. Её календарь больше не публикуется: подписку на него можно удалить, календарные программы перестанут его обновлять.</p>
${removed.note ? html`<p>${removed.note}</p>` : ''}
<p>Найдите организацию, которая теперь ведёт эту работу, в <a href="${ctx.base}/organizations">списке организаций</a> и подпишитесь на её календарь.</p>`;
  return layout(ctx, { title, section: 'none', body });
}

/** The same inside a widget's frame on another site: short, and the link opens outside the frame. */
export function goneWidget(ctx: PageContext, removed: RemovedOrganization): Html {
  const title = 'Организация исключена из реестра';
  return embedLayout(ctx, {
    title,
    body: html`<h1>${title}</h1><p>«${removed.name}» исключена из реестра ${formatDate(removed.date)}; её календарь больше не публикуется.</p><p><a href="${ctx.base}/organizations" target="_blank" rel="noopener">Список организаций</a></p>`,
  });
}

/** The same, for a feed, the JSON API and an Atom feed (problem+json `detail`). */
export function goneDetail(removed: RemovedOrganization, publicUrl: string): string {
  return `Организация «${removed.name}» (${removed.id}) исключена из реестра ${formatDate(removed.date)}; её календарь больше не публикуется. Список организаций: ${publicUrl}/organizations`;
}
