/**
 * The registry as a form (methodologist only): the draft's organizations, adding one, renaming it
 * or changing its id or types, and removing it after a confirmation. Everything goes into the
 * draft through the same save as every other form; publishing records removals and redirects.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { formProblems, organizationFieldProblems, organizationFormFromBody, organizationsOf, withOrganization, withoutOrganization, type OrganizationForm } from '../editor/registry-form.js';
import type { FormBody } from '../editor/school-year-form.js';
import { organizationBody, registryBody, removalBody } from '../pages/registry.js';
import { sendErrorPage, type AdminPages } from '../respond.js';
import type { DraftDocuments } from '../../state/index.js';
import type { HistoryHelpers } from './history.js';

export interface RegistryHelpers extends HistoryHelpers {
  readonly saveDraft: (request: FastifyRequest, reply: FastifyReply, documents: DraftDocuments, back: string) => Promise<unknown>;
}

type IdParams = { Params: { id: string } };
const EMPTY: OrganizationForm = { id: '', name: '', shortName: '', types: [] };

export async function registryRoutes(fastify: FastifyInstance, pages: AdminPages, helpers: RegistryHelpers): Promise<void> {
  const { show, saveDraft } = helpers;
  const preHandler = helpers.preHandler as preHandlerAsyncHookHandler;
  const post = { preHandler: helpers.post as preHandlerAsyncHookHandler[] };
  const siteTitle = () => fastify.dataStore.current.plan.meta.shortTitle;
  const ctx = () => pages.context(siteTitle());
  const notFound = (reply: FastifyReply, id: string) => sendErrorPage(reply, pages, siteTitle(), 404, 'Не найдено', `В черновике реестра нет организации с идентификатором «${id}».`);
  const registryProblems = async () => {
    const view = await fastify.drafts.view();
    return view.saved ? fastify.drafts.problems(await fastify.drafts.documentsOf(view), fastify.dataStore.current).filter((p) => p.pointer.startsWith('/organizations')) : [];
  };

  fastify.get<{ Querystring: { removed?: string } }>('/data/registry', { preHandler }, async (request, reply) => {
    const view = await fastify.drafts.view();
    const removed = request.query.removed;
    const notice = removed ? `Организация ${removed} исключена в черновике; после публикации её адреса ответят «410 Gone».` : undefined;
    const problems = await registryProblems();
    return show(reply, 'Реестр организаций', () => registryBody(ctx(), organizationsOf(view.documents.organizations), problems, notice));
  });

  fastify.get<IdParams>('/data/registry/:id', { preHandler }, async (request, reply) => {
    const { id } = request.params;
    const view = await fastify.drafts.view();
    if (id === 'new') return show(reply, 'Новая организация', (csrf) => organizationBody(ctx(), EMPTY, undefined, { csrf, etag: view.etag }, [], new Map()));
    const organization = organizationsOf(view.documents.organizations).find((o) => o.id === id);
    if (!organization) return notFound(reply, id);
    const problems = (await registryProblems()).filter((p) => p.pointer === `/organizations/organizations/${organization.index}` || p.pointer.startsWith(`/organizations/organizations/${organization.index}/`));
    return show(reply, organization.shortName || id, (csrf) => organizationBody(ctx(), organization, id, { csrf, etag: view.etag }, problems, organizationFieldProblems(problems, organization.index)));
  });

  fastify.post<IdParams>('/data/registry/:id', post, async (request, reply) => {
    const originalId = request.params.id === 'new' ? undefined : request.params.id;
    const view = await fastify.drafts.view();
    const document = view.documents.organizations;
    if (originalId !== undefined && !organizationsOf(document).some((o) => o.id === originalId)) return notFound(reply, originalId);
    const form = organizationFormFromBody(request.body as FormBody);
    const fields = formProblems(document, form, originalId);
    if (fields.size > 0) {
      return show(reply, 'Ошибка в форме', (csrf) => organizationBody(ctx(), form, originalId, { csrf, etag: view.etag }, [], fields), 422);
    }
    const organizations = withOrganization(document, form, originalId);
    return saveDraft(request, reply, { ...view.documents, organizations }, `/admin/data/registry/${form.id}`);
  });

  fastify.get<IdParams>('/data/registry/:id/remove', { preHandler }, async (request, reply) => {
    const view = await fastify.drafts.view();
    const organization = organizationsOf(view.documents.organizations).find((o) => o.id === request.params.id);
    if (!organization) return notFound(reply, request.params.id);
    return show(reply, 'Исключить организацию', (csrf) => removalBody(ctx(), organization, { csrf, etag: view.etag }));
  });

  fastify.post<IdParams>('/data/registry/:id/remove', post, async (request, reply) => {
    const { id } = request.params;
    const view = await fastify.drafts.view();
    if (!organizationsOf(view.documents.organizations).some((o) => o.id === id)) return notFound(reply, id);
    const organizations = withoutOrganization(view.documents.organizations, id);
    return saveDraft(request, reply, { ...view.documents, organizations }, `/admin/data/registry?removed=${encodeURIComponent(id)}`);
  });
}
