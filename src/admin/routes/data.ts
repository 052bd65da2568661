/**
 * The department editor's HTML pages (methodologist only): the draft's sections, the school-year
 * form, plan and registry as JSON, preview and publish, history and restore, the conflict page.
 * Every form goes through the same DraftService and Publisher as the API.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { dataHomeBody, documentBody, schoolYearBody } from '../pages/data.js';
import { draftChangedBody, previewBody } from '../pages/publish.js';
import { redirect, sendErrorPage, sendPage, type AdminPages } from '../respond.js';
import { problemPlace } from '../editor/problem-links.js';
import { copiedFromPrevious, fromProvisional, formFromBody, formOf, isSystem, withForm, yearsOf, type FormBody } from '../editor/school-year-form.js';
import type { DraftDocuments } from '../../state/index.js';
import { isMethodologist, methodologistOnlyDetail } from './access.js';
import { historyRoutes } from './history.js';
import { registryRoutes } from './registry.js';
import { planItemRoutes } from './plan-items.js';
import { planItemFormRoutes } from './plan-item.js';
import { workingDayRoutes } from './working-days.js';

type YearParams = { Params: { year: string; system: string } };

/** `/schoolYears/years/3/systems/quarters/terms/1/end` → `terms.1.end`, `…/finalAttestation/0/end` → `gia.0.end`: the input it concerns. */
function fieldProblems(problems: readonly { pointer: string; message: string }[], prefix: string, year: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const { pointer, message } of problems) {
    const match = /^(terms|holidays)\/(\d+)(?:\/(name|start|end|grades))?/.exec(pointer.startsWith(prefix) ? pointer.slice(prefix.length) : '');
    if (match) fields.set(`${match[1]}.${match[2]}.${match[3] ?? 'start'}`, message);
    const period = /^\/schoolYears\/years\/\d+\/finalAttestation\/(\d+)(?:\/(name|end))?/.exec(pointer.startsWith(year) ? pointer : '');
    if (period) fields.set(`gia.${period[1]}.${period[2] ?? 'name'}`, message);
  }
  return fields;
}
const YEAR = /^(\d{4})-(\d{4})$/;

export async function dataRoutes(fastify: FastifyInstance, pages: AdminPages): Promise<void> {
  const siteTitle = () => fastify.dataStore.current.plan.meta.shortTitle;
  const ctx = () => pages.context(siteTitle());
  const names = () => new Map(fastify.dataStore.current.registry.organizations.map((o) => [o.id, o.shortName]));
  const preHandler = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!isMethodologist(request)) return sendErrorPage(reply, pages, siteTitle(), 403, 'Доступ запрещён', methodologistOnlyDetail(request));
  };
  const post = { preHandler: [preHandler, fastify.csrfProtection] };
  const show = (reply: FastifyReply, title: string, body: (csrf: string) => Parameters<typeof sendPage>[3]['body'], status = 200) => {
    const csrf = reply.generateCsrf();
    return sendPage(reply, pages, siteTitle(), { title, body: body(csrf), status }, csrf);
  };

  /** Saves the draft from a form; a stale one shows the conflict page instead. */
  async function saveDraft(request: FastifyRequest, reply: FastifyReply, documents: DraftDocuments, back: string) {
    const body = request.body as FormBody;
    const outcome = await fastify.drafts.save(body['draft'] ?? '', documents, request.user!.login, fastify.clock());
    if (outcome.kind === 'stale') {
      // The form's own page, where the draft as saved now is shown.
      const again = request.url.split('?', 1)[0] ?? '/admin/data';
      return show(reply, 'Черновик изменился', () => draftChangedBody(ctx(), 'save', again), 412);
    }
    if (outcome.kind === 'saved') await fastify.editorState.audit.append({ action: 'draft-saved', login: request.user!.login, address: request.ip, via: 'session', detail: `ошибок в черновике: ${outcome.problems.length}` });
    return redirect(reply, `${pages.base}${back}`);
  }

  fastify.get<{ Querystring: { notice?: string } }>('/data', { preHandler }, async (request, reply) => {
    const view = await fastify.drafts.view();
    const years = yearsOf(view.documents.schoolYears).map((y) => ({ id: String(y['id']), systems: Object.keys((y['systems'] ?? {}) as object) }));
    return show(reply, 'Данные отдела', (csrf) => dataHomeBody(ctx(), years, view.saved, csrf, request.query.notice === 'discarded' ? 'Черновик удалён.' : undefined));
  });

  fastify.post('/data/discard', post, async (request, reply) => {
    await fastify.editorState.drafts.clear();
    await fastify.editorState.audit.append({ action: 'draft-saved', login: request.user!.login, address: request.ip, via: 'session', detail: 'черновик удалён' });
    return redirect(reply, `${pages.base}/admin/data?notice=discarded`);
  });

  fastify.get<{ Querystring: { year?: string; system?: string } }>('/data/school-years/new', { preHandler }, async (request, reply) => {
    const { year = '', system = 'quarters' } = request.query;
    const match = YEAR.exec(year);
    if (!match || Number(match[2]) !== Number(match[1]) + 1 || !isSystem(system)) return sendErrorPage(reply, pages, siteTitle(), 400, 'Неверный учебный год', `«${year}» — не учебный год: ожидается ГГГГ-ГГГГ с соседними годами, например 2027-2028.`);
    return redirect(reply, `${pages.base}/admin/data/school-years/${year}/${system}`);
  });

  fastify.get<YearParams>('/data/school-years/:year/:system', { preHandler }, async (request, reply) => {
    const { year, system } = request.params;
    if (!YEAR.test(year) || !isSystem(system)) return sendErrorPage(reply, pages, siteTitle(), 404, 'Не найдено', `Нет учебного года «${year}» или системы «${system}».`);
    const view = await fastify.drafts.view();
    const problems = view.saved ? fastify.drafts.problems(await fastify.drafts.documentsOf(view), fastify.dataStore.current).filter((p) => p.pointer.startsWith('/schoolYears')) : [];
    const index = yearsOf(view.documents.schoolYears).findIndex((y) => y['id'] === year);
    const fields = fieldProblems(problems, `/schoolYears/years/${index}/systems/${system}/`, `/schoolYears/years/${index}/finalAttestation/`);
    return show(reply, `${year}: учебный график`, (csrf) => schoolYearBody(ctx(), formOf(view.documents.schoolYears, year, system), { csrf, etag: view.etag }, problems, fields));
  });

  fastify.post<YearParams>('/data/school-years/:year/:system', post, async (request, reply) => {
    const { year, system } = request.params;
    if (!YEAR.test(year) || !isSystem(system)) return sendErrorPage(reply, pages, siteTitle(), 404, 'Не найдено', `Нет учебного года «${year}» или системы «${system}».`);
    const body = request.body as FormBody;
    const view = await fastify.drafts.view();
    // A start only fills the form: it keeps the ETag the page was loaded with, so a draft saved
    // by someone else meanwhile makes the later save a conflict instead of being overwritten.
    const startedFrom = body['draft'] ?? '';
    if (body['intent'] === 'copy') {
      const copied = copiedFromPrevious(view.documents.schoolYears, year, system);
      if (!copied) return sendErrorPage(reply, pages, siteTitle(), 404, 'Нечего копировать', `В черновике нет графика ${system} предыдущего учебного года.`);
      return show(reply, `${year}: учебный график`, (csrf) => schoolYearBody(ctx(), copied, { csrf, etag: startedFrom }, []));
    }
    if (body['intent'] === 'provisional') {
      const started = fromProvisional(view.documents.schoolYears, year, system);
      return show(reply, `${year}: учебный график`, (csrf) => schoolYearBody(ctx(), started, { csrf, etag: startedFrom }, []));
    }
    const schoolYears = withForm(view.documents.schoolYears, formFromBody(body, year, system));
    return saveDraft(request, reply, { ...view.documents, schoolYears }, `/admin/data/school-years/${year}/${system}`);
  });

  for (const name of ['plan', 'organizations'] as const) {
    fastify.get(`/data/${name}`, { preHandler }, async (_request, reply) => {
      const view = await fastify.drafts.view();
      const problems = view.saved ? fastify.drafts.problems(await fastify.drafts.documentsOf(view), fastify.dataStore.current).filter((p) => p.pointer.startsWith(`/${name}`)) : [];
      return show(reply, name === 'plan' ? 'План' : 'Реестр организаций', (csrf) => documentBody(ctx(), name, JSON.stringify(view.documents[name], null, 2), { csrf, etag: view.etag }, problems));
    });
    fastify.post(`/data/${name}`, { ...post, bodyLimit: 4 * 1024 * 1024 }, async (request, reply) => {
      const body = request.body as FormBody;
      const view = await fastify.drafts.view();
      let parsed: unknown;
      try {
        parsed = JSON.parse(body['document'] ?? '');
      } catch (error) {
        const message = `это не JSON: ${(error as Error).message}. Черновик не изменён.`;
        return show(reply, 'Ошибка в документе', (csrf) => documentBody(ctx(), name, body['document'] ?? '', { csrf, etag: view.etag }, [], message), 422);
      }
      return saveDraft(request, reply, { ...view.documents, [name]: parsed }, `/admin/data/${name}`);
    });
  }

  fastify.get('/data/preview', { preHandler }, async (_request, reply) => {
    const view = await fastify.drafts.view();
    const preview = fastify.drafts.preview(await fastify.drafts.documentsOf(view), fastify.dataStore.current);
    return show(reply, 'Предпросмотр', (csrf) => previewBody(ctx(), preview, names(), { csrf, etag: view.etag }, view.saved, (pointer) => problemPlace(pointer, view.documents)));
  });

  const helpers = { preHandler, post: post.preHandler, show, names };
  await historyRoutes(fastify, pages, helpers);
  await registryRoutes(fastify, pages, { ...helpers, saveDraft });
  await planItemRoutes(fastify, pages, { ...helpers, saveDraft });
  await planItemFormRoutes(fastify, pages, { ...helpers, saveDraft });
  await workingDayRoutes(fastify, pages, helpers);
}
