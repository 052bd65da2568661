/** The sign-in form. One message for every failure: it must not tell which logins exist. */
import type { PageContext } from '../../render/html/layout.js';
import { html, type Html } from '../../render/html/template.js';

export interface LoginView {
  readonly csrf: string;
  readonly login?: string;
  readonly error?: string;
}

export function loginBody(ctx: PageContext, view: LoginView): Html {
  return html`<h1>Вход в редактор</h1>
<p class="lead">Ответственные за ГИС ЭО в организациях изменяют здесь настройки календаря своей организации, методист Отдела образования — любой.</p>
${view.error ? html`<p class="form-error" role="alert"><strong>${view.error}</strong></p>` : ''}
<form method="post" action="${ctx.base}/admin/login" class="login-form">
<input type="hidden" name="_csrf" value="${view.csrf}">
<p><label for="login">Логин</label><br><input id="login" name="login" autocomplete="username" required value="${view.login ?? ''}"></p>
<p><label for="password">Пароль</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Войти</button></p>
</form>
<p class="hint">Учётную запись создаёт администратор сервиса; забытый пароль он же заменит.</p>`;
}
