/** What every API route shares: a JSON document served as a cached representation, and its responses. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { dataModified, type Dataset } from '../../../domain/model.js';
import { jsonBytes } from '../../json-bytes.js';
import { type ProblemKind } from '../../../api/problem.js';
import { problemResponses } from '../../problem.js';
import { buildRepresentation, type RepresentationSource } from '../../representation.js';
import type { ApiSchemaName } from '../../../api/schemas/index.js';
import { sendRepresentation } from '../../send-representation.js';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

// Tools poll; five minutes of freshness, then a cheap revalidation by ETag.
const API_CACHE_CONTROL = 'public, max-age=300';

/** The routes that take no options still refuse unknown ones, as the feeds do. */
export const NoQuery = Type.Object({}, { additionalProperties: false });

/** 200 with the named document, 304, and the problems the route can answer with. */
export function documentResponses(name: ApiSchemaName, description: string, ...problems: readonly ProblemKind[]) {
  return {
    200: { description, content: { 'application/json': { schema: Type.Ref(name) } } },
    304: { description: 'Не изменился с указанной версии (If-None-Match / If-Modified-Since)', type: 'null' },
    ...problemResponses('invalid-parameter', ...problems),
  };
}

/** A document already serialized (see occurrencesDocumentText): sent as it is. */
export class JsonText {
  constructor(readonly text: string) {}
}

/** What a document answers with; the static export writes the same without a request (src/static-export/direct.ts). */
export function documentSource(data: Dataset, document: unknown): RepresentationSource {
  return { body: document instanceof JsonText ? document.text : jsonBytes(document), contentType: JSON_CONTENT_TYPE, lastModified: dataModified(data) };
}

/**
 * Serves the document built by `build` for this data version and `key` (route + canonical
 * query): built and compressed once, then answered from the representation cache with
 * ETag / 304 and gzip / br, like the feeds.
 */
export async function sendDocument(
  fastify: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  data: Dataset,
  key: string,
  build: () => unknown,
): Promise<FastifyReply> {
  const representation = await fastify.representations.get(`api\0${data.version}\0${key}`, () => buildRepresentation(documentSource(data, build())));
  return sendRepresentation(request, reply, representation, API_CACHE_CONTROL);
}
