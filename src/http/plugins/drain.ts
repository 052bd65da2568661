import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import fp from 'fastify-plugin';

/**
 * How long an open connection may still deliver a request it had already sent: bytes that
 * reached the kernel before close() began are not yet a request to Node, and Node's close()
 * drops every connection without one as idle, resetting a request the client considers sent.
 */
const GRACE_MS = 250;
const IDLE_SWEEP_MS = 250;

/** The response a socket is busy with: Node's own link (`_httpMessage`), stable since 0.x; test/http-drain.test.ts fails without it. */
const responseOf = (socket: Socket) => (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage ?? undefined;

/**
 * Draining on close. Every response still to be sent says `Connection: close`: Fastify adds it
 * only to requests that start after close() began, so one already running would leave its
 * socket open for keep-alive, and the client's next request on it would meet the socket being
 * torn down (ECONNRESET) instead of an answer. With the header the client opens a fresh
 * connection, which another replica or the restarted service accepts.
 *
 * The responses are reached through the open sockets at close time rather than by an onSend
 * hook: a hook would cost every request (about 4 % of the 304 path, docs/performance.md) for
 * the one moment it matters; a socket is tracked once per connection.
 */
export default fp(
  async (fastify) => {
    const sockets = new Set<Socket>();
    fastify.server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    const closeInFlight = () => {
      for (const socket of sockets) {
        const response = responseOf(socket);
        if (response !== undefined && !response.headersSent) response.setHeader('connection', 'close');
      }
    };
    fastify.addHook('preClose', async () => {
      closeInFlight();
      if (!fastify.server.listening || sockets.size === 0) return;
      await sleep(GRACE_MS);
      // A busy loop may run this timer before reading what arrived meanwhile; the check phase
      // comes after the poll phase, which reads it and starts those requests.
      await new Promise((resolve) => setImmediate(resolve));
      closeInFlight();
      // A response whose headers had gone out keep-alive leaves an idle socket when it ends;
      // Node's close() sweeps idle sockets once, so sweep until the last one is gone.
      const sweep = setInterval(() => undefined, IDLE_SWEEP_MS);
      sweep.unref();
      fastify.server.once('close', () => clearInterval(sweep));
    });
  },
  { name: 'drain', fastify: '5.x' },
);
