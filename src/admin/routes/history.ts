/** Publishing from the preview page, the history of publications, one revision, and restoring it. */
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Html } from '../../render/html/template.js';
import { summaryOf } from '../../state/index.js';
import type { PublishOutcome } from '../editor/publisher.js';
import type { FormBody } from '../editor/school-year-form.js';
import { conflictBody, draftChangedBody, historyBody, previewBody, revisionBody } from '../pages/publish.js';
import { redirect, sendErrorPage, type AdminPages } from '../respond.js';

export interface HistoryHelpers {
  readonly preHandler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  readonly post: unknown[];
  readonly show: (reply: FastifyReply, title: string, body: (csrf: string) => Html, status?: number) => FastifyReply;
  readonly names: () => ReadonlyMap<string, string>;
}

/** The page after an HTML publication: the conflict (409), the problems (422) or `location` (history with a notice). */
export function publishedReply(fastify: FastifyInstance, pages: AdminPages, helpers: Pick<HistoryHelpers, 'show' | 'names'>) {
  const { show, names } = helpers;
  const siteTitle = () => fastify.dataStore.current.plan.meta.shortTitle;
  const ctx = () => pages.context(siteTitle());
  return async function after(request: FastifyRequest, reply: FastifyReply, outcome: PublishOutcome, what: string, location = (id: number) => `${pages.base}/admin/history?published=${id}`) {
    const who = { login: request.user!.login, address: request.ip, via: 'session' };
    if (outcome.kind === 'stale') {
      await fastify.editorState.audit.append({ action: 'publish-refused', ...who, detail: `${what}: после начала черновика опубликована редакция ${outcome.latest.id}` });
      return show(reply, 'Опубликована более новая редакция', () => conflictBody(ctx(), outcome.since.map(summaryOf), names()), 409);
    }
    if (outcome.kind === 'unchanged') return redirect(reply, `${pages.base}/admin/history?unchanged=${outcome.latest.id}`);
    if (outcome.kind === 'invalid') {
      const view = await fastify.drafts.view();
      return show(reply, 'Предпросмотр', (csrf) => previewBody(ctx(), { problems: outcome.problems, changes: [] }, names(), { csrf, etag: view.etag }, true), 422);
    }
    await fastify.editorState.audit.append({ action: 'published', ...who, detail: `${what}: редакция ${outcome.revision.id}, версия ${outcome.revision.version}, «${outcome.revision.comment}»` });
    return redirect(reply, location(outcome.revision.id));
  };
}

export async function historyRoutes(fastify: FastifyInstance, pages: AdminPages, helpers: HistoryHelpers): Promise<void> {
  const { show, names } = helpers;
  const preHandler = helpers.preHandler as preHandlerAsyncHookHandler;
  const post = { preHandler: helpers.post as preHandlerAsyncHookHandler[] };
  const siteTitle = () => fastify.dataStore.current.plan.meta.shortTitle;
  const ctx = () => pages.context(siteTitle());

  const after = publishedReply(fastify, pages, helpers);

  fastify.post('/data/publish', post, async (request, reply) => {
    const body = request.body as FormBody;
    const view = await fastify.drafts.view();
    if (!view.saved) return redirect(reply, `${pages.base}/admin/data/preview`);
    if (body['draft'] !== view.etag) return show(reply, 'Черновик изменился', () => draftChangedBody(ctx(), 'publish', '/admin/data/preview'), 412);
    const comment = (body['comment'] ?? '').trim();
    if (comment === '') return sendErrorPage(reply, pages, siteTitle(), 422, 'Нужен комментарий', 'Укажите, что и зачем изменено: комментарий увидят подписчики на странице изменений.');
    const outcome = await fastify.publisher.publish({ documents: await fastify.drafts.documentsOf(view), author: request.user!.login, comment, base: view.base });
    return after(request, reply, outcome, 'публикация черновика');
  });

  fastify.get<{ Querystring: { published?: string; unchanged?: string } }>('/history', { preHandler }, async (request, reply) => {
    await fastify.publisher.sync();
    const revisions = await fastify.editorState.revisions.list();
    const id = (value: string | undefined) => (value !== undefined && /^\d{1,9}$/.test(value) ? value : undefined);
    const published = id(request.query.published);
    const unchanged = id(request.query.unchanged);
    const notice = published
      ? `Опубликована редакция ${published}: календари подписчиков уже обновлены.`
      : unchanged
        ? `Данные уже такие, как в выбранной редакции: восстанавливать нечего, новая редакция не создана. Действует редакция ${unchanged}.`
        : undefined;
    return show(reply, 'История публикаций', (csrf) => historyBody(ctx(), revisions, csrf, notice));
  });

  fastify.get<{ Params: { id: string } }>('/history/:id', { preHandler }, async (request, reply) => {
    const revision = await fastify.editorState.revisions.get(Number(request.params.id));
    if (!revision) return sendErrorPage(reply, pages, siteTitle(), 404, 'Не найдено', `Редакции ${request.params.id} нет.`);
    return show(reply, `Редакция ${revision.id}`, () => revisionBody(ctx(), revision, names()));
  });

  fastify.post<{ Params: { id: string } }>('/history/:id/restore', post, async (request, reply) => {
    const revision = await fastify.editorState.revisions.get(Number(request.params.id));
    if (!revision) return sendErrorPage(reply, pages, siteTitle(), 404, 'Не найдено', `Редакции ${request.params.id} нет.`);
    const outcome = await fastify.publisher.publish({ documents: revision.documents, author: request.user!.login, comment: `Восстановлена редакция ${revision.id}`, restoredFrom: revision.id });
    return after(request, reply, outcome, `восстановление редакции ${revision.id}`);
  });
}
