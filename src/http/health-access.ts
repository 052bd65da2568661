/**
 * Who may read why a reload failed. The public answer to /healthz says only whether the
 * service is degraded; the file paths and parser messages of a failed reload describe the
 * server's disk and are for its operators: requests from this machine that did not come
 * through a proxy (a proxy on the same machine connects from loopback too, so its forwarding
 * headers mark the request as someone else's).
 */
import type { FastifyRequest } from 'fastify';

const LOOPBACK = /^(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'] as const;

export function isLocalOperator(request: FastifyRequest): boolean {
  const address = request.socket.remoteAddress ?? '';
  return LOOPBACK.test(address) && FORWARDING_HEADERS.every((name) => request.headers[name] === undefined);
}

/**
 * The one place that decides. When the methodologist's sign-in exists, a signed-in
 * methodologist is added here (`|| isMethodologist(request)`), and every caller follows.
 */
export function seesHealthDetails(request: FastifyRequest): boolean {
  return isLocalOperator(request);
}
