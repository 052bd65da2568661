/**
 * `/problems/<kind>`: what a problem type URI points to. Every error response names its type as
 * such a URL (RFC 9457 §3.1.1: dereferenced, it should document the problem), so a person who
 * follows it from an API client or a failing calendar subscription learns what went wrong and
 * what to do about it.
 */
import type { ProblemKind } from '../../../api/problem.js';
import { ORGANIZATION_TYPE_IDS } from '../../../domain/schema.js';
import { ORGANIZATION_TYPES } from '../../../domain/vocabulary.js';
import { feedPath } from '../../feeds.js';
import { capitalize } from '../format.js';
import { layout, type PageContext } from '../layout.js';
import { html, type Html } from '../template.js';
import { PROTOCOL_SECTIONS } from './protocol-problems.js';
import { EDITOR_SECTIONS } from './problem-editor.js';

export interface ProblemPageView {
  readonly kind: ProblemKind;
  readonly status: number;
  readonly title: string;
  /** The absolute type URI, as error responses carry it. */
  readonly typeUri: string;
  /** Who runs the service and reads its log: the plan's issuer. */
  readonly maintainer: string;
  /** The limits the service enforces, so the page cannot drift from them. */
  readonly limits: { readonly reminderOffsets: string; readonly maxReminders: number; readonly maxRangeDays: number };
}

type Section = (ctx: PageContext, view: ProblemPageView) => Html;

const invalidParameter: Section = (ctx, { limits }) => html`<p class="lead">Запрос дошёл до сервиса, но значение одного из параметров в адресе принять нельзя. Поле <code>parameter</code> ответа называет этот параметр, поле <code>detail</code> — что с ним не так и как исправить.</p>
<h2>Частые причины</h2>
<ul>
<li>Опечатка в имени параметра. Неизвестные и повторяющиеся параметры отклоняются: каждый параметр указывается один раз, несколько значений перечисляются через запятую.</li>
<li>Число вне допустимых пределов или слишком много значений.</li>
<li>Дата, которой нет в календаре (например, 2026-02-30), или конец периода раньше его начала.</li>
</ul>
<h2>Параметры лент</h2>
<p>Ленты iCalendar (<code>/feeds/….ics</code>) принимают:</p>
<ul>
<li><code>reminders</code> — за сколько дней до срока (у многодневного дела — до последнего дня) напомнить в 09:00 по Москве: ${limits.reminderOffsets} через запятую, не более ${limits.maxReminders} значений, например <code>reminders=1,7</code>;</li>
<li><code>daily=0</code> — только сроки, без ежедневных обязанностей (по умолчанию они включены, как и с <code>daily=1</code>);</li>
<li><code>items</code> — только эти пункты плана: номера через запятую, например <code>items=3,8,12</code>; номера есть в <a href="${ctx.base}/plan">таблице плана</a>.</li>
</ul>
<h2>Параметры API</h2>
<p>Сроки за период (<code>/api/occurrences</code>):</p>
<ul>
<li><code>from</code> и <code>to</code> — обязательны: первый и последний день периода в формате ГГГГ-ММ-ДД; <code>to</code> не раньше <code>from</code>, период не длиннее ${limits.maxRangeDays} дней (3 года) — более длинный разбейте на части;</li>
<li><code>type</code> (general, preschool или additional) или <code>organization</code> (идентификатор из <code>/api/organizations</code>) — только один из двух;</li>
<li><code>items</code> и <code>daily</code> — как у лент.</li>
</ul>
<h2>Что делать</h2>
<p>Исправьте адрес по подсказке из поля <code>detail</code>. Готовые адреса лент с нужными напоминаниями — на <a href="${ctx.base}/">главной странице</a>, все параметры API — в <a href="${ctx.base}/docs">описании API</a>.</p>`;

const notFound: Section = (ctx) => {
  const feeds = [
    html`<li><a href="${ctx.base}${feedPath({ kind: 'all' })}">Весь план</a></li>`,
    ...ORGANIZATION_TYPE_IDS.map(
      (type) => html`<li><a href="${ctx.base}${feedPath({ kind: 'type', type })}">${capitalize(ORGANIZATION_TYPES[type].shortName)}</a></li>`,
    ),
  ];
  return html`<p class="lead">По этому адресу ничего нет. Поле <code>detail</code> ответа говорит, что именно не найдено.</p>
<h2>Частые причины</h2>
<ul>
<li>Организации с таким идентификатором нет в реестре: её переименовали, объединили с другой или исключили из реестра.</li>
<li>Тип организаций не из списка: general, preschool, additional.</li>
<li>Опечатка в адресе.</li>
</ul>
<h2>Что делать</h2>
<p>Найдите свою организацию в <a href="${ctx.base}/organizations">списке организаций</a>: на её странице — действующий адрес её календаря. Или подпишитесь на календарь всего плана либо своего типа организаций (как подписаться, показано на <a href="${ctx.base}/">главной странице</a>):</p>
<ul>${feeds}</ul>`;
};

const internalError: Section = (_ctx, { maintainer }) => html`<p class="lead">Сервис не смог обработать запрос из-за собственной ошибки. Сам запрос, скорее всего, верен.</p>
<h2>Что делать</h2>
<ul>
<li>Повторите запрос через несколько минут. Календари, на которые вы подписаны, повторят его сами при следующем обновлении.</li>
<li>Если ошибка повторяется, сообщите администратору сервиса (${maintainer}) номер запроса из поля <code>detail</code> ответа и адрес из поля <code>instance</code>: по номеру запроса ошибку найдут в журнале сервиса.</li>
</ul>`;

const SECTIONS: Readonly<Record<ProblemKind, Section>> = {
  'invalid-parameter': invalidParameter,
  'not-found': notFound,
  'internal-error': internalError,
  ...PROTOCOL_SECTIONS,
  ...EDITOR_SECTIONS,
};

export function problemPage(ctx: PageContext, view: ProblemPageView): Html {
  const body = html`<h1>${view.title}</h1>
<p class="hint">HTTP ${view.status} · тип ошибки <code>${view.typeUri}</code></p>
${SECTIONS[view.kind](ctx, view)}
<h2>Об ответах с ошибкой</h2>
<p>Любая ошибка сервиса — документ <code>application/problem+json</code> (RFC 9457): <code>type</code> — адрес этой страницы, <code>title</code> — название ошибки, <code>status</code> — HTTP-статус, <code>detail</code> — что не так, <code>instance</code> — адрес запроса, <code>parameter</code> (у ошибок в параметрах) — имя неверного параметра.</p>
<p><a href="${ctx.base}/">Главная страница</a> · <a href="${ctx.base}/docs">Описание API</a></p>`;
  return layout(ctx, {
    title: `${view.title} — ошибки сервиса календаря ГИС ЭО`,
    description: `Что означает ошибка «${view.title}» (HTTP ${view.status}) и что делать.`,
    section: 'none',
    body,
  });
}
