/**
 * `GET/PUT /admin/api/organizations/{id}/settings`: the settings object exactly as in
 * data/organizations.json. The ETag is the version of this organization's settings; PUT needs
 * If-Match (missing → 428, stale → 412), invalid settings → 422 naming each JSON pointer.
 */
import Type from 'typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { OrganizationSettings } from '../../domain/schema.js';
import { problemResponses } from '../../http/problem.js';
import { sendProblem } from '../respond.js';
import { settingsTag, versionNamed } from '../settings/version.js';
import { organizationAccess } from './access.js';
import { recordSave } from './record.js';

type Params = { Params: { id: string } };

const security = [{ bearerToken: [] }];
const params = Type.Object({ id: Type.String({ description: 'Идентификатор организации' }) });
const settingsBody = { description: 'Настройки организации, как в data/organizations.json', content: { 'application/json': { schema: OrganizationSettings } } };
const etag = { ETag: { description: 'Версия настроек организации', schema: { type: 'string' } } };

// The domain's validators check the body (the same Russian messages as at start-up, as 422);
// the schema is there for the OpenAPI document, not for Fastify to validate.
const noValidation = () => (value: unknown) => ({ value });

export async function apiSettingsRoutes(fastify: FastifyInstance, publicUrl: string): Promise<void> {
  function access(request: FastifyRequest<Params>, reply: FastifyReply) {
    const found = organizationAccess(fastify, request, request.params.id);
    if (!found.ok) sendProblem(reply, publicUrl, found.status === 403 ? 'forbidden' : 'not-found', found.detail);
    return found.ok ? found.organization : undefined;
  }

  fastify.get<Params>(
    '/api/organizations/:id/settings',
    {
      schema: {
        operationId: 'getOrganizationSettings',
        summary: 'Настройки календаря организации',
        description: 'Настройки в том виде, в каком они записаны в data/organizations.json. ETag — версия настроек этой организации: отправьте его в If-Match при изменении.',
        tags: ['Редактор'],
        security,
        params,
        response: { 200: { ...settingsBody, headers: etag }, ...problemResponses('unauthorized', 'forbidden', 'not-found') },
      },
    },
    async (request, reply) => {
      const organization = access(request, reply);
      if (!organization) return reply;
      return reply.header('etag', settingsTag(organization.settings)).type('application/json; charset=utf-8').send(JSON.stringify(organization.settings ?? {}));
    },
  );

  fastify.put<Params>(
    '/api/organizations/:id/settings',
    {
      validatorCompiler: noValidation,
      schema: {
        operationId: 'putOrganizationSettings',
        summary: 'Изменить настройки календаря организации',
        description:
          'Заменяет настройки организации целиком. Нужен заголовок If-Match с ETag из GET; данные проверяются так же, как при запуске сервиса. ' +
          'После сохранения лента, страница и данные организации обновляются сразу, SEQUENCE перенесённых событий растёт.',
        tags: ['Редактор'],
        security,
        params,
        headers: Type.Object({ 'if-match': Type.String({ description: 'ETag настроек из GET' }) }),
        body: OrganizationSettings,
        response: {
          200: { ...settingsBody, headers: etag },
          ...problemResponses('unauthorized', 'forbidden', 'not-found', 'precondition-failed', 'invalid-document', 'precondition-required'),
        },
      },
    },
    async (request, reply) => {
      const organization = access(request, reply);
      if (!organization) return reply;
      const ifMatch = request.headers['if-match'];
      if (ifMatch === undefined) return sendProblem(reply, publicUrl, 'precondition-required', 'Укажите заголовок If-Match со значением ETag, полученным запросом GET этих настроек.');
      // The writer compares the version named here with the file's, under its lock.
      const outcome = await fastify.settingsWriter.save(organization.id, versionNamed(ifMatch, organization.settings), request.body);
      await recordSave(fastify, request, organization.id, outcome, request.body);
      if (outcome.kind === 'stale') {
        reply.header('etag', settingsTag(outcome.current));
        return sendProblem(reply, publicUrl, 'precondition-failed', 'Настройки изменили после того, как вы их прочитали. Прочитайте их заново (GET), перенесите свои изменения и повторите с новым If-Match.');
      }
      if (outcome.kind === 'invalid') {
        return sendProblem(reply, publicUrl, 'invalid-document', `Настройки не сохранены: ошибок — ${outcome.problems.length}. Каждая указана в поле problems.`, { problems: outcome.problems });
      }
      if (outcome.kind === 'unknown') return sendProblem(reply, publicUrl, 'not-found', `Организации «${organization.id}» больше нет в реестре.`);
      return reply.header('etag', settingsTag(outcome.after)).type('application/json; charset=utf-8').send(JSON.stringify(outcome.after ?? {}));
    },
  );
}
