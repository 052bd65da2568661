/**
 * Browser tests drive Debian's Chromium with playwright-core against the app listening on
 * 127.0.0.1. Playwright starts every browser with a fresh temporary profile (its own
 * --user-data-dir; it refuses one given in the arguments), so no state leaks between runs.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { EditorApp } from './editor.js';
import { buildPagesApp, type PagesApp } from './pages.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const chromiumAvailable = existsSync(CHROMIUM_PATH);

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../test-results/screenshots');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** A port nobody listens on right now (the app needs its public URL before it listens). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningApp {
  readonly url: string;
  readonly pages: PagesApp;
  close(): Promise<void>;
}

/** The app with its pages listening on 127.0.0.1, its public URL being that address, so every link works. */
export async function startApp(): Promise<RunningApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const pages = await buildPagesApp({ publicUrl: url });
  await pages.app.listen({ host: '127.0.0.1', port });
  return { url, pages, close: () => pages.close() };
}

/** A page on another origin, as another site that embeds the widget. */
export async function serveHtml(body: string): Promise<{ readonly url: string; close(): Promise<void> }> {
  const server = createHttpServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Collects console errors, uncaught exceptions and failed requests of a page and its frames. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('requestfailed', (request) => errors.push(`requestfailed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return errors;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Chromium and the app with its editor listening on a free port; `close` stops both. */
export interface BrowserEditor {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly editor: EditorApp;
  readonly url: string;
  close(): Promise<void>;
}

export async function startBrowserEditor(width = 1000): Promise<BrowserEditor> {
  const { buildEditorApp } = await import('./editor.js');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const [browser, editor] = await Promise.all([launchChromium(), buildEditorApp({ publicUrl: url })]);
  await editor.app.listen({ host: '127.0.0.1', port });
  const context = await browser.newContext({ locale: 'ru-RU', viewport: { width, height: 900 } });
  return {
    browser,
    context,
    editor,
    url,
    async close() {
      await context.close();
      await browser.close();
      await editor.close();
    },
  };
}

/** The editor in Chromium with the methodologist signed in on one page, its errors watched. */
export interface SignedInBrowserEditor extends BrowserEditor {
  readonly page: Page;
  readonly errors: string[];
}

export async function signedInBrowserEditor(width = 1100): Promise<SignedInBrowserEditor> {
  const { METHODOLOGIST } = await import('./editor.js');
  const running = await startBrowserEditor(width);
  await running.context.close();
  // bypassCSP: axe-core is injected as an inline script, which the pages' CSP refuses.
  const context = await running.browser.newContext({ locale: 'ru-RU', viewport: { width, height: 900 }, bypassCSP: true });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${running.url}/admin/login`);
  await page.fill('#login', METHODOLOGIST.login);
  await page.fill('#password', METHODOLOGIST.password);
  await Promise.all([page.waitForURL(`${running.url}/admin`), page.click('button[type="submit"]')]);
  return { ...running, context, page, errors };
}
