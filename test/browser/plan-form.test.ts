/**
 * The plan-item form in Chromium at phone width, with and without JavaScript: changing a rule's
 * kind shows that kind's fields (by itself with the script, through «Показать поля» without),
 * the page comes back at the rule, and saving writes the rule under its old id into the draft.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- the test reads the draft's JSON freely */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, CHROMIUM_PATH, startBrowserEditor, watchErrors, type BrowserEditor } from '../helpers/browser.js';
import { METHODOLOGIST, type EditorApp } from '../helpers/editor.js';

const suite = chromiumAvailable ? describe : describe.skip;
const title = chromiumAvailable ? 'the plan-item form in Chromium' : `the plan-item form in Chromium — SKIPPED: ${CHROMIUM_PATH} not found`;

suite(title, () => {
  let running: BrowserEditor;
  let editor: EditorApp;
  let url: string;

  beforeAll(async () => {
    running = await startBrowserEditor(360);
    ({ editor, url } = running);
  });

  afterAll(async () => {
    await running?.close();
  });

  async function signedIn(javaScriptEnabled: boolean): Promise<{ context: BrowserContext; page: Page }> {
    const context = await running.browser.newContext({ viewport: { width: 360, height: 800 }, locale: 'ru-RU', javaScriptEnabled });
    const page = await context.newPage();
    await page.goto(`${url}/admin/login`);
    await page.fill('#login', METHODOLOGIST.login);
    await page.fill('#password', METHODOLOGIST.password);
    await Promise.all([page.waitForURL(`${url}/admin`), page.click('button[type="submit"]')]);
    return { context, page };
  }
  const rule7 = async () => ((await editor.state.drafts.read())?.documents.plan as any)?.items.find((i: any) => i.number === 7).schedules[0].rules;

  it.each([
    ['with JavaScript', true],
    ['without JavaScript', false],
  ] as const)('turns п. 7’s period into a date %s', async (_, javaScript) => {
    await editor.state.drafts.clear();
    const { context, page } = await signedIn(javaScript);
    const errors = watchErrors(page);
    await page.goto(`${url}/admin/data/plan/items/7`);
    await expect(page.locator('[name="s.0.r.0.day"]').count()).resolves.toBe(0);
    // With the script the select alone does it, so its button is out of the way.
    await expect(page.locator('#rule-0-0 button[value="refresh"]').isVisible()).resolves.toBe(!javaScript);
    await page.selectOption('[name="s.0.r.0.kind"]', 'date');
    if (javaScript) await page.waitForURL(`${url}/admin/data/plan/items/7#rule-0-0`);
    else await Promise.all([page.waitForURL(`${url}/admin/data/plan/items/7#rule-0-0`), page.click('#rule-0-0 button[value="refresh"]')]);
    await expect(page.locator('.notice').textContent()).resolves.toContain('Изменения ещё не сохранены');
    await expect(page.locator('[name="s.0.r.0.start.month"]').count()).resolves.toBe(0);
    // Back at the rule: its fieldset is on screen.
    const box = await page.locator('#rule-0-0').boundingBox();
    expect(box!.y).toBeLessThan(800);
    expect(box!.y + box!.height).toBeGreaterThan(0);
    await page.selectOption('[name="s.0.r.0.month"]', '8');
    await page.fill('[name="s.0.r.0.day"]', javaScript ? '25' : '24');
    await Promise.all([page.waitForURL(`${url}/admin/data/plan/items/7`), page.click('button[value="save"] >> nth=0')]);
    await expect(page.locator('.problems').count()).resolves.toBe(0);
    expect(await rule7()).toEqual([{ id: 'r0', kind: 'date', month: 8, day: javaScript ? 25 : 24 }]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
