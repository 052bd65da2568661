/**
 * Russian typography on every page the service renders: no-break spaces after «№», before «г.»
 * and between a day and its month; „inner“ quotes inside «outer» ones; one school-year format.
 * Checked on the text a reader sees (tags stripped, entities decoded; code samples excluded).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MONTHS_GENITIVE } from '../src/domain/vocabulary.js';
import { EVERY_PAGE } from './helpers/page-list.js';
import { buildPagesApp, type PagesApp } from './helpers/pages.js';

let pages: PagesApp;

beforeAll(async () => {
  pages = await buildPagesApp();
});

afterAll(async () => {
  await pages?.close();
});

const ENTITIES: Readonly<Record<string, string>> = { '&nbsp;': '\u00a0', '&quot;': '"', '&#39;': "'", '&#96;': '`', '&lt;': '<', '&gt;': '>', '&amp;': '&' };

/** The visible text: without scripts, styles, code samples (textarea, code) and tags. */
export function visibleText(html: string): string {
  return html
    .replace(/<(script|style|textarea|code|svg|title)\b[\s\S]*?<\/\1>/g, ' ')
    // A tag ends a run of text: the rules look at spaces the reader sees inside one run.
    .replace(/<[^>]+>/g, '\n')
    .replace(/&(nbsp|quot|#39|#96|lt|gt|amp);/g, (m) => ENTITIES[m] ?? m);
}

const MONTH = MONTHS_GENITIVE.join('|');

/** Each rule: what must not occur, and why. */
const RULES: readonly [RegExp, string][] = [
  [/№ /, '«№» followed by a plain space'],
  [/ г\./, '«г.» after a plain space'],
  [new RegExp(`\\d (${MONTH})`), 'a plain space between day and month'],
  [/«[^»„“]*«/, 'quotes inside quotes written «…«…»…» instead of „…“'],
  [/\b(19|20)\d\d\/(19|20)\d\d\b/, 'a school year as 2026/2027 instead of 2026/27'],
  [/(?:^|[^а-яё])[Сс] \d+\u00a0\S+ \d{4}\u00a0г\. по \d/, '«с … по …» instead of an en-dash range'],
  [new RegExp(`\\d+ ?- ?\\d+\u00a0(?:${MONTH})`), 'a hyphen instead of an en dash in a range'],
  [/: \d+$/m, 'a bare «label: count»'],
];

describe('typography', () => {
  it.each(EVERY_PAGE)('$name ($path) follows the rules', async ({ path, status }) => {
    const res = await pages.app.inject({ url: path, headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(status ?? 200);
    const text = visibleText(res.body);
    expect(text.length).toBeGreaterThan(200);
    for (const [rule, what] of RULES) {
      const found = rule.exec(text);
      expect(found, `${what}: …${found ? text.slice(Math.max(0, found.index - 40), found.index + 40) : ''}…`).toBeNull();
    }
  });

  it('the checks catch what they are meant to catch', () => {
    const bad = ['СОШ № 5', '2026 г.', '31 декабря', '«Детский сад «Ласточка»»', '2026/2027 учебный год', 'С 1\u00a0декабря 2026\u00a0г. по 31\u00a0декабря 2026\u00a0г.', '1-31\u00a0декабря', 'в реестре: 12'];
    for (const sample of bad) expect(RULES.some(([rule]) => rule.test(sample)), sample).toBe(true);
    const good = ['СОШ №\u00a05', '2026\u00a0г.', '31\u00a0декабря', '«Детский сад „Ласточка“»', '2026/27 учебный год', '1–31\u00a0декабря 2026\u00a0г.'];
    for (const sample of good) expect(RULES.some(([rule]) => rule.test(sample)), sample).toBe(false);
  });
});
