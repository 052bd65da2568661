/** The audit entry of a settings save, whichever way it went. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SaveOutcome } from '../settings/save.js';

export async function recordSave(fastify: FastifyInstance, request: FastifyRequest, organization: string, outcome: SaveOutcome, submitted: unknown): Promise<void> {
  const user = request.user;
  if (!user) return;
  const who = { login: user.login, address: request.ip, via: user.via, organization };
  if (outcome.kind === 'saved') {
    await fastify.editorState.audit.append({ action: 'settings-changed', ...who, before: outcome.before ?? {}, after: outcome.after ?? {} });
  } else if (outcome.kind === 'stale') {
    await fastify.editorState.audit.append({ action: 'settings-conflict', ...who, before: outcome.current ?? {}, after: submitted, detail: 'сохранение отклонено: настройки изменились' });
  }
}
