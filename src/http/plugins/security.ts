import cors from '@fastify/cors';
import fp from 'fastify-plugin';

/**
 * Feeds and data are public and read-only: any origin may fetch them (calendar web apps, other
 * sites' widgets), and scripts need the validators and the file name.
 */
export default fp(
  async (fastify) => {
    await fastify.register(cors, {
      origin: '*',
      methods: ['GET', 'HEAD'],
      exposedHeaders: ['ETag', 'Last-Modified', 'Content-Disposition'],
      maxAge: 86_400,
    });
    // Every response, errors included: browsers must not guess a script out of a feed or a problem.
    fastify.addHook('onSend', async (_request, reply, payload) => {
      reply.header('x-content-type-options', 'nosniff');
      return payload;
    });
  },
  { name: 'security', fastify: '5.x' },
);
