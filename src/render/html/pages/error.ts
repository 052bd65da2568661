/** Error pages in Russian: an unknown organization or type (404), a malformed query (400). */
import { embedLayout, layout, type PageContext } from '../layout.js';
import { html, type Html } from '../template.js';

export interface ErrorView {
  readonly status: 400 | 404;
  readonly detail: string;
  /** Inside an iframe the page gets the widget's shell. */
  readonly embed?: boolean;
}

const TITLES: Readonly<Record<ErrorView['status'], string>> = {
  400: 'Неверный адрес страницы',
  404: 'Страница не найдена',
};

export function errorPage(ctx: PageContext, view: ErrorView): Html {
  const title = TITLES[view.status];
  const body = html`<h1>${title}</h1>
<p>${view.detail}</p>
<p><a href="${ctx.base}/"${view.embed ? html` target="_blank" rel="noopener"` : ''}>Перейти на главную страницу</a></p>`;
  return view.embed ? embedLayout(ctx, { title, body }) : layout(ctx, { title, section: 'none', body });
}
