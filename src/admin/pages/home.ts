/** `/admin`: the organizations this account may edit, and the audit log (methodologists). */
import type { PageContext } from '../../render/html/layout.js';
import { html, type Html } from '../../render/html/template.js';
import type { Organization } from '../../domain/schema.js';
import type { AuditEntry } from '../../state/index.js';
import type { AdminUser } from '../context.js';

export function homeBody(ctx: PageContext, user: AdminUser, organizations: readonly Organization[]): Html {
  const items = organizations.map((o) => html`<li><a href="${ctx.base}/admin/organizations/${o.id}">${o.shortName}</a></li>`);
  return html`<h1>Редактор календаря</h1>
<p class="lead">${user.role === 'methodologist' ? 'Вы можете изменять настройки календаря любой организации.' : 'Настройки календаря вашей организации: учебный график, учебная неделя, выбранные месяцы.'}</p>
<ul class="organizations-admin">${items}</ul>`;
}

const ACTIONS: Readonly<Record<AuditEntry['action'], string>> = {
  login: 'вход',
  'login-failed': 'неудачный вход',
  'login-throttled': 'вход заблокирован (слишком много попыток)',
  logout: 'выход',
  'settings-changed': 'изменены настройки',
  'settings-conflict': 'сохранение отклонено: настройки уже изменили',
  'account-added': 'создана учётная запись',
  'account-disabled': 'учётная запись отключена',
  'password-changed': 'изменён пароль',
  'token-issued': 'выдан токен API',
  'draft-saved': 'сохранён черновик данных',
  published: 'опубликована редакция данных',
  'publish-refused': 'публикация отклонена',
};

function change(entry: AuditEntry): Html | string {
  if (entry.before === undefined && entry.after === undefined) return entry.detail ?? '';
  return html`<details><summary>было / стало</summary><pre>${JSON.stringify(entry.before ?? null, null, 2)}</pre><pre>${JSON.stringify(entry.after ?? null, null, 2)}</pre></details>${entry.detail ?? ''}`;
}

export function auditBody(entries: readonly AuditEntry[], total: number): Html {
  const rows = entries.map(
    (e) => html`<tr data-action="${e.action}"><td><time datetime="${e.at}">${e.at.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}</time></td><td>${e.login}</td><td>${ACTIONS[e.action] ?? e.action}${e.organization ? html` · ${e.organization}` : ''}</td><td>${e.address}${e.via ? html` (${e.via})` : ''}</td><td>${change(e)}</td></tr>`,
  );
  return html`<h1>Журнал действий</h1>
<p class="lead">Записей: ${total}${total > entries.length ? html`, показаны последние ${entries.length}` : ''}; новые сверху.</p>
<table class="audit"><thead><tr><th scope="col">Когда</th><th scope="col">Кто</th><th scope="col">Что</th><th scope="col">Откуда</th><th scope="col">Изменение</th></tr></thead><tbody>${rows}</tbody></table>`;
}
