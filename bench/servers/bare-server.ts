/**
 * Worker: the ceiling for this stack. A minimal Fastify instance (no plugins, no hooks, no
 * validation) whose routes answer with fixed bytes and headers captured from the real app, so
 * the only difference left is what the app does per request.
 *
 * Receives its routes on stdin-less IPC as the first command `routes`, then listens and replies
 * with its port.
 */
import Fastify from 'fastify';
import { announce, serveCommands } from '../lib/child.js';

export interface BareRoute {
  readonly path: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** base64 */
  readonly body: string;
}

const app = Fastify({ logger: false });

serveCommands(
  {
    // A full collection, as a long-running server has had (bench/gc-state.ts); needs --expose-gc.
    gc: () => {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (gc === undefined) throw new Error('gc needs --expose-gc');
      gc();
      gc();
      return true;
    },
    routes: async (message) => {
      for (const route of message['routes'] as BareRoute[]) {
        const body = Buffer.from(route.body, 'base64');
        app.get(route.path, (_request, reply) => {
          reply.code(route.status).headers(route.headers);
          return route.status === 304 ? reply.send() : reply.send(body);
        });
      }
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      if (address === null || typeof address === 'string') throw new Error('no TCP address');
      return address.port;
    },
  },
  () => app.close(),
);
announce({ started: true });
