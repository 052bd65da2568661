/**
 * Records each successful feed poll (200 or 304) in the subscription statistics: the feed's path
 * and the client's User-Agent, hashed there; no address is looked at. The statistics are a
 * decoration (`fastify.subscriptionStats`) the /admin context reads for the methodologist's table;
 * `fastify.countFeedPoll` is what the feed routes (routes/feeds.ts) call for each answer.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { SubscriptionStats } from '../../stats/subscriptions.js';

declare module 'fastify' {
  interface FastifyInstance {
    subscriptionStats: SubscriptionStats;
    /** Counts the poll if it is a GET answered 200 or 304; the feed routes call it once their answer is decided. */
    countFeedPoll(request: FastifyRequest, reply: FastifyReply): void;
  }
}

export default fp(
  async (fastify) => {
    const stats = new SubscriptionStats();
    fastify.decorate('subscriptionStats', stats);
    // Called by the routes rather than run as an onResponse hook: any onResponse hook makes
    // Fastify track every response's end (listeners, timestamps, a hook runner), which cost the
    // feeds' 304s about a tenth of their CPU (docs/performance.md, "The 304 against the bare route").
    fastify.decorate('countFeedPoll', (request: FastifyRequest, reply: FastifyReply) => {
      // HEAD is a client checking, not polling; only existing feeds reach 200/304, so the map holds no made-up paths.
      if (request.method !== 'GET' || (reply.statusCode !== 200 && reply.statusCode !== 304)) return;
      const query = request.url.indexOf('?');
      stats.record(query === -1 ? request.url : request.url.slice(0, query), request.headers['user-agent'], fastify.clock());
    });
  },
  { name: 'subscription-stats', fastify: '5.x', dependencies: ['services'] },
);
