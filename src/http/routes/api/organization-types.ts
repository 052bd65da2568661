import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { organizationTypesDocument } from '../../../render/json/organizations.js';
import { documentResponses, NoQuery, sendDocument } from './document.js';

const organizationTypes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/api/organization-types',
    {
      schema: {
        operationId: 'listOrganizationTypes',
        summary: 'Типы организаций',
        description: 'Общеобразовательные, дошкольные и организации дополнительного образования: пункты плана для каждого типа и адреса их лент.',
        tags: ['Организации'],
        querystring: NoQuery,
        response: documentResponses('OrganizationTypeList', 'Типы организаций'),
      },
    },
    async (request, reply) => {
      const data = fastify.dataStore.current;
      return sendDocument(fastify, request, reply, data, 'organization-types', () =>
        organizationTypesDocument(data, fastify.config.publicUrl),
      );
    },
  );
};

export default organizationTypes;
