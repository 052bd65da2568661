/**
 * Failed sign-ins per account and per address, counted by @fastify/rate-limit's manual limiter
 * (its store, its window): more than 10 failures in 15 minutes locks that account or address out
 * until its window ends, answered with 429 and Retry-After.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';

export const MAX_FAILURES = 10;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;

export interface LoginThrottle {
  /** Seconds until the account or address may try again, or 0. */
  retryAfter(request: FastifyRequest, login: string): number;
  /** Counts a failure; returns the seconds to wait when it was one too many, else 0. */
  fail(request: FastifyRequest, login: string): Promise<number>;
}

export function loginThrottle(fastify: FastifyInstance, clock: () => number = Date.now): LoginThrottle {
  const byAddress = fastify.createRateLimit({ max: MAX_FAILURES, timeWindow: FAILURE_WINDOW_MS, keyGenerator: (r) => `address:${r.ip}` });
  const byLogin = fastify.createRateLimit({
    max: MAX_FAILURES,
    timeWindow: FAILURE_WINDOW_MS,
    keyGenerator: (r) => `login:${String((r.body as { login?: unknown } | undefined)?.login ?? '').trim().toLowerCase()}`,
  });
  // Key → when the lock ends; the limiter tells when a window is exceeded, this remembers it.
  const locked = new Map<string, number>();
  const keys = (request: FastifyRequest, login: string) => [`address:${request.ip}`, `login:${login}`];

  function retryAfter(request: FastifyRequest, login: string): number {
    const now = clock();
    let wait = 0;
    for (const key of keys(request, login)) {
      const until = locked.get(key);
      if (until === undefined) continue;
      if (until <= now) locked.delete(key);
      else wait = Math.max(wait, Math.ceil((until - now) / 1000));
    }
    return wait;
  }

  return {
    retryAfter,
    async fail(request, login) {
      const results = await Promise.all([byAddress(request), byLogin(request)]);
      results.forEach((limit, i) => {
        if (!limit.isAllowed && limit.isExceeded) locked.set(keys(request, login)[i] as string, clock() + limit.ttl);
      });
      return retryAfter(request, login);
    },
  };
}
