/** The document shell shared by every page: head, header with navigation, footer, assets. */
import { html, type Html, type Interpolation } from './template.js';

/** What every page needs to know about where it is served. */
export interface PageContext {
  /** Path prefix of the site taken from the public URL ('' or e.g. '/eo-calendar'); every local link starts with it. */
  readonly base: string;
  /** The plan's short title, shown in the header. */
  readonly siteTitle: string;
  /** Versioned asset paths (without base), e.g. `/assets/app.css?v=1a2b3c`. */
  readonly assets: { readonly css: string; readonly js: string };
}

export type NavSection = 'home' | 'organizations' | 'plan' | 'none';

interface LayoutInput {
  readonly title: string;
  readonly description?: string;
  readonly section: NavSection;
  readonly body: Interpolation;
}

const NAV: readonly { section: NavSection; path: string; label: string }[] = [
  { section: 'home', path: '/', label: 'Подписка' },
  { section: 'organizations', path: '/organizations', label: 'Организации' },
  { section: 'plan', path: '/plan', label: 'План' },
];

function head(ctx: PageContext, title: string, description: string | undefined): Html {
  return html`<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
${description ? html`<meta name="description" content="${description}">` : ''}
<link rel="stylesheet" href="${ctx.base}${ctx.assets.css}">
<script src="${ctx.base}${ctx.assets.js}" defer></script>
</head>`;
}

export function layout(ctx: PageContext, input: LayoutInput): Html {
  const nav = NAV.map(
    (entry) =>
      html`<li><a href="${ctx.base}${entry.path}"${entry.section === input.section ? html` aria-current="page"` : ''}>${entry.label}</a></li>`,
  );
  return html`<html lang="ru">
${head(ctx, input.title, input.description)}
<body>
<a class="skip" href="#main">Перейти к содержимому</a>
<header class="site-header">
<div class="wrap">
<a class="site-title" href="${ctx.base}/">${ctx.siteTitle}</a>
<nav aria-label="Разделы"><ul>${nav}</ul></nav>
</div>
</header>
<main id="main" class="wrap" tabindex="-1">
${input.body}
</main>
<footer class="site-footer"><div class="wrap">
<p>Сроки рассчитаны по московскому времени. Календари обновляются сами: подписавшись один раз, вы увидите изменения плана и учебного графика.</p>
</div></footer>
</body>
</html>`;
}

/** The compact shell for widgets shown inside an `<iframe>` on other sites. */
export function embedLayout(ctx: PageContext, input: { readonly title: string; readonly body: Interpolation }): Html {
  return html`<html lang="ru" class="embed">
${head(ctx, input.title, undefined)}
<body class="embed">
<main class="widget">
${input.body}
</main>
</body>
</html>`;
}
