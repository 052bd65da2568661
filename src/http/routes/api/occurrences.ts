import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { isIsoDate, toDayNumber } from '../../../domain/dates.js';
import type { Audience, Dataset, DateRangeQuery } from '../../../domain/model.js';
import { feedOptionsKey } from '../../../render/feed-options.js';
import { occurrencesDocument, occurrencesDocumentText } from '../../../render/json/occurrences.js';
import { feedOptionsFromQuery } from '../../feed-query.js';
import { HttpProblem, invalidParameter } from '../../problem.js';
import type { OccurrencesDocument } from '../../../api/schemas/index.js';
import { MAX_RANGE_DAYS, OccurrencesQuery } from '../../../api/schemas/occurrences.js';
import { audienceId } from '../../../domain/audience.js';
import { documentResponses, JsonText, sendDocument } from './document.js';
import { organizationNotFound } from './organizations.js';

/** The schema checked the shape; this checks that the days exist and the range is sensible. */
function rangeOf(query: OccurrencesQuery): DateRangeQuery {
  const { from, to } = query;
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    if (!isIsoDate(value)) throw invalidParameter(name, `Даты ${value} не существует (параметр «${name}»). Укажите день в формате ГГГГ-ММ-ДД, например 2025-09-01.`);
  }
  if (from > to) throw invalidParameter('to', `Конец периода to=${to} раньше его начала from=${from}. Укажите to не раньше from.`);
  const days = toDayNumber(to) - toDayNumber(from) + 1;
  if (days > MAX_RANGE_DAYS) {
    throw invalidParameter(
      'to',
      `Период с ${from} по ${to} — ${days} дн.; за один запрос можно получить не больше ${MAX_RANGE_DAYS} дней (3 года). Разбейте период на части.`,
    );
  }
  return { from, to };
}

function audienceOf(query: OccurrencesQuery, data: Dataset, publicUrl: string): Audience {
  if (query.type !== undefined && query.organization !== undefined) {
    throw invalidParameter(
      'organization',
      'Параметры type и organization вместе не указываются: сроки организации уже включают сроки всех её типов. Оставьте один из них.',
    );
  }
  if (query.type !== undefined) return { kind: 'type', type: query.type };
  if (query.organization === undefined) return { kind: 'all' };
  const organization = data.organizationsById.get(query.organization);
  if (organization === undefined) throw new HttpProblem('not-found', organizationNotFound(query.organization, publicUrl), 'organization');
  return { kind: 'organization', organization };
}

/**
 * What one occurrences request asks for, checked: the representation key and how to build its
 * document. The JSON and CSV routes share it, so the same query means the same records.
 */
export function occurrencesRequest(
  query: OccurrencesQuery,
  data: Dataset,
  publicUrl: string,
): { key: string; build: () => OccurrencesDocument; buildText: () => JsonText } {
  const range = rangeOf(query);
  const audience = audienceOf(query, data, publicUrl);
  const options = feedOptionsFromQuery({ daily: query.daily, items: query.items }, data.plan);
  const documentOptions = options.items === undefined ? { daily: options.daily } : { daily: options.daily, items: options.items };
  return {
    key: `occurrences\0${audienceId(audience)}\0${range.from}\0${range.to}\0${feedOptionsKey(options)}`,
    build: () => occurrencesDocument(data, audience, range, documentOptions),
    // The JSON is assembled from memoised per-occurrence text (render/json/occurrences.ts).
    buildText: () => new JsonText(occurrencesDocumentText(data, audience, range, documentOptions)),
  };
}

const occurrences: FastifyPluginAsyncTypebox = async (fastify) => {
  const { publicUrl } = fastify.config;

  fastify.get(
    '/api/occurrences',
    {
      schema: {
        operationId: 'listOccurrences',
        summary: 'Сроки за период',
        description:
          'Сроки плана с датами, пересекающиеся с периодом from–to (включительно, не длиннее 3 лет), для всего плана, ' +
          'одного типа организаций (type) или одной организации (organization); те же сроки, что в соответствующей ленте. ' +
          'Кроме сроков — постоянные обязанности без дат и учебные годы, которых не хватает в данных.',
        tags: ['Сроки'],
        querystring: OccurrencesQuery,
        response: documentResponses('OccurrencesDocument', 'Сроки за период', 'not-found'),
      },
    },
    async (request, reply) => {
      const data = fastify.dataStore.current;
      const { key, buildText } = occurrencesRequest(request.query, data, publicUrl);
      return sendDocument(fastify, request, reply, data, key, buildText);
    },
  );
};

export default occurrences;
