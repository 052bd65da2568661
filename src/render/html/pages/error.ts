/** Error pages in Russian: an unknown address (404) with the search box and the list, a malformed query (400). */
import type { Organization } from '../../../domain/schema.js';
import { searchBox } from '../components/search-box.js';
import { embedLayout, layout, type PageContext } from '../layout.js';
import { html, type Html } from '../template.js';

export interface ErrorView {
  readonly status: 400 | 404;
  readonly detail: string;
  /** Inside an iframe the page gets the widget's shell. */
  readonly embed?: boolean;
  /** The registry, for the search box of a full page. */
  readonly organizations?: readonly Organization[];
}

const TITLES: Readonly<Record<ErrorView['status'], string>> = {
  400: 'Неверный адрес страницы',
  404: 'Страница не найдена',
};

export function errorPage(ctx: PageContext, view: ErrorView): Html {
  const title = TITLES[view.status];
  if (view.embed) {
    return embedLayout(ctx, {
      title,
      body: html`<h1>${title}</h1><p>${view.detail}</p><p><a href="${ctx.base}/" target="_blank" rel="noopener">Перейти на главную страницу</a></p>`,
    });
  }
  const body = html`<h1>${title}</h1>
<p>${view.detail}</p>
<h2>Найдите свою организацию</h2>
${searchBox({ id: 'q-error', base: ctx.base, organizations: view.organizations ?? [] })}
<p><a href="${ctx.base}/organizations">Список всех организаций</a> · <a href="${ctx.base}/">Главная страница</a> · <a href="${ctx.base}/plan">План</a></p>`;
  return layout(ctx, { title, section: 'none', body });
}
