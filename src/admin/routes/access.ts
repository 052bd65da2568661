/** The organization a request names, if it exists and the user may edit it. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Organization } from '../../domain/schema.js';
import { mayEdit } from '../../state/index.js';

export type Access = { readonly ok: true; readonly organization: Organization } | { readonly ok: false; readonly status: 403 | 404; readonly detail: string };

export function organizationAccess(fastify: FastifyInstance, request: FastifyRequest, id: string): Access {
  const user = request.user;
  const organization = fastify.dataStore.current.organizationsById.get(id);
  // Another organization's id answers 403 whether it exists or not: a school cannot probe the registry.
  if (!user || !mayEdit(user, id)) return { ok: false, status: 403, detail: `Учётной записи «${user?.login ?? ''}» не разрешено изменять настройки организации «${id}».` };
  if (!organization) return { ok: false, status: 404, detail: `Организации «${id}» нет в реестре.` };
  return { ok: true, organization };
}

/** The department's editor (draft, publish, history, working days) is the methodologist's alone. */
export function isMethodologist(request: FastifyRequest): boolean {
  return request.user?.role === 'methodologist';
}

export function methodologistOnlyDetail(request: FastifyRequest): string {
  return `Учётной записи «${request.user?.login ?? ''}» это не разрешено: изменять план, реестр и календари может только методист Отдела образования.`;
}
