/**
 * A year's production calendar in the editor (methodologist only): marking transfers by hand, or
 * uploading an xmlcalendar file (./working-days-upload.ts). Both publish the way the API's upload
 * does (PUT /admin/api/working-days/{year}), one verified year replacing the provisional one,
 * through the Publisher — never by writing data/ directly.
 */
import type { FastifyInstance, FastifyReply, preHandlerAsyncHookHandler } from 'fastify';
import type { WorkingDaysYear } from '../../domain/schema.js';
import { dayProblems, dayRowsFromBody, dayRowsOf, handMarkedYear } from '../editor/working-days-form.js';
import type { FormBody } from '../editor/school-year-form.js';
import type { FieldProblems } from '../pages/data.js';
import { workingDaysBody, type WorkingDaysPage } from '../pages/working-days.js';
import { redirect, sendErrorPage, type AdminPages } from '../respond.js';
import { publishedReply, type HistoryHelpers } from './history.js';
import { uploadedNotice, workingDaysUploadRoutes } from './working-days-upload.js';

type YearParams = { Params: { year: string } };
export type ShowYear = (reply: FastifyReply, year: number, page?: Partial<WorkingDaysPage>, problems?: FieldProblems, status?: number) => Promise<FastifyReply>;

export async function workingDayRoutes(fastify: FastifyInstance, pages: AdminPages, helpers: HistoryHelpers): Promise<void> {
  const { show } = helpers;
  const preHandler = helpers.preHandler as preHandlerAsyncHookHandler;
  const post = { preHandler: helpers.post as preHandlerAsyncHookHandler[] };
  const siteTitle = () => fastify.dataStore.current.plan.meta.shortTitle;
  const ctx = () => pages.context(siteTitle());
  const after = publishedReply(fastify, pages, helpers);
  const yearOf = (raw: string) => (/^\d{4}$/.test(raw) && Number(raw) >= 2000 && Number(raw) <= 2100 ? Number(raw) : undefined);
  const published = async (year: number) => {
    const latest = await fastify.publisher.sync();
    return { latest, current: latest.documents.workingDays[`${year}.json`] as WorkingDaysYear | undefined };
  };
  const statusOf = (current: WorkingDaysYear | undefined) => (current === undefined ? 'none' : current.verified ? 'verified' : 'provisional');
  const defaultComment = (year: number) => `Производственный календарь ${year} года: переносы отмечены вручную`;
  const badYear = (reply: Parameters<typeof sendErrorPage>[0], raw: string) => sendErrorPage(reply, pages, siteTitle(), 404, 'Не найдено', `«${raw}» — не год производственного календаря: нужен год из четырёх цифр, 2000–2100.`);

  fastify.get<{ Querystring: { year?: string } }>('/data/working-days', { preHandler }, async (request, reply) => {
    const raw = (request.query.year ?? '').trim();
    return yearOf(raw) === undefined ? badYear(reply, raw) : redirect(reply, `${pages.base}/admin/data/working-days/${raw}`);
  });

  const showYear: ShowYear = async (reply, year, page = {}, problems = new Map(), status = 200) => {
    const { current } = await published(year);
    return show(reply, `Производственный календарь ${year}`, (csrf) => workingDaysBody(ctx(), { year, rows: dayRowsOf(current), status: statusOf(current), csrf, comment: defaultComment(year), ...page }, problems), status);
  };

  fastify.get<YearParams & { Querystring: { uploaded?: string } }>('/data/working-days/:year', { preHandler }, async (request, reply) => {
    const year = yearOf(request.params.year);
    if (year === undefined) return badYear(reply, request.params.year);
    const uploaded = await uploadedNotice(fastify, year, request.query.uploaded);
    return showYear(reply, year, uploaded ? { uploaded } : {});
  });

  fastify.post<YearParams>('/data/working-days/:year', { ...post, bodyLimit: 1024 * 1024 }, async (request, reply) => {
    const year = yearOf(request.params.year);
    if (year === undefined) return badYear(reply, request.params.year);
    const body = request.body as FormBody;
    const rows = dayRowsFromBody(body);
    const { latest, current } = await published(year);
    const comment = (body['comment'] ?? '').trim() || defaultComment(year);
    const problems = dayProblems(year, rows);
    if (problems.size > 0) return showYear(reply, year, { rows, comment }, problems, 422);
    const documents = { ...latest.documents, workingDays: { ...latest.documents.workingDays, [`${year}.json`]: handMarkedYear(year, rows, current) } };
    const outcome = await fastify.publisher.publish({ documents, author: request.user!.login, comment });
    return after(request, reply, outcome, `производственный календарь ${year}, отмечен вручную`);
  });

  await workingDaysUploadRoutes(fastify, pages, { ...helpers, yearOf, badYear, showYear });
}
