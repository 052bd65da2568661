/** The occurrences and the plan as CSV for spreadsheets: the same query, validation and records as the JSON routes. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { dataModified, type Dataset } from '../../../domain/model.js';
import { occurrencesCsv, organizationsCsv, planCsv } from '../../../render/csv/documents.js';
import { organizationsDocument } from '../../../render/json/organizations.js';
import { planDocument } from '../../../render/json/plan.js';
import { type ProblemKind } from '../../../api/problem.js';
import { problemResponses } from '../../problem.js';
import { buildRepresentation } from '../../representation.js';
import { OccurrencesQuery } from '../../../api/schemas/occurrences.js';
import { sendRepresentation } from '../../send-representation.js';
import { NoQuery } from './document.js';
import { occurrencesRequest } from './occurrences.js';

// header=present (RFC 4180 §3): the first row names the columns.
const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8; header=present';
const CSV_CACHE_CONTROL = 'public, max-age=300';

function csvResponses(description: string, ...problems: readonly ProblemKind[]) {
  return {
    200: {
      description: `${description}: UTF-8 с BOM, разделитель «;», кавычки по RFC 4180; столбцы называются как поля JSON; ячейки, начинающиеся с = + - @, начинаются с апострофа.`,
      content: { 'text/csv': { schema: { type: 'string' } } },
    },
    304: { description: 'Не изменился с указанной версии (If-None-Match / If-Modified-Since)', type: 'null' },
    ...problemResponses(...problems),
  };
}

async function sendCsv(fastify: Parameters<FastifyPluginAsyncTypebox>[0], request: FastifyRequest, reply: FastifyReply, data: Dataset, key: string, build: () => string) {
  const representation = await fastify.representations.get(`csv\0${data.version}\0${key}`, () =>
    buildRepresentation({ body: build(), contentType: CSV_CONTENT_TYPE, lastModified: dataModified(data) }),
  );
  return sendRepresentation(request, reply, representation, CSV_CACHE_CONTROL);
}

const csv: FastifyPluginAsyncTypebox = async (fastify) => {
  const { publicUrl } = fastify.config;

  fastify.get(
    '/api/occurrences.csv',
    {
      schema: {
        operationId: 'listOccurrencesCsv',
        summary: 'Сроки за период (CSV)',
        description:
          'Те же сроки и те же параметры, что у /api/occurrences, таблицей для Excel и Google Таблиц ' +
          '(в Google Таблицах: =IMPORTDATA("…/api/occurrences.csv?…"; ";")). Одна строка — один срок.',
        tags: ['Сроки'],
        querystring: OccurrencesQuery,
        response: csvResponses('Сроки за период', 'invalid-parameter', 'not-found'),
      },
    },
    async (request, reply) => {
      const data = fastify.dataStore.current;
      const { key, build } = occurrencesRequest(request.query, data, publicUrl);
      return sendCsv(fastify, request, reply, data, key, () => occurrencesCsv(build()));
    },
  );

  fastify.get(
    '/api/plan.csv',
    {
      schema: {
        operationId: 'getPlanCsv',
        summary: 'Типовой план (CSV)',
        description: 'Пункты плана таблицей: одна строка — один срок исполнения пункта (у пунктов 5, 6 и 14 их несколько).',
        tags: ['План'],
        querystring: NoQuery,
        response: csvResponses('Типовой план', 'invalid-parameter'),
      },
    },
    async (request, reply) => {
      const data = fastify.dataStore.current;
      return sendCsv(fastify, request, reply, data, 'plan', () => planCsv(planDocument(data, publicUrl)));
    },
  );

  fastify.get(
    '/api/organizations.csv',
    {
      schema: {
        operationId: 'listOrganizationsCsv',
        summary: 'Организации (CSV)',
        description: 'Реестр таблицей: одна строка — одна организация, со ссылками на её календарь (как feed.https и feed.webcal в /api/organizations).',
        tags: ['Организации'],
        querystring: NoQuery,
        response: csvResponses('Организации', 'invalid-parameter'),
      },
    },
    async (request, reply) => {
      const data = fastify.dataStore.current;
      return sendCsv(fastify, request, reply, data, 'organizations', () => organizationsCsv(organizationsDocument(data, publicUrl)));
    },
  );
};

export default csv;
