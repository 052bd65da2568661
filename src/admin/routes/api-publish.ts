/**
 * Publishing and history: `POST /admin/api/publish`, `GET /admin/api/revisions[/{id}]`,
 * `POST /admin/api/revisions/{id}/restore` and `PUT /admin/api/working-days/{year}` (an
 * xmlcalendar file, published at once as that year's production calendar).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { problemResponses } from '../../http/problem.js';
import { summaryOf } from '../../state/index.js';
import type { PublishOutcome, PublishRequest } from '../editor/publisher.js';
import { CALENDAR_BYTES, calendarUpload, refusalDetail } from '../editor/working-days-upload.js';
import { sendProblem } from '../respond.js';
import { methodologistOnly } from './api-draft.js';
import { IdParams, json, noValidation, PublishBody, RestoreBody, RevisionSchema, security, YearParams } from './api-schemas.js';

const JSON_TYPE = 'application/json; charset=utf-8';

function commentOf(body: unknown): string | undefined {
  const comment = (body as { comment?: unknown } | null)?.comment;
  return typeof comment === 'string' && comment.trim() !== '' && comment.length <= 1000 ? comment.trim() : undefined;
}

export async function apiPublishRoutes(fastify: FastifyInstance, publicUrl: string): Promise<void> {
  const preHandler = methodologistOnly(publicUrl);
  const tags = ['Редактор: данные отдела'];
  const published = { 201: json(RevisionSchema, 'Опубликована новая редакция') };

  async function answer(request: FastifyRequest, reply: FastifyReply, outcome: PublishOutcome, what: string): Promise<FastifyReply> {
    const user = request.user!;
    const who = { login: user.login, address: request.ip, via: user.via };
    if (outcome.kind === 'stale') {
      await fastify.editorState.audit.append({ action: 'publish-refused', ...who, detail: `${what}: после начала черновика опубликована редакция ${outcome.latest.id}` });
      return sendProblem(reply, publicUrl, 'conflict', `После того как черновик был начат, опубликована редакция ${outcome.latest.id} (${outcome.latest.author}: «${outcome.latest.comment}»). Ничего не опубликовано: перенесите свои изменения на текущие данные.`, { revisions: outcome.since.map(summaryOf) });
    }
    if (outcome.kind === 'unchanged') {
      // Nothing to do, as a repeated restore expects: the revision in force, as it is.
      return reply.code(200).header('location', `${fastify.prefix}/api/revisions/${outcome.latest.id}`).type(JSON_TYPE).send(JSON.stringify(summaryOf(outcome.latest)));
    }
    if (outcome.kind === 'invalid') {
      return sendProblem(reply, publicUrl, 'invalid-document', `Не опубликовано: ошибок — ${outcome.problems.length}. Каждая указана в поле problems.`, { problems: outcome.problems });
    }
    const revision = summaryOf(outcome.revision);
    await fastify.editorState.audit.append({ action: 'published', ...who, detail: `${what}: редакция ${revision.id}, версия ${revision.version}, «${revision.comment}»`, after: { changes: revision.changes.length } });
    return reply.code(201).header('location', `${fastify.prefix}/api/revisions/${revision.id}`).type(JSON_TYPE).send(JSON.stringify(revision));
  }

  const publish = (request: FastifyRequest, reply: FastifyReply, what: string, publishRequest: PublishRequest) =>
    fastify.publisher.publish(publishRequest).then((outcome) => answer(request, reply, outcome, what));

  fastify.post('/api/publish', {
    preHandler,
    validatorCompiler: noValidation,
    schema: {
      operationId: 'publishDraft', tags, security,
      summary: 'Опубликовать черновик',
      description: 'Черновик становится данными сервиса: все файлы записываются как одна версия, версия и updated плана растут, журнал событий обновляется (SEQUENCE растёт у изменённых событий), ленты и страницы меняются сразу. 409 — после начала черновика опубликована другая редакция; 422 — в черновике есть ошибки.',
      body: PublishBody,
      response: { ...published, ...problemResponses('unauthorized', 'forbidden', 'conflict', 'invalid-document') },
    },
  }, async (request, reply) => {
    const comment = commentOf(request.body);
    if (comment === undefined) return sendProblem(reply, publicUrl, 'invalid-document', 'Укажите комментарий к публикации: что и зачем изменено.', { problems: [{ pointer: '/comment', message: 'нужна непустая строка до 1000 знаков' }] });
    const view = await fastify.drafts.view();
    if (!view.saved) return sendProblem(reply, publicUrl, 'invalid-document', 'Черновика нет: опубликованные данные не изменены. Сначала сохраните черновик (PUT /admin/api/draft).', { problems: [] });
    const documents = await fastify.drafts.documentsOf(view);
    return publish(request, reply, 'публикация черновика', { documents, author: request.user!.login, comment, base: view.base });
  });

  fastify.get('/api/revisions', {
    preHandler,
    schema: { operationId: 'listRevisions', tags, security, summary: 'История публикаций', description: 'Все редакции данных, новые первыми; первая — данные, найденные при первом запуске редактора.', response: { 200: json(Type.Array(RevisionSchema), 'Редакции'), ...problemResponses('unauthorized', 'forbidden') } },
  }, async (_request, reply) => {
    await fastify.publisher.sync();
    return reply.type(JSON_TYPE).send(JSON.stringify(await fastify.editorState.revisions.list()));
  });

  fastify.get<{ Params: { id: string } }>('/api/revisions/:id', {
    preHandler,
    schema: { operationId: 'getRevision', tags, security, summary: 'Редакция данных', description: 'Редакция с документами, которые она опубликовала.', params: IdParams, response: { 200: json(Type.Intersect([RevisionSchema, Type.Object({ documents: Type.Unknown() })]), 'Редакция'), ...problemResponses('unauthorized', 'forbidden', 'not-found') } },
  }, async (request, reply) => {
    const revision = await fastify.editorState.revisions.get(Number(request.params.id));
    if (!revision) return sendProblem(reply, publicUrl, 'not-found', `Редакции ${request.params.id} нет.`);
    return reply.type(JSON_TYPE).send(JSON.stringify(revision));
  });

  fastify.post<{ Params: { id: string } }>('/api/revisions/:id/restore', {
    preHandler,
    validatorCompiler: noValidation,
    schema: {
      operationId: 'restoreRevision', tags, security, params: IdParams,
      summary: 'Восстановить редакцию',
      description: 'Публикует содержимое прежней редакции как новую: версия растёт, журнал событий идёт вперёд (SEQUENCE не уменьшается), так что календари подписчиков примут возвращённые даты. Настройки календарей, которые школы сохранили сами (settings организаций), не возвращаются: у каждой организации из реестра остаются нынешние.',
      body: RestoreBody,
      response: {
        200: json(RevisionSchema, 'Данные уже такие, как в этой редакции (например, повторное восстановление): новая редакция не создана, в ответе — действующая'),
        ...published,
        ...problemResponses('unauthorized', 'forbidden', 'not-found', 'invalid-document'),
      },
    },
  }, async (request, reply) => {
    const revision = await fastify.editorState.revisions.get(Number(request.params.id));
    if (!revision) return sendProblem(reply, publicUrl, 'not-found', `Редакции ${request.params.id} нет.`);
    const comment = commentOf(request.body) ?? `Восстановлена редакция ${revision.id}`;
    return publish(request, reply, `восстановление редакции ${revision.id}`, { documents: revision.documents, author: request.user!.login, comment, restoredFrom: revision.id });
  });

  // Its own scope: only the production-calendar upload takes XML (its body is the xmlcalendar file).
  await fastify.register(async (scope) => {
    scope.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    workingDaysRoute(scope, publicUrl, preHandler, tags, publish);
  });
}

type Publish = (request: FastifyRequest, reply: FastifyReply, what: string, publishRequest: PublishRequest) => Promise<FastifyReply>;

function workingDaysRoute(fastify: FastifyInstance, publicUrl: string, preHandler: ReturnType<typeof methodologistOnly>, tags: string[], publish: Publish): void {
  const published = { 201: json(RevisionSchema, 'Опубликована новая редакция') };
  fastify.put<{ Params: { year: string } }>('/api/working-days/:year', {
    preHandler,
    bodyLimit: CALENDAR_BYTES,
    validatorCompiler: noValidation,
    schema: {
      operationId: 'putWorkingDays', tags, security, params: YearParams,
      summary: 'Загрузить производственный календарь',
      description: 'Тело — файл производственного календаря в формате xmlcalendar (xmlcalendar.ru), Content-Type: application/xml. Загружая его, методист подтверждает, что он сверен с постановлением Правительства о переносе выходных: календарь публикуется сразу как утверждённый (verified) и заменяет предварительный.',
      body: Type.String({ description: 'XML производственного календаря' }),
      response: { ...published, ...problemResponses('unauthorized', 'forbidden', 'invalid-document') },
    },
  }, async (request, reply) => {
    const refuse = (message: string) => sendProblem(reply, publicUrl, 'invalid-document', refusalDetail(message), { problems: [{ pointer: '', message }] });
    if (!Buffer.isBuffer(request.body)) return refuse('тело запроса — XML-файл (Content-Type: application/xml)');
    const latest = await fastify.publisher.sync();
    const upload = calendarUpload(latest.documents, request.params.year, request.body, 'в адресе');
    if (upload.kind === 'refused') return refuse(upload.message);
    return publish(request, reply, upload.what, { documents: upload.documents, author: request.user!.login, comment: upload.comment });
  });
}
