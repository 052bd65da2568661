/**
 * Records each successful feed poll (200 or 304) in the subscription statistics: the feed's path
 * and the client's User-Agent, hashed there; no address is looked at. The statistics are a
 * decoration (`fastify.subscriptionStats`) the /admin context reads for the methodologist's table.
 */
import fp from 'fastify-plugin';
import { SubscriptionStats } from '../../stats/subscriptions.js';

declare module 'fastify' {
  interface FastifyInstance {
    subscriptionStats: SubscriptionStats;
  }
}

const FEED_PATH = /^\/feeds\/[^?]*\.ics$/;

export default fp(
  async (fastify) => {
    const stats = new SubscriptionStats();
    fastify.decorate('subscriptionStats', stats);
    fastify.addHook('onResponse', async (request, reply) => {
      if (request.method !== 'GET' || (reply.statusCode !== 200 && reply.statusCode !== 304)) return;
      const path = request.url.split('?')[0] ?? '';
      // Only existing feeds reach 200/304, so the map holds no made-up paths.
      if (FEED_PATH.test(path)) stats.record(path, request.headers['user-agent'], fastify.clock());
    });
  },
  { name: 'subscription-stats', fastify: '5.x', dependencies: ['services'] },
);
