/** The preview (changes per feed, problems), the history of publications, one revision, the conflict page. */
import type { Change } from '../../domain/changes.js';
import { ORGANIZATION_TYPES } from '../../domain/vocabulary.js';
import type { PageContext } from '../../render/html/layout.js';
import { html, type Html } from '../../render/html/template.js';
import type { RevisionSummary } from '../../state/index.js';
import type { ProblemPlace } from '../editor/problem-links.js';
import { problemList, type FormBase } from './data.js';

function feedName(feed: string, names: ReadonlyMap<string, string>): string {
  if (feed === 'all') return 'весь план';
  if (feed.startsWith('type:')) {
    const type = feed.slice('type:'.length);
    const info = (ORGANIZATION_TYPES as Readonly<Record<string, { readonly shortName: string } | undefined>>)[type];
    return info === undefined ? `тип ${type}` : `лента «${info.shortName}»`;
  }
  return names.get(feed.slice('organization:'.length)) ?? feed;
}

export function changeTable(changes: readonly Change[], names: ReadonlyMap<string, string>): Html {
  if (changes.length === 0) return html`<p>События календарей не меняются.</p>`;
  return html`<table class="changes"><thead><tr><th>Изменение</th><th>Ленты</th></tr></thead><tbody>${changes.map(
    (c) => html`<tr data-kind="${c.kind}"><td>${c.description}</td><td><details><summary>${c.feeds.length}</summary><ul>${c.feeds.map((f) => html`<li>${feedName(f, names)}</li>`)}</ul></details></td></tr>`,
  )}</tbody></table>`;
}

export function previewBody(
  ctx: PageContext,
  preview: { problems: readonly { pointer: string; message: string }[]; changes: readonly Change[] },
  names: ReadonlyMap<string, string>,
  base: FormBase,
  saved: boolean,
  place?: (pointer: string) => ProblemPlace,
): Html {
  const placed = place && ((pointer: string) => {
    const where = place(pointer);
    return { href: `${ctx.base}${where.href}`, label: where.label };
  });
  return html`<h1>Предпросмотр публикации</h1>
<p class="lead">Что изменится в календарях подписчиков, если опубликовать черновик. Пока вы не нажали «Опубликовать», ничего не изменено.</p>
${problemList(preview.problems, placed)}
${preview.problems.length > 0 ? '' : changeTable(preview.changes, names)}
${saved && preview.problems.length === 0 ? html`<form method="post" action="${ctx.base}/admin/data/publish"><input type="hidden" name="_csrf" value="${base.csrf}"><input type="hidden" name="draft" value="${base.etag}"><p><label>Комментарий к публикации <input name="comment" required maxlength="1000" size="60"></label></p><p><button type="submit">Опубликовать</button></p></form>` : saved ? '' : html`<p>Черновика нет: сначала внесите изменения.</p>`}
<p><a href="${ctx.base}/admin/data">К данным</a></p>`;
}

export function historyBody(ctx: PageContext, revisions: readonly RevisionSummary[], csrf: string, notice?: string): Html {
  return html`<h1>История публикаций</h1>
${notice ? html`<p class="notice">${notice}</p>` : ''}
<p class="lead">«Восстановить» публикует план, реестр и учебные графики выбранной редакции как новую редакцию. Настройки календарей, которые школы сохранили сами, при этом остаются такими, как сейчас: их меняют на странице школы.</p>
<table class="history stack"><thead><tr><th>№</th><th>Когда</th><th>Кто</th><th>Комментарий</th><th>Изменений</th><th></th></tr></thead><tbody>${revisions.map(
    (r, i) => html`<tr id="revision-${r.id}"><td data-label="№"><a href="${ctx.base}/admin/history/${r.id}">${r.id}</a></td><td data-label="Когда">${r.at.slice(0, 16).replace('T', ' ')} UTC</td><td data-label="Кто">${r.author}</td><td data-label="Комментарий">${r.comment}${r.restoredFrom && !r.comment.includes(`редакция ${r.restoredFrom}`) ? ` (восстановлена редакция ${r.restoredFrom})` : ''}</td><td data-label="Изменений">${r.changes.length}</td><td>${i === 0 ? 'действует' : html`<form method="post" action="${ctx.base}/admin/history/${r.id}/restore"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit">Восстановить</button></form>`}</td></tr>`,
  )}</tbody></table>`;
}

export function revisionBody(ctx: PageContext, revision: RevisionSummary & { documents: unknown }, names: ReadonlyMap<string, string>): Html {
  return html`<h1>Редакция ${revision.id} (версия ${revision.version})</h1>
<p class="lead">${revision.at} · ${revision.author} · ${revision.comment}</p>
<h2>Что изменилось</h2>${changeTable(revision.changes, names)}
<details><summary>Документы редакции</summary><pre>${JSON.stringify(revision.documents, null, 2)}</pre></details>
<p><a href="${ctx.base}/admin/history">К истории</a></p>`;
}

/**
 * A form or the publish button sent with a draft that was saved again after its page was
 * opened (another tab, another session, a second click): nothing of this request is written,
 * and the draft stays as last saved. Not the page for a newer publication ({@link conflictBody}):
 * nothing was published, and deleting the draft would throw away the other save too.
 */
export function draftChangedBody(ctx: PageContext, what: 'save' | 'publish', again: string): Html {
  const lead =
    what === 'save'
      ? 'Черновик сохранили ещё раз после того, как вы открыли эту страницу: в другой вкладке, в другом сеансе или повторным нажатием кнопки. Чтобы ничьи правки не пропали молча, изменения с этой страницы не сохранены; черновик остался таким, каким его сохранили последним, и ничего не опубликовано. Откройте страницу заново — на ней черновик в нынешнем виде — и, если ваших изменений там нет, внесите их ещё раз.'
      : 'Черновик сохранили ещё раз после того, как вы открыли предпросмотр: в другой вкладке, в другом сеансе или повторным нажатием кнопки. Ничего не опубликовано, черновик цел. Откройте предпросмотр заново — в нём изменения черновика в нынешнем виде — и опубликуйте их оттуда.'
  return html`<h1>Черновик изменился, пока страница была открыта</h1>
<p class="lead">${lead}</p>
<p><a href="${ctx.base}${again}">${what === 'save' ? 'Открыть страницу заново' : 'Открыть предпросмотр заново'}</a> · <a href="${ctx.base}/admin/data">К данным</a></p>`;
}

export function conflictBody(ctx: PageContext, since: readonly RevisionSummary[], names: ReadonlyMap<string, string>): Html {
  return html`<h1>Опубликована более новая редакция</h1>
<p class="lead">После того как черновик был начат, данные опубликовали снова. Ваш черновик не опубликован и не потерян. Чтобы ничьи правки не потерялись молча, перенесите свои изменения на текущие данные: удалите черновик на странице <a href="${ctx.base}/admin/data">данных</a> и внесите их заново. Вот что изменилось с начала черновика:</p>
${since.map((r) => html`<h2>Редакция ${r.id}: ${r.author} — ${r.comment}</h2>${changeTable(r.changes, names)}`)}
<p><a href="${ctx.base}/admin/data">К данным</a> · <a href="${ctx.base}/admin/history">История</a></p>`;
}
