/** `/changes`: every publication, newest first, with what changed and in how many feeds. */
import type { Publication } from '../../../domain/change-log.js';
import { feedCount } from '../../../domain/changes.js';
import type { Dataset } from '../../../domain/model.js';
import { formatDate, moscowDate } from '../format.js';
import { layout, type PageContext } from '../layout.js';
import { html, type Html } from '../template.js';

function publication(ctx: PageContext, p: Publication): Html {
  const changes = p.changes.map(
    (c) => html`<li>${c.item === undefined ? c.description : html`<a href="${ctx.base}/plan#item-${c.item}">${c.description}</a>`} — ${feedCount(c.feeds.length)}</li>`,
  );
  return html`<section id="revision-${p.revision}" class="publication">
<h2>${formatDate(moscowDate(new Date(p.at)))} · версия ${p.version}</h2>
<p>${p.comment}</p>
${changes.length > 0 ? html`<ul>${changes}</ul>` : html`<p class="hint">События календарей не изменились.</p>`}
</section>`;
}

export function changesPage(ctx: PageContext, data: Dataset): Html {
  const publications = data.changeLog?.publications ?? [];
  const body = html`<h1>Изменения календарей</h1>
<p class="lead">Каждая публикация данных Отделом образования: когда, зачем и что изменилось в календарях. Календарные программы подхватывают изменения с опозданием, поэтому изменённые события ещё некоторое время говорят в описании, что именно изменилось.</p>
<p><a href="${ctx.base}/changes.atom">Лента изменений (Atom)</a> — для программ чтения новостей; у каждой организации есть своя, на её странице.</p>
${publications.length > 0 ? publications.map((p) => publication(ctx, p)) : html`<p>Публикаций через редактор ещё не было.</p>`}`;
  return layout(ctx, { title: 'Изменения календарей', description: 'Что и когда изменилось в календарях ГИС ЭО', section: 'none', body });
}
