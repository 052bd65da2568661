/** `GET /admin` and `GET /admin/audit`. */
import type { FastifyInstance } from 'fastify';
import { mayEdit } from '../../state/index.js';
import { auditBody, homeBody } from '../pages/home.js';
import { sendErrorPage, sendPage, type AdminPages } from '../respond.js';

const AUDIT_PAGE_ENTRIES = 500;

export async function homeRoutes(fastify: FastifyInstance, pages: AdminPages): Promise<void> {
  const siteTitle = () => fastify.dataStore.current.plan.meta.shortTitle;

  fastify.get('/', async (request, reply) => {
    const user = request.user;
    if (!user) return reply;
    const organizations = fastify.dataStore.current.registry.organizations.filter((o) => mayEdit(user, o.id));
    return sendPage(reply, pages, siteTitle(), { title: 'Редактор', body: homeBody(pages.context(siteTitle()), user, organizations) }, reply.generateCsrf());
  });

  fastify.get('/audit', async (request, reply) => {
    if (request.user?.role !== 'methodologist') {
      return sendErrorPage(reply, pages, siteTitle(), 403, 'Доступ запрещён', 'Журнал действий доступен только методисту Отдела образования.');
    }
    const entries = await fastify.editorState.audit.entries();
    const shown = entries.slice(-AUDIT_PAGE_ENTRIES).reverse();
    return sendPage(reply, pages, siteTitle(), { title: 'Журнал действий', body: auditBody(shown, entries.length) }, reply.generateCsrf());
  });
}
