/** Checks the browser tests share: feeds behind links are valid calendars, axe finds nothing serious, the page fits its width. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ICAL from 'ical.js';
import type { Frame, Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshot } from './browser.js';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// The callbacks given to page.evaluate run in the browser; the project compiles without the DOM
// library (it is server code), so the little of the DOM they use is named here.
export interface DomElement {
  readonly tagName: string;
  readonly value: string;
  readonly hidden: boolean;
  readonly open: boolean;
  readonly id: string;
  readonly textContent: string | null;
  readonly outerHTML: string;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
}
declare const document: {
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  readonly documentElement: { readonly scrollWidth: number; readonly scrollHeight: number };
};
declare const window: { readonly innerHeight: number };

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}
declare const axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> };

/** axe-core's serious and critical violations on the page (needs a context that bypasses the page's CSP to inject it). */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations));
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export async function fitsWidth(page: Page, width: number): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, `no horizontal scrolling at ${width} px`).toBeLessThanOrEqual(width);
}

/** Fetches every URL and parses it with ical.js: a calendar with events. */
export async function expectValidFeeds(urls: readonly string[], origin: string): Promise<void> {
  expect(urls.length).toBeGreaterThan(0);
  for (const url of new Set(urls)) {
    expect(url.startsWith(`${origin}/feeds/`), url).toBe(true);
    const response = await fetch(url);
    expect(response.status, url).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    expect(calendar.name).toBe('vcalendar');
    expect(calendar.getAllSubcomponents('vevent').length, url).toBeGreaterThan(0);
  }
}

/** The feed URL behind each subscribe choice, by app: the button's link, or the shared copy field for apps that paste it. */
export async function choiceFeeds(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const shared = document.querySelector('input[data-link="https"]')?.value ?? '';
    const out: Record<string, string[]> = {};
    for (const app of document.querySelectorAll('details.app')) {
      const id = app.getAttribute('data-app') ?? '';
      const links = [...app.querySelectorAll('a[data-link]')].map((a) => a.getAttribute('href') ?? '');
      out[id] = links.flatMap((href) => {
        if (href.startsWith('webcal://')) return [href.replace('webcal://', 'http://')];
        const url = new URL(href);
        const param = url.searchParams.get('url');
        return param === null ? [shared] : [param];
      });
    }
    out['download'] = [document.querySelector('a[data-link="download"]')?.getAttribute('href') ?? ''];
    return out;
  });
}

/** Whether the framed document is taller than its frame (an inner scrollbar). */
export function scrollsInside(frameHeight: { scrollHeight: number; innerHeight: number }): boolean {
  return frameHeight.scrollHeight > frameHeight.innerHeight + 1;
}

/** The document's height and its window's (inside an iframe: the frame's). */
export async function frameHeights(page: Page | Frame): Promise<{ scrollHeight: number; innerHeight: number }> {
  return page.evaluate(() => ({ scrollHeight: document.documentElement.scrollHeight, innerHeight: window.innerHeight }));
}

/** What the visitor sees before scrolling, next to the full-page screenshot. */
export async function firstScreen(page: Page, name: string): Promise<void> {
  const file = await screenshot(page, `${name}-first-screen`);
  await page.screenshot({ path: file, fullPage: false });
}
