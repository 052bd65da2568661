import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { planDocument } from '../../../render/json/plan.js';
import { documentResponses, NoQuery, sendDocument } from './document.js';

const plan: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/api/plan',
    {
      schema: {
        operationId: 'getPlan',
        summary: 'Типовой план',
        description: 'Все пункты плана с текстом, подсистемами, сносками и сроками исполнения (формулировка и правила), и постоянные обязанности.',
        tags: ['План'],
        querystring: NoQuery,
        response: documentResponses('PlanDocument', 'Типовой план'),
      },
    },
    // One read of the store per request: the whole response comes from this one version.
    async (request, reply) => {
      const data = fastify.dataStore.current;
      return sendDocument(fastify, request, reply, data, 'plan', () => planDocument(data, fastify.config.publicUrl));
    },
  );
};

export default plan;
