import { setTimeout as sleep } from 'node:timers/promises';
import fp from 'fastify-plugin';

/**
 * How long an open connection may still deliver a request it had already sent: bytes that
 * reached the kernel before close() began are not yet a request to Node, and Node's close()
 * drops every connection without one as idle, resetting a request the client considers sent.
 */
const GRACE_MS = 250;

/**
 * Draining on close. Every response sent while the app closes says `Connection: close`: Fastify
 * adds it only to requests that start after close() began, so one already running would leave
 * its socket open for keep-alive, and the client's next request on it would meet the socket
 * being torn down (ECONNRESET) instead of an answer. With the header the client opens a fresh
 * connection, which another replica or the restarted service accepts.
 */
export default fp(
  async (fastify) => {
    let draining = false;
    fastify.addHook('preClose', async () => {
      draining = true;
      const open = await new Promise<number>((resolve) => fastify.server.getConnections((_error, count) => resolve(count)));
      if (!fastify.server.listening || open === 0) return;
      await sleep(GRACE_MS);
      // A busy loop may run this timer before reading what arrived meanwhile; the check phase
      // comes after the poll phase, which reads it and starts those requests.
      await new Promise((resolve) => setImmediate(resolve));
    });
    fastify.addHook('onSend', (_request, reply, payload, done) => {
      if (draining) reply.header('connection', 'close');
      done(null, payload);
    });
  },
  { name: 'drain', fastify: '5.x' },
);
