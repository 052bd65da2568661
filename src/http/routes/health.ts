import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type, { type Static } from 'typebox';

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
        issues: Type.Array(Issue),
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
          'status = degraded, а reload.error называет файл и место ошибки; ленты при этом отдаются по прежней версии данных.',
        tags: ['Служебное'],
        response: { 200: Health },
      },
    },
    async (_request, reply) => {
      const store = fastify.dataStore;
      const { dataset, loadedAt } = store.snapshot;
      const failure = store.lastReloadError;
      const since = store.reloadInProgressSince;
      const inProgress = since === undefined ? {} : { inProgressSince: since.toISOString() };
      reply.header('cache-control', 'no-store');
      return {
        status: failure === undefined ? 'ok' : 'degraded',
        version: dataset.version,
        updated: dataset.plan.meta.updated,
        loadedAt: loadedAt.toISOString(),
        reload:
          failure === undefined
            ? { ok: true, ...inProgress }
            : { ok: false, ...inProgress, error: { issues: [...failure.error.issues], at: failure.at.toISOString() } },
      } satisfies Health;
    },
  );
};

export default health;
