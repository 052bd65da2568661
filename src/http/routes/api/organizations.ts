import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { OrganizationId } from '../../../domain/schema.js';
import { organizationJson, organizationsDocument } from '../../../render/json/organizations.js';
import { notFound } from '../../problem.js';
import { documentResponses, NoQuery, sendDocument } from './document.js';

export function organizationNotFound(id: unknown, publicUrl: string): string {
  return `Организация «${String(id)}» не найдена. Список организаций: ${publicUrl}/api/organizations`;
}

const organizations: FastifyPluginAsyncTypebox = async (fastify) => {
  const { publicUrl } = fastify.config;

  fastify.get(
    '/api/organizations',
    {
      schema: {
        operationId: 'listOrganizations',
        summary: 'Реестр организаций',
        description:
          'Все организации реестра: типы, действующие настройки, учебный график на каждый учебный год (муниципальный или собственный) и адреса лент.',
        tags: ['Организации'],
        querystring: NoQuery,
        response: documentResponses('OrganizationList', 'Реестр организаций'),
      },
    },
    async (request, reply) => {
      const data = fastify.dataStore.current;
      return sendDocument(fastify, request, reply, data, 'organizations', () => organizationsDocument(data, publicUrl));
    },
  );

  fastify.get(
    '/api/organizations/:id',
    {
      schema: {
        operationId: 'getOrganization',
        summary: 'Организация',
        description: 'Одна организация реестра (id — как в /api/organizations), в том же виде, что в списке.',
        tags: ['Организации'],
        params: Type.Object({ id: OrganizationId }),
        querystring: NoQuery,
        response: documentResponses('Organization', 'Организация', 'not-found'),
      },
      config: { notFoundDetail: (params, url) => organizationNotFound(params.id, url) },
    },
    async (request, reply) => {
      const data = fastify.dataStore.current;
      const organization = data.organizationsById.get(request.params.id);
      if (organization === undefined) throw notFound(organizationNotFound(request.params.id, publicUrl));
      return sendDocument(fastify, request, reply, data, `organization:${organization.id}`, () =>
        organizationJson(data, organization, publicUrl),
      );
    },
  );
};

export default organizations;
