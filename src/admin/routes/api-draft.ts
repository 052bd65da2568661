/**
 * `GET/PUT /admin/api/draft` and `GET /admin/api/draft/preview`: the department's draft as the
 * three documents it becomes, with an ETag; any well-formed draft is kept and its problems
 * reported; the preview says what publishing would change, per feed.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { problemResponses } from '../../http/problem.js';
import { sendProblem } from '../respond.js';
import { isMethodologist, methodologistOnlyDetail } from './access.js';
import { DraftBody, etagHeader, json, noValidation, Preview, SaveResult, security } from './api-schemas.js';

export function methodologistOnly(publicUrl: string) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!isMethodologist(request)) return sendProblem(reply, publicUrl, 'forbidden', methodologistOnlyDetail(request));
  };
}

const JSON_TYPE = 'application/json; charset=utf-8';
const DRAFT_LIMIT = 4 * 1024 * 1024;

export async function apiDraftRoutes(fastify: FastifyInstance, publicUrl: string): Promise<void> {
  const preHandler = methodologistOnly(publicUrl);
  const tags = ['Редактор: данные отдела'];

  fastify.get('/api/draft', {
    preHandler,
    schema: {
      operationId: 'getDraft', tags, security,
      summary: 'Черновик данных',
      description: 'План, реестр организаций и учебные графики, которые станут plan.json, data/organizations.json и data/school-years.json. Пока черновик не начат — опубликованные данные. ETag — версия черновика: отправьте его в If-Match при PUT.',
      response: { 200: json(DraftBody, 'Черновик', etagHeader), ...problemResponses('unauthorized', 'forbidden') },
    },
  }, async (_request, reply) => {
    const view = await fastify.drafts.view();
    return reply.header('etag', view.etag).type(JSON_TYPE).send(JSON.stringify(view.documents));
  });

  fastify.put('/api/draft', {
    preHandler,
    bodyLimit: DRAFT_LIMIT,
    validatorCompiler: noValidation,
    schema: {
      operationId: 'putDraft', tags, security,
      summary: 'Сохранить черновик',
      description: 'Заменяет черновик целиком; нужен If-Match с ETag из GET. Черновик с ошибками сохраняется, ошибки возвращаются в problems: опубликовать его нельзя, пока они есть.',
      headers: Type.Object({ 'if-match': Type.String({ description: 'ETag черновика из GET' }) }),
      body: DraftBody,
      response: { 200: json(SaveResult, 'Черновик сохранён', etagHeader), ...problemResponses('unauthorized', 'forbidden', 'precondition-failed', 'invalid-document', 'precondition-required') },
    },
  }, async (request, reply) => {
    const ifMatch = request.headers['if-match'];
    if (ifMatch === undefined) return sendProblem(reply, publicUrl, 'precondition-required', 'Укажите заголовок If-Match со значением ETag, полученным запросом GET /admin/api/draft.');
    const user = request.user!;
    const outcome = await fastify.drafts.save(ifMatch, request.body, user.login, fastify.clock());
    if (outcome.kind === 'stale') {
      reply.header('etag', outcome.etag);
      return sendProblem(reply, publicUrl, 'precondition-failed', 'Черновик изменили (или опубликовали новую редакцию) после того, как вы его прочитали. Прочитайте его заново и перенесите свои изменения.');
    }
    if (outcome.kind === 'malformed') return sendProblem(reply, publicUrl, 'invalid-document', 'Это не черновик: нужен объект с полями plan, organizations и schoolYears.', { problems: outcome.problems });
    await fastify.editorState.audit.append({ action: 'draft-saved', login: user.login, address: request.ip, via: user.via, detail: `ошибок в черновике: ${outcome.problems.length}` });
    return reply.header('etag', outcome.etag).type(JSON_TYPE).send(JSON.stringify({ problems: outcome.problems }));
  });

  fastify.get('/api/draft/preview', {
    preHandler,
    schema: {
      operationId: 'previewDraft', tags, security,
      summary: 'Что изменит публикация черновика',
      description: 'Ошибки черновика (каждая — у своего поля) и, если их нет, изменения событий по лентам: добавленные, снятые, перенесённые, с изменённой формулировкой; одинаковые изменения в разных лентах — одной записью со списком лент.',
      response: { 200: json(Preview, 'Предпросмотр'), ...problemResponses('unauthorized', 'forbidden') },
    },
  }, async (_request, reply) => {
    const view = await fastify.drafts.view();
    const preview = fastify.drafts.preview(await fastify.drafts.documentsOf(view), fastify.dataStore.current);
    return reply.header('etag', view.etag).type(JSON_TYPE).send(JSON.stringify(preview));
  });
}
