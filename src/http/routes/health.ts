import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type, { type Static } from 'typebox';
import { seesHealthDetails } from '../health-access.js';

const Issue = Type.Object({
  file: Type.String({ description: 'Файл данных' }),
  path: Type.String({ description: 'JSON Pointer внутри файла' }),
  message: Type.String(),
});

export const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')], {
    description: 'degraded — последняя перезагрузка данных не удалась, обслуживаются прежние (корректные) данные',
  }),
  version: Type.String({ description: 'Версия обслуживаемых данных' }),
  updated: Type.String({ description: 'Время изменения данных (plan.meta.updated)' }),
  loadedAt: Type.String({ description: 'Когда эта версия данных была загружена' }),
  reload: Type.Object({
    ok: Type.Boolean({ description: 'Удалась ли последняя перезагрузка данных' }),
    inProgressSince: Type.Optional(
      Type.String({ description: 'Когда началась идущая сейчас загрузка данных; загрузка дольше 30 с считается неудачной' }),
    ),
    error: Type.Optional(
      Type.Object({
        issueCount: Type.Integer({ description: 'Сколько ошибок нашлось в данных' }),
        issues: Type.Optional(
          Type.Array(Issue, { description: 'Файл, место и текст каждой ошибки; только для запросов с этого же компьютера не через прокси' }),
        ),
        at: Type.String({ description: 'Время неудачной перезагрузки' }),
      }),
    ),
  }),
});
export type Health = Static<typeof Health>;

const health: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/healthz',
    {
      schema: {
        operationId: 'getHealth',
        summary: 'Состояние сервиса',
        description:
          'Всегда 200, пока сервис обслуживает корректные данные. Если последняя перезагрузка данных не удалась, ' +
          'status = degraded, а reload.error — число ошибок и время; ленты при этом отдаются по прежней версии данных. ' +
          'Файлы и места ошибок (reload.error.issues) видны только запросам с самого сервера не через прокси. ' +
          'Ответ не предназначен для чужих сайтов: заголовка Access-Control-Allow-Origin у него нет.',
        tags: ['Служебное'],
        response: { 200: Health },
      },
    },
    async (request, reply) => {
      const store = fastify.dataStore;
      const { dataset, loadedAt } = store.snapshot;
      const failure = store.lastReloadError;
      const since = store.reloadInProgressSince;
      const inProgress = since === undefined ? {} : { inProgressSince: since.toISOString() };
      const details = seesHealthDetails(request);
      // An operator's page, not open data: no other site's script may read it.
      reply.removeHeader('access-control-allow-origin').removeHeader('access-control-expose-headers').header('cache-control', 'no-store');
      return {
        status: failure === undefined ? 'ok' : 'degraded',
        version: dataset.version,
        updated: dataset.plan.meta.updated,
        loadedAt: loadedAt.toISOString(),
        reload:
          failure === undefined
            ? { ok: true, ...inProgress }
            : {
                ok: false,
                ...inProgress,
                error: {
                  issueCount: failure.error.issues.length,
                  ...(details ? { issues: [...failure.error.issues] } : {}),
                  at: failure.at.toISOString(),
                },
              },
      } satisfies Health;
    },
  );
};

export default health;
