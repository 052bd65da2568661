/**
 * The plan as forms (methodologist only): one item with its schedules and rules, and the plan's
 * metadata with the day-off policy. Saving goes into the draft through the same save as every
 * other form; the form's other buttons (a rule's kind, rows added or removed) re-render it unsaved,
 * carrying the ETag it was started from, so a save after someone else's still meets the conflict page.
 */
import type { FastifyInstance, FastifyReply, preHandlerAsyncHookHandler } from 'fastify';
import { DEFAULT_NOTE_DAYS } from '../../domain/change-log.js';
import { editedForm, itemFormFromBody, itemFormOf } from '../editor/plan-item-form.js';
import { withItemForm } from '../editor/plan-item-write.js';
import { itemFieldProblems, itemProblems } from '../editor/plan-item-problems.js';
import { findItem } from '../editor/plan-items.js';
import { metaFieldProblems, metaFormFromBody, metaFormOf, metaOf, withMetaForm } from '../editor/plan-meta-form.js';
import type { FormBody } from '../editor/school-year-form.js';
import { planItemBody, type ItemPage } from '../pages/plan-item.js';
import { planMetaBody } from '../pages/plan-meta.js';
import { sendErrorPage, type AdminPages } from '../respond.js';
import type { RegistryHelpers } from './registry.js';

type NumberParams = { Params: { number: string } };

export async function planItemFormRoutes(fastify: FastifyInstance, pages: AdminPages, helpers: RegistryHelpers): Promise<void> {
  const { show, saveDraft } = helpers;
  const preHandler = helpers.preHandler as preHandlerAsyncHookHandler;
  const post = { preHandler: helpers.post as preHandlerAsyncHookHandler[], bodyLimit: 1024 * 1024 };
  const siteTitle = () => fastify.dataStore.current.plan.meta.shortTitle;
  const ctx = () => pages.context(siteTitle());
  const draftProblems = async () => {
    const view = await fastify.drafts.view();
    const problems = view.saved ? fastify.drafts.problems(await fastify.drafts.documentsOf(view), fastify.dataStore.current) : [];
    return { view, problems };
  };
  const found = async (reply: FastifyReply, raw: string) => {
    const { view, problems } = await draftProblems();
    const number = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
    const items = ((view.documents.plan as { items?: unknown[] } | null)?.items ?? []) as unknown[];
    const item = findItem(view.documents.plan, number);
    if (!item) return { missing: sendErrorPage(reply, pages, siteTitle(), 404, 'Не найдено', `В черновике плана нет пункта «${raw}».`) };
    return { view, problems, number, item, index: items.indexOf(item) };
  };
  const showItem = (reply: FastifyReply, page: Omit<ItemPage, 'base'>, etag: string) =>
    show(reply, `п. ${page.form.number}`, (csrf) => planItemBody(ctx(), { ...page, base: { csrf, etag } }));

  fastify.get<NumberParams>('/data/plan/items/:number', { preHandler }, async (request, reply) => {
    const at = await found(reply, request.params.number);
    if (at.missing) return at.missing;
    const problems = itemProblems(at.problems, at.index);
    return showItem(reply, { form: itemFormOf(at.item), problems, fields: itemFieldProblems(problems, at.index), unsaved: false }, at.view.etag);
  });

  fastify.post<NumberParams>('/data/plan/items/:number', post, async (request, reply) => {
    const at = await found(reply, request.params.number);
    if (at.missing) return at.missing;
    const body = request.body as FormBody;
    const form = itemFormFromBody(body, at.number);
    const intent = body['intent'] ?? 'save';
    if (intent !== 'save') return showItem(reply, { form: editedForm(form, intent), problems: [], fields: new Map(), unsaved: true }, body['draft'] ?? '');
    const plan = withItemForm(at.view.documents.plan, form, fastify.dataStore.current.plan);
    return saveDraft(request, reply, { ...at.view.documents, plan }, `/admin/data/plan/items/${at.number}`);
  });

  fastify.get('/data/plan/meta', { preHandler }, async (_request, reply) => {
    const { view, problems } = await draftProblems();
    const own = problems.filter((p) => p.pointer === '/plan/meta' || p.pointer.startsWith('/plan/meta/'));
    const meta = metaOf(view.documents.plan);
    const text = (name: string) => (typeof meta[name] === 'string' ? (meta[name] as string) : '');
    const fixed = { timeZone: text('timeZone'), version: text('version'), updated: text('updated'), noteDays: fastify.dataStore.current.changeLog?.noteDays ?? DEFAULT_NOTE_DAYS };
    return show(reply, 'Сведения о плане', (csrf) => planMetaBody(ctx(), { form: metaFormOf(view.documents.plan), fixed, base: { csrf, etag: view.etag }, problems: own, fields: metaFieldProblems(own) }));
  });

  fastify.post('/data/plan/meta', post, async (request, reply) => {
    const view = await fastify.drafts.view();
    const plan = withMetaForm(view.documents.plan, metaFormFromBody(request.body as FormBody));
    return saveDraft(request, reply, { ...view.documents, plan }, '/admin/data/plan/meta');
  });
}
