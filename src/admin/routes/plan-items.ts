/**
 * Adding and removing plan items (methodologist only), each through a confirmation naming the
 * feeds affected before the change enters the draft.
 */
import type { FastifyInstance, FastifyReply, preHandlerAsyncHookHandler } from 'fastify';
import { affectedFeeds, findItem, itemTypes, newItemProblem, newItemTemplate, planItemsOf, withItem, withoutItem } from '../editor/plan-items.js';
import type { FormBody } from '../editor/school-year-form.js';
import { itemConfirmBody, planItemsBody } from '../pages/plan-items.js';
import { redirect, sendErrorPage, type AdminPages } from '../respond.js';
import type { RegistryHelpers } from './registry.js';

type NumberParams = { Params: { number: string } };

export async function planItemRoutes(fastify: FastifyInstance, pages: AdminPages, helpers: RegistryHelpers): Promise<void> {
  const { show, saveDraft } = helpers;
  const preHandler = helpers.preHandler as preHandlerAsyncHookHandler;
  const post = { preHandler: helpers.post as preHandlerAsyncHookHandler[], bodyLimit: 1024 * 1024 };
  const siteTitle = () => fastify.dataStore.current.plan.meta.shortTitle;
  const ctx = () => pages.context(siteTitle());
  const url = '/admin/data/plan/items';

  async function list(reply: FastifyReply, options: { template?: string; error?: string; notice?: string } = {}) {
    const view = await fastify.drafts.view();
    const problems = view.saved ? fastify.drafts.problems(await fastify.drafts.documentsOf(view), fastify.dataStore.current).filter((p) => p.pointer.startsWith('/plan/items')) : [];
    const template = options.template ?? JSON.stringify(newItemTemplate(view.documents.plan), null, 2);
    return show(reply, 'Пункты плана', (csrf) => planItemsBody(ctx(), planItemsOf(view.documents.plan), template, { csrf, etag: view.etag }, problems, options.notice, options.error), options.error ? 422 : 200);
  }
  const removedItem = async (reply: FastifyReply, raw: string) => {
    const view = await fastify.drafts.view();
    const number = /^\d+$/.test(raw) ? Number(raw) : NaN;
    const item = findItem(view.documents.plan, number);
    if (!item) return { view, missing: sendErrorPage(reply, pages, siteTitle(), 404, 'Не найдено', `В черновике плана нет пункта «${raw}».`) };
    return { view, number, item };
  };

  fastify.get<{ Querystring: { removed?: string; added?: string } }>('/data/plan/items', { preHandler }, async (request, reply) => {
    const { removed, added } = request.query;
    const notice = removed ? `Пункт ${removed} удалён в черновике.` : added ? `Пункт ${added} добавлен в черновик.` : undefined;
    return list(reply, notice ? { notice } : {});
  });

  fastify.post('/data/plan/items/new', post, async (request, reply) => {
    const body = request.body as FormBody;
    const text = body['item'] ?? '';
    let item: unknown;
    try {
      item = JSON.parse(text);
    } catch (error) {
      return list(reply, { template: text, error: `это не JSON: ${(error as Error).message}. Черновик не изменён.` });
    }
    const view = await fastify.drafts.view();
    const problem = newItemProblem(view.documents.plan, item);
    if (problem) return list(reply, { template: text, error: `${problem}. Черновик не изменён.` });
    const number = (item as { number: number }).number;
    if (body['confirmed'] !== 'yes') {
      const entry = { number, title: String((item as { title?: unknown }).title ?? ''), types: itemTypes(item) };
      return show(reply, 'Добавить пункт', (csrf) => itemConfirmBody(ctx(), 'add', entry, affectedFeeds(item, view.documents.organizations), { csrf, etag: view.etag }, JSON.stringify(item)));
    }
    return saveDraft(request, reply, { ...view.documents, plan: withItem(view.documents.plan, item) }, `${url}?added=${number}`);
  });

  fastify.get<NumberParams>('/data/plan/items/:number/remove', { preHandler }, async (request, reply) => {
    const found = await removedItem(reply, request.params.number);
    if (found.missing) return found.missing;
    const entry = planItemsOf(found.view.documents.plan).find((i) => i.number === found.number)!;
    return show(reply, 'Удалить пункт', (csrf) => itemConfirmBody(ctx(), 'remove', entry, affectedFeeds(found.item, found.view.documents.organizations), { csrf, etag: found.view.etag }));
  });

  fastify.post<NumberParams>('/data/plan/items/:number/remove', post, async (request, reply) => {
    const found = await removedItem(reply, request.params.number);
    if (found.missing) return found.missing;
    if ((request.body as FormBody)['confirmed'] !== 'yes') return redirect(reply, `${pages.base}${url}/${found.number}/remove`);
    return saveDraft(request, reply, { ...found.view.documents, plan: withoutItem(found.view.documents.plan, found.number!) }, `${url}?removed=${found.number}`);
  });
}
