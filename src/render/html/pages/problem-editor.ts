/** `/problems/<kind>` sections for the editor's problems (`/admin/api/…`): sign-in, access, versions, invalid settings. */
import type { PageContext } from '../layout.js';
import { html, type Html } from '../template.js';

type Section = (ctx: PageContext) => Html;

const apiHint = (ctx: PageContext) =>
  html`<p>Как устроен API настроек организации — в <a href="${ctx.base}/docs">описании API</a> (раздел «Редактор»).</p>`;

const unauthorized: Section = (ctx) => html`<p class="lead">Запрос к API редактора пришёл без действующего входа: нет заголовка <code>Authorization: Bearer &lt;токен&gt;</code>, токен неверен, отозван или учётная запись отключена.</p>
<h2>Что делать</h2>
<ul>
<li>Передайте токен в заголовке <code>Authorization: Bearer …</code>. Токен выдаёт администратор сервиса командой <code>npm run users -- token &lt;логин&gt;</code>; он показывается один раз.</li>
<li>Если токен перестал действовать, попросите новый: отключение учётной записи отзывает все её токены.</li>
<li>В браузере войдите через <a href="${ctx.base}/admin/login">страницу входа</a>.</li>
</ul>
${apiHint(ctx)}`;

const forbidden: Section = (ctx) => html`<p class="lead">Вход выполнен, но этой учётной записи действие не разрешено: школа изменяет настройки только своей организации, журнал действий доступен методисту. Запрос формы без действующего проверочного кода (<code>_csrf</code>) тоже отклоняется с этой ошибкой, и ничего не меняется.</p>
<h2>Что делать</h2>
<ul>
<li>Проверьте идентификатор организации в адресе: он должен быть одним из назначенных вашей учётной записи.</li>
<li>Если форма устарела (страница долго была открыта), обновите её и повторите.</li>
<li>Права учётных записей назначает методист Отдела образования.</li>
</ul>
${apiHint(ctx)}`;

const preconditionFailed: Section = (ctx) => html`<p class="lead">Настройки изменили после того, как вы их прочитали: версия в заголовке <code>If-Match</code> уже не текущая. Чтобы ничьи правки не потерялись, сохранение отклонено, данные не изменены.</p>
<h2>Что делать</h2>
<p>Прочитайте настройки заново (<code>GET</code>; текущая версия — в заголовке <code>ETag</code>), перенесите свои изменения и отправьте <code>PUT</code> с новым <code>If-Match</code>.</p>
${apiHint(ctx)}`;

const invalidDocument: Section = (ctx) => html`<p class="lead">Присланные настройки не прошли ту же проверку, что данные при запуске сервиса. Поле <code>problems</code> ответа перечисляет каждую ошибку: <code>pointer</code> — JSON Pointer значения в присланном документе, <code>message</code> — что с ним не так.</p>
<h2>Частые причины</h2>
<ul>
<li>Дата, которой нет в календаре, или конец четверти раньше её начала.</li>
<li>Четверти идут не по порядку или пересекаются; каникулы вне учебного года.</li>
<li>Неизвестное поле или значение не из списка (например, <code>weekDays</code> — только 5 или 6).</li>
</ul>
${apiHint(ctx)}`;

const preconditionRequired: Section = (ctx) => html`<p class="lead">Изменение отправлено без заголовка <code>If-Match</code>. Без него сервис не может убедиться, что вы не затираете чужие правки, поэтому изменение не принято.</p>
<h2>Что делать</h2>
<p>Сначала прочитайте настройки (<code>GET</code>), затем отправьте <code>PUT</code> с заголовком <code>If-Match</code>, равным полученному <code>ETag</code>.</p>
${apiHint(ctx)}`;

const conflict: Section = (ctx) => html`<p class="lead">Черновик начат с редакции данных, после которой другой методист опубликовал свою и изменил те же документы. Публикация отклонена, ничего не изменено: правки не сливаются молча.</p>
<h2>Что делать</h2>
<p>Поле <code>revisions</code> ответа перечисляет редакции, опубликованные после начала черновика, и что каждая изменила. Прочитайте черновик заново (<code>GET /admin/api/draft</code>), перенесите свои изменения на текущие данные и опубликуйте снова. В браузере — страница <a href="${ctx.base}/admin/history">истории</a>.</p>
${apiHint(ctx)}`;

const gone: Section = (ctx) => html`<p class="lead">Эта организация исключена из реестра Отдела образования: её календарь больше не публикуется, и подписку на него можно удалить.</p>
<h2>Что делать</h2>
<p>Найдите организацию, которая теперь ведёт эту работу, в <a href="${ctx.base}/organizations">списке организаций</a> и подпишитесь на её календарь.</p>`;

export const EDITOR_SECTIONS = {
  conflict,
  gone,
  unauthorized,
  forbidden,
  'precondition-failed': preconditionFailed,
  'invalid-document': invalidDocument,
  'precondition-required': preconditionRequired,
} as const;
