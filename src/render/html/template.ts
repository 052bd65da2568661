/**
 * A tiny safe templating approach for server-rendered pages: `html` is a tagged template whose
 * interpolations are escaped unless they are already `Html` (the output of another `html`
 * template, or text explicitly marked with `raw`). Escaping covers text and double-quoted
 * attribute contexts alike, so a hostile organization name is inert wherever it lands.
 */
import { LRUCache } from 'lru-cache';
import { typography } from './format.js';

const HTML_BRAND: unique symbol = Symbol('Html');

/** Markup that is safe to insert as is. Create it only with `html` or `raw`. */
export interface Html {
  readonly [HTML_BRAND]: true;
  readonly value: string;
}

/** What may be interpolated: text (escaped), markup, lists of either, or nothing. */
export type Interpolation = string | number | Html | null | undefined | false | readonly Interpolation[];

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for both element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (ch) => ESCAPES[ch] ?? ch);
}

function isHtml(value: unknown): value is Html {
  return typeof value === 'object' && value !== null && HTML_BRAND in value;
}

function toHtml(value: string): Html {
  return { [HTML_BRAND]: true, value };
}

/**
 * Marks a string as markup. Only for markup this program produced itself (e.g. the QR code's
 * SVG from the `qrcode` library); never for data from files or requests.
 */
export function raw(markup: string): Html {
  return toHtml(markup);
}

/**
 * Texts as markup, by text: the plan's titles and wordings recur on every page (26 items on each
 * of 10 000 organizations' pages in an export), and their typography and escaping, four regular
 * expressions each, were 5 % of the export's CPU. Bounded in characters; texts longer than
 * `MEMO_TEXT_MAX` (descriptions) are not kept, a miss only costs the computation.
 */
const MEMO_TEXT_MAX = 400;
const markup = new LRUCache<string, string>({ maxSize: 1_000_000, sizeCalculation: (value, key) => value.length + key.length + 1 });

function textMarkup(text: string): string {
  if (text.length > MEMO_TEXT_MAX) return escapeHtml(typography(text));
  let known = markup.get(text);
  if (known === undefined) {
    known = escapeHtml(typography(text));
    markup.set(text, known);
  }
  return known;
}

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  // Every text from the data passes here, so its typography is fixed in one place.
  if (typeof value === 'string') return textMarkup(value);
  if (typeof value === 'number') return escapeHtml(String(value));
  if (isHtml(value)) return value.value;
  return value.map(render).join('');
}

export function html(strings: TemplateStringsArray, ...values: readonly Interpolation[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return toHtml(out);
}

/** Joins fragments with a separator (the separator is text, escaped). */
export function join(parts: readonly Interpolation[], separator: string): Html {
  return toHtml(parts.map(render).filter((s) => s !== '').join(escapeHtml(separator)));
}

/** The final document text. */
export function toDocument(page: Html): string {
  return `<!DOCTYPE html>\n${page.value}`;
}
