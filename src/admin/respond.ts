/** How the editor answers: HTML pages in the site's layout, problem+json for /admin/api. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { loadAssets } from '../render/html/assets.js';
import type { Dataset } from '../domain/model.js';
import { siteIdentity } from '../render/html/identity.js';
import { layout, type PageContext } from '../render/html/layout.js';
import { html, toDocument, type Interpolation } from '../render/html/template.js';
import { PROBLEM_CONTENT_TYPE, problemOf, type ProblemKind } from '../api/problem.js';
import type { SettingsProblem } from './settings/candidate.js';

const HTML = 'text/html; charset=utf-8';

export interface AdminPages {
  readonly base: string;
  readonly publicUrl: string;
  context(siteTitle: string): PageContext;
}

export async function adminPages(publicUrl: string, current: () => Dataset): Promise<AdminPages> {
  const assets = await loadAssets();
  const base = new URL(publicUrl).pathname.replace(/\/+$/, '');
  return {
    base,
    publicUrl,
    context: (siteTitle) => ({
      base,
      siteTitle,
      assets: { css: `${assets.css.path}?v=${assets.css.version}`, js: `${assets.js.path}?v=${assets.js.version}` },
      identity: siteIdentity(current()),
    }),
  };
}

export interface PageInput {
  readonly title: string;
  readonly body: Interpolation;
  readonly status?: number;
}

/** The editor's navigation line above every page's own content. */
function editorBar(ctx: PageContext, request: FastifyRequest, csrf: string | undefined): Interpolation {
  const user = request.user;
  if (!user) return '';
  return html`<nav class="editor-bar" aria-label="Редактор"><p>Вы вошли как <strong>${user.login}</strong> (${user.role === 'methodologist' ? 'методист' : 'школа'}) · <a href="${ctx.base}/admin">Мои организации</a>${user.role === 'methodologist' ? html` · <a href="${ctx.base}/admin/data">Данные отдела</a> · <a href="${ctx.base}/admin/history">История публикаций</a> · <a href="${ctx.base}/admin/subscriptions">Организации и подписки</a> · <a href="${ctx.base}/admin/audit">Журнал действий</a>` : ''}</p>
${csrf ? html`<form method="post" action="${ctx.base}/admin/logout"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit">Выйти</button></form>` : ''}</nav>`;
}

export function sendPage(reply: FastifyReply, pages: AdminPages, siteTitle: string, input: PageInput, csrf?: string): FastifyReply {
  const ctx = pages.context(siteTitle);
  const body = html`${editorBar(ctx, reply.request, csrf)}${input.body}`;
  const page = layout(ctx, { title: `${input.title} — редактор календаря ГИС ЭО`, section: 'none', body });
  return reply.code(input.status ?? 200).type(HTML).send(toDocument(page));
}

export function sendErrorPage(reply: FastifyReply, pages: AdminPages, siteTitle: string, status: number, title: string, detail: string): FastifyReply {
  const ctx = pages.context(siteTitle);
  return sendPage(reply, pages, siteTitle, {
    status,
    title,
    body: html`<h1>${title}</h1><p class="lead">${detail}</p><p><a href="${ctx.base}/admin">К списку организаций</a></p>`,
  });
}

export interface ProblemExtras {
  readonly problems?: readonly SettingsProblem[];
  /** 409: the revisions published since the draft was started, with what each changed. */
  readonly revisions?: readonly unknown[];
}

export function sendProblem(reply: FastifyReply, publicUrl: string, kind: ProblemKind, detail: string, extras: ProblemExtras = {}): FastifyReply {
  const problem = { ...problemOf(publicUrl, reply.request.url, kind, detail), ...extras };
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(Buffer.from(JSON.stringify(problem), 'utf8'));
}

export function redirect(reply: FastifyReply, location: string): FastifyReply {
  return reply.code(303).header('location', location).send();
}
