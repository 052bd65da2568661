/** The document shell shared by every page: head, header with navigation, the sample banner, the official footer, assets. */
import { formatDate } from './format.js';
import { html, type Html, type Interpolation } from './template.js';

/** Who publishes the calendar and how current its data is: shown on every page, read from plan.json and the registry. */
export interface SiteIdentity {
  /** The department, as plan.json names the plan's issuer. */
  readonly department: string;
  readonly contact?: { readonly phone?: string; readonly email?: string; readonly url?: string };
  /** Day the data was last changed (plan.meta.updated, Moscow). */
  readonly updated: string;
  readonly version: string;
  /** Set while the registry is the bundled sample: every page says so. */
  readonly sampleRegistry: boolean;
}

/** What every page needs to know about where it is served. */
export interface PageContext {
  /** Path prefix of the site taken from the public URL ('' or e.g. '/eo-calendar'); every local link starts with it. */
  readonly base: string;
  /** The plan's short title, shown in the header. */
  readonly siteTitle: string;
  /** Versioned asset paths (without base), e.g. `/assets/app.css?v=1a2b3c`. */
  readonly assets: { readonly css: string; readonly js: string };
  readonly identity: SiteIdentity;
}

export type NavSection = 'home' | 'organizations' | 'plan' | 'none';

/** An Atom feed of what changed that a page is the human view of (/changes.atom, an organization's). */
export interface ChangesFeed {
  /** Below the base, e.g. `/organizations/sosh-6/changes.atom`. */
  readonly path: string;
  /** What a feed reader lists it as. */
  readonly title: string;
}

interface LayoutInput {
  readonly title: string;
  readonly description?: string;
  readonly section: NavSection;
  readonly body: Interpolation;
  /** Announced in the head (feed readers and browsers find it there) and linked in the footer. */
  readonly changesFeed?: ChangesFeed;
}

const NAV: readonly { section: NavSection; path: string; label: string }[] = [
  { section: 'home', path: '/', label: 'Главная' },
  { section: 'organizations', path: '/organizations', label: 'Организации' },
  { section: 'plan', path: '/plan', label: 'План' },
];

function head(ctx: PageContext, title: string, description: string | undefined, feed?: ChangesFeed): Html {
  return html`<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
${description ? html`<meta name="description" content="${description}">` : ''}
${feed ? html`<link rel="alternate" type="application/atom+xml" title="${feed.title}" href="${ctx.base}${feed.path}">` : ''}
<link rel="stylesheet" href="${ctx.base}${ctx.assets.css}">
<script src="${ctx.base}${ctx.assets.js}" defer></script>
</head>`;
}

export function sampleBanner(ctx: PageContext): Html | '' {
  if (!ctx.identity.sampleRegistry) return '';
  return html`<p class="banner" role="note"><strong>Пример реестра.</strong> Список организаций — образец, не официальные данные; сроки плана — по приказу.</p>`;
}

function contactLine(identity: SiteIdentity): Html | '' {
  const c = identity.contact;
  if (!c) return '';
  const parts = [
    c.phone ? html`тел. <a href="tel:${c.phone.replace(/[^\d+]/g, '')}">${c.phone}</a>` : '',
    c.email ? html`<a href="mailto:${c.email}">${c.email}</a>` : '',
    c.url ? html`<a href="${c.url}">${c.url.replace(/^https:\/\//, '').replace(/\/$/, '')}</a>` : '',
  ].filter((p) => p !== '');
  return html`<p>Вопросы о плане и календаре: ${parts.map((p, i) => html`${i > 0 ? ' · ' : ''}${p}`)}</p>`;
}

/** Next to the data's date, because calendar clients show a change late: where to read what it was. */
function changesLinks(ctx: PageContext, feed: ChangesFeed | undefined): Html {
  const own = feed !== undefined && feed.path !== '/changes.atom';
  return html`<a href="${ctx.base}/changes">Что изменилось</a>${
    own ? html` (<a href="${ctx.base}${feed.path}" type="application/atom+xml">лента изменений этой организации, Atom</a>)` : ''
  }.`;
}

export function siteFooter(ctx: PageContext, feed?: ChangesFeed): Html {
  const { identity } = ctx;
  return html`<footer class="site-footer"><div class="wrap">
<p class="department">${identity.department}</p>
${contactLine(identity)}
<p>Данные обновлены ${formatDate(identity.updated)} (версия ${identity.version}). ${changesLinks(ctx, feed)} Сроки — по московскому времени. Подписанный календарь обновляется сам.</p>
</div></footer>`;
}

export function layout(ctx: PageContext, input: LayoutInput): Html {
  const nav = NAV.map(
    (entry) =>
      html`<li><a href="${ctx.base}${entry.path}"${entry.section === input.section ? html` aria-current="page"` : ''}>${entry.label}</a></li>`,
  );
  return html`<html lang="ru">
${head(ctx, input.title, input.description, input.changesFeed)}
<body>
<a class="skip" href="#main">Перейти к содержимому</a>
<header class="site-header">
<div class="wrap">
<p class="site-brand"><span class="site-department">${ctx.identity.department}</span>
<a class="site-title" href="${ctx.base}/">Календарь сроков ГИС ЭО</a></p>
<nav aria-label="Разделы"><ul>${nav}</ul></nav>
</div>
</header>
<main id="main" class="wrap" tabindex="-1">
${sampleBanner(ctx)}
${input.body}
</main>
${siteFooter(ctx, input.changesFeed)}
</body>
</html>`;
}

/** The compact shell for widgets shown inside an `<iframe>` on other sites. */
export function embedLayout(ctx: PageContext, input: { readonly title: string; readonly body: Interpolation; readonly compact?: boolean }): Html {
  return html`<html lang="ru" class="embed">
${head(ctx, input.title, undefined)}
<body class="embed${input.compact ? ' compact' : ''}">
<main class="widget">
${input.body}
</main>
</body>
</html>`;
}
