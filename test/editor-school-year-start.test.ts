/** A new school year in the editor starts from the provisional calendar the feeds show, or from the previous year. */
/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read the draft's JSON freely */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { provisionalTermCalendar } from '../src/domain/provisional/school-year.js';
import { type Agent, type EditorApp, signedInEditor } from './helpers/editor.js';

let editor: EditorApp;
let agent: Agent;
beforeEach(async () => {
  ({ editor, agent } = await signedInEditor());
});
afterEach(() => editor.close());

const URL_2027 = '/admin/data/school-years/2027-2028/quarters';

/** The text and date inputs of a page, by name, as a browser would submit them. */
function inputs(body: string): Record<string, string> {
  const form: Record<string, string> = {};
  for (const [, name, value] of body.matchAll(/<input id="[^"]*" type="(?:text|date)" name="([^"]+)" value="([^"]*)"/g)) form[name!] = value!;
  return form;
}

describe('starting a school year nobody entered', () => {
  it('offers both starts on a year without a calendar, none on an entered one', async () => {
    const fresh = (await agent.get(URL_2027)).body;
    expect(fresh).toContain('value="provisional"');
    expect(fresh).toContain('value="copy"');
    const entered = (await agent.get('/admin/data/school-years/2025-2026/quarters')).body;
    expect(entered).not.toContain('value="provisional"');
  });

  it('fills the form with the provisional quarters the feeds show, unconfirmed; saving confirmed drops the marks', async () => {
    const page = await agent.post(URL_2027, { ...(await agent.formBase(URL_2027)), intent: 'provisional' });
    expect(page.statusCode).toBe(200);
    const shown = inputs(page.body);
    const calendar = provisionalTermCalendar('2027-2028', 'quarters');
    expect(calendar.terms.length).toBe(4);
    calendar.terms.forEach((term, i) => {
      expect(shown[`terms.${i}.name`]).toBe(term.name);
      expect(shown[`terms.${i}.start`]).toBe(term.start);
      expect(shown[`terms.${i}.end`]).toBe(term.end);
    });
    calendar.holidays.forEach((holiday, i) => expect(shown[`holidays.${i}.end`]).toBe(holiday.end));
    expect(page.body).not.toMatch(/name="confirmed" checked/);
    // Nothing is saved until the form is submitted.
    expect(await editor.state.drafts.read()).toBeUndefined();

    const form = { ...(await agent.formBase(URL_2027)), ...shown, intent: 'save', confirmed: 'on', 'terms.1.end': '2027-12-28' };
    expect((await agent.post(URL_2027, form)).statusCode).toBe(303);
    const year = ((await editor.state.drafts.read())!.documents.schoolYears as any).years.find((y: any) => y.id === '2027-2028');
    expect(year.systems.quarters.terms.map((t: any) => [t.start, t.end, t.provisional ?? false])).toEqual(
      calendar.terms.map((t, i) => [t.start, i === 1 ? '2027-12-28' : t.end, false]),
    );
    const preview = (await agent.get('/admin/data/preview')).body;
    expect(preview).not.toContain('class="problems"');
    expect(preview).toMatch(/2-я четверть 2027\/28: 30[\s\u00a0]декабря → 28[\s\u00a0]декабря/);
  });
});

describe('a start filled while someone else saved the draft', () => {
  it('keeps the page’s ETag, so saving the filled form is a conflict, not an overwrite', async () => {
    const base = await agent.formBase(URL_2027);
    // Another methodologist saves the draft after this page was loaded.
    const other = '/admin/data/school-years/2027-2028/trimesters';
    const started = await agent.post(other, { ...(await agent.formBase(other)), intent: 'provisional' });
    const otherForm: Record<string, string> = { ...(await agent.formBase(other)), ...inputs(started.body), intent: 'save' };
    expect((await agent.post(other, otherForm)).statusCode).toBe(303);
    const page = await agent.post(URL_2027, { ...base, intent: 'provisional' });
    expect(page.body).toContain(`name="draft" value="${base['draft']!.replaceAll('"', '&quot;')}"`);
    const saved = await agent.post(URL_2027, { ...base, ...inputs(page.body), intent: 'save' });
    expect(saved.statusCode).toBe(412);
    const years = ((await editor.state.drafts.read())!.documents.schoolYears as any).years;
    expect(years.find((y: any) => y.id === '2027-2028').systems.quarters).toBeUndefined();
  });
});
