/** Registers every named API schema once, so routes and the OpenAPI document reference one definition. */
import fp from 'fastify-plugin';
import { API_SCHEMAS } from '../../api/schemas/index.js';

export default fp(
  async (fastify) => {
    for (const schema of Object.values(API_SCHEMAS)) fastify.addSchema(schema);
  },
  { name: 'api-schemas', fastify: '5.x' },
);
