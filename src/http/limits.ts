/**
 * How long and how many: the socket-level limits that keep a slow, silent or hostile client from
 * holding descriptors and memory. Fastify and Node leave most of them off (a socket that never
 * reads its answer stays open forever), so every one has a default here and an environment
 * variable (config.ts) to change it.
 */
import type { FastifyServerOptions } from 'fastify';
import type { ServerOptions } from 'node:http';

export interface ServerLimits {
  /** A socket with no traffic in either direction for this long is destroyed (a client that stopped reading). */
  readonly connectionTimeoutMs: number;
  /** An idle keep-alive socket is closed after this long; keep it above a proxy's upstream keepalive_timeout. */
  readonly keepAliveTimeoutMs: number;
  /** The request line and headers must arrive within this (slowloris). */
  readonly headersTimeoutMs: number;
  /** The whole request must arrive within this. */
  readonly requestTimeoutMs: number;
  /** Connections beyond this are closed on accept, before they cost more than a descriptor for a moment. */
  readonly maxConnections: number;
  /** After SIGTERM/SIGINT, requests in flight get this long to finish; then the process exits anyway. */
  readonly shutdownTimeoutMs: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  // A feed of 440 KB needs well under a second on any working link: a minute of total silence
  // means the client is gone or stalling on purpose.
  connectionTimeoutMs: 60_000,
  // Above nginx-proxy.conf's upstream keepalive_timeout (4 s), so nginx always closes first and
  // never sends a request on a socket the service is closing.
  keepAliveTimeoutMs: 10_000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  // Below the usual 1 024 descriptors (and the unit's LimitNOFILE) with room for data files and logs.
  maxConnections: 900,
  // Below Docker's 10 s stop grace and the unit's TimeoutStopSec (30 s): the service ends itself, not a SIGKILL.
  shutdownTimeoutMs: 8_000,
};

/** Node checks timed-out headers on this interval; its 30 s default lets a slowloris socket live 40 s. */
const CONNECTIONS_CHECK_MS = 1_000;

/** The Fastify constructor options that carry `limits`. */
export function serverOptions(
  limits: ServerLimits,
): Pick<FastifyServerOptions, 'connectionTimeout' | 'keepAliveTimeout' | 'requestTimeout' | 'return503OnClosing'> & { http: ServerOptions } {
  return {
    connectionTimeout: limits.connectionTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    http: {
      // Node refuses a headers timeout above the request timeout.
      headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(CONNECTIONS_CHECK_MS, limits.headersTimeoutMs),
      // Node would answer a missing Host with its own bare 400; plugins/protocol.ts answers it
      // with a problem instead.
      requireHostHeader: false,
    },
    // While draining, a request that arrives on an open keep-alive socket is answered in full
    // (with `Connection: close`, which Fastify adds) instead of a bare JSON 503: it was sent
    // before the client could know, and answering it is cheaper than a retry.
    return503OnClosing: false,
  };
}
