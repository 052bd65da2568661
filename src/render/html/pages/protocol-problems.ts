/**
 * The problem pages for requests refused before any route looks at them: by the HTTP parser,
 * the router or the protocol checks. Their readers are mostly people debugging a client, a
 * proxy or a script, so the pages say what the service accepts rather than what the plan is.
 */
import { html } from '../template.js';
import type { ProblemPageView } from './problem.js';
import type { PageContext } from '../layout.js';
import type { Html } from '../template.js';

type Section = (ctx: PageContext, view: ProblemPageView) => Html;

const ACCEPTS = html`<p>Сервис только отдаёт данные: он принимает запросы <code>GET</code> и <code>HEAD</code> по HTTP/1.1 (или HTTP/1.0), с одним заголовком <code>Host</code>, без тела запроса. Браузеры, календари и обычные HTTP-библиотеки отправляют именно такие запросы.</p>`;

const badRequest: Section = () => html`<p class="lead">Запрос не соответствует протоколу HTTP, и сервис не стал его разбирать. Поле <code>detail</code> ответа говорит, что именно не так.</p>
<h2>Частые причины</h2>
<ul>
<li>В адресе есть символы, которые нельзя передавать как есть (нулевой байт, байты не в кодировке UTF-8, пробелы): закодируйте их (<code>%20</code> и т. п.).</li>
<li>Заголовок <code>Host</code> отсутствует или повторяется: запрос HTTP/1.1 несёт ровно один.</li>
<li>В строке запроса нет версии протокола (<code>GET /feeds/all.ics</code> вместо <code>GET /feeds/all.ics HTTP/1.1</code>).</li>
</ul>
${ACCEPTS}
<h2>Что делать</h2>
<p>Если запрос отправляет ваша программа или прокси-сервер, проверьте, как он формирует адрес и заголовки. Если ошибка появляется в браузере или календаре, сообщите об этом администратору сети: запрос, скорее всего, искажается по пути.</p>`;

const methodNotAllowed: Section = () => html`<p class="lead">Адрес существует, но этот метод HTTP для него не поддерживается. Заголовок <code>Allow</code> ответа перечисляет допустимые методы.</p>
${ACCEPTS}
<p>Изменить, добавить или удалить данные через сервис нельзя: план и реестр организаций правят в файлах данных, и сервис перечитывает их сам.</p>`;

const requestTimeout: Section = ({ base }) => html`<p class="lead">Сервис не дождался запроса целиком и закрыл соединение.</p>
<h2>Частые причины</h2>
<ul>
<li>Очень медленное или прерывающееся соединение.</li>
<li>Программа открыла соединение, но не отправила запрос до конца.</li>
</ul>
<h2>Что делать</h2>
<p>Повторите запрос. Календари, подписанные на <a href="${base}/">ленты сервиса</a>, повторят его сами при следующем обновлении.</p>`;

const tooManyRequests: Section = ({ base }) => html`<p class="lead">С вашего адреса за короткое время пришло слишком много запросов, которые сервису приходится вычислять заново, и прокси-сервер перед ним отклонил этот запрос.</p>
<h2>Что ограничивается</h2>
<ul>
<li>Адреса с параметрами: ленты с напоминаниями или выбранными пунктами, фильтры API.</li>
<li>Сроки за период (<code>/api/occurrences</code>).</li>
</ul>
<p>Ленты без параметров, страницы сайта и документы API не ограничиваются: календари, подписанные на них, обновляются всегда.</p>
<h2>Что делать</h2>
<ul>
<li>Подождите секунду и повторите запрос: заголовок <code>Retry-After</code> ответа говорит, сколько секунд ждать.</li>
<li>Если программа запрашивает сроки за много периодов подряд, запрашивайте их по очереди, а не одновременно, или один раз за период до трёх лет.</li>
<li>Если вам нужна лента с напоминаниями, подпишитесь на неё один раз: адрес есть на <a href="${base}/">главной странице</a>.</li>
</ul>`;

const headersTooLarge: Section = () => html`<p class="lead">Заголовки запроса (вместе со строкой запроса) слишком велики, и сервис не стал их читать.</p>
<h2>Частые причины</h2>
<ul>
<li>Очень длинный адрес: параметры лент и API короткие, длинный адрес — обычно ошибка в программе, которая его составляет.</li>
<li>Большие cookie или другие заголовки, которые добавляет браузер, прокси-сервер или расширение.</li>
</ul>
<h2>Что делать</h2>
<p>Сократите адрес или уберите лишние заголовки. Сервису нужны только адрес и, по желанию, заголовки <code>Accept-Encoding</code>, <code>If-None-Match</code> и <code>If-Modified-Since</code>.</p>`;

const versionNotSupported: Section = () => html`<p class="lead">Запрос пришёл с версией протокола, которую сервис не поддерживает.</p>
${ACCEPTS}
<h2>Что делать</h2>
<p>Отправьте запрос по HTTP/1.1. По HTTP/2 сервис доступен только через прокси-сервер с TLS, если он установлен перед сервисом; объявить <code>HTTP/2.0</code> в строке запроса HTTP/1.1 нельзя.</p>`;

export const PROTOCOL_SECTIONS = {
  'bad-request': badRequest,
  'method-not-allowed': methodNotAllowed,
  'request-timeout': requestTimeout,
  'headers-too-large': headersTooLarge,
  'too-many-requests': tooManyRequests,
  'http-version-not-supported': versionNotSupported,
} as const satisfies Readonly<Record<string, Section>>;
