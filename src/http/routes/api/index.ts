/** The JSON API under `/api`: its shared schemas first, then one small plugin per resource. */
import type { FastifyPluginAsync } from 'fastify';
import apiSchemas from '../../plugins/api-schemas.js';
import csv from './csv.js';
import occurrences from './occurrences.js';
import organizationTypes from './organization-types.js';
import organizations from './organizations.js';
import plan from './plan.js';

const api: FastifyPluginAsync = async (fastify) => {
  await fastify.register(apiSchemas);
  await fastify.register(plan);
  await fastify.register(organizationTypes);
  await fastify.register(organizations);
  await fastify.register(occurrences);
  await fastify.register(csv);
};

export default api;
