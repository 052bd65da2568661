/** ГИА periods in the school-year form: edited, added and removed in the draft, problems next to the field. */
/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read the draft's JSON freely */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Agent} from './helpers/editor.js';
import { type EditorApp, signedInEditor } from './helpers/editor.js';

let editor: EditorApp;
let agent: Agent;
beforeEach(async () => {
  ({ editor, agent } = await signedInEditor());
});
afterEach(() => editor.close());

const URL_2025 = '/admin/data/school-years/2025-2026/quarters';

/** Every field of the form as the page shows it, as a browser would submit it unchanged. */
async function shownForm(url: string): Promise<Record<string, string>> {
  const body = (await agent.get(url)).body;
  const form = { ...(await agent.formBase(url)), intent: 'save', gia: 'shown' };
  for (const [, name, value] of body.matchAll(/<input id="[^"]*" type="(?:text|date)" name="([^"]+)" value="([^"]*)"/g)) (form as Record<string, string>)[name!] = value!.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  for (const [, name] of body.matchAll(/<input type="checkbox" name="([^"]+)"[^>]* checked>/g)) (form as Record<string, string>)[name!] = 'on';
  return form;
}
const draftYear = async (id: string) => ((await editor.state.drafts.read())?.documents.schoolYears as any).years.find((y: any) => y.id === id);
const published = (id: string) => editor.app.dataStore.current.schoolYears.years.find((y) => y.id === id)!;

describe('ГИА periods in the school-year form', () => {
  it('shows the year’s periods and saves them unchanged when nothing is edited', async () => {
    const page = await agent.get(URL_2025);
    expect(page.body).toContain('ГИА (государственная итоговая аттестация)');
    expect(page.body).toContain('name="gia.0.end" value="2026-07-09"');
    expect(page.body).toContain('name="gia.1.end" value="2026-09-25"');
    expect((await agent.post(URL_2025, await shownForm(URL_2025))).statusCode).toBe(303);
    expect((await draftYear('2025-2026')).finalAttestation).toEqual(published('2025-2026').finalAttestation);
  });

  it('edits, removes and adds periods; the preview lists the moved deadline of п. 20', async () => {
    const form = await shownForm(URL_2025);
    form['gia.0.end'] = '2026-07-08';
    delete form['gia.0.provisional'];
    form['gia.1.name'] = '';
    form['gia.1.end'] = '';
    form['gia.2.name'] = 'ГИА-2026, резервные дни';
    form['gia.2.end'] = '2026-07-20';
    expect((await agent.post(URL_2025, form)).statusCode).toBe(303);
    const periods = (await draftYear('2025-2026')).finalAttestation;
    expect(periods.map((p: any) => [p.name, p.end, p.provisional ?? false])).toEqual([
      ['ГИА-2026, основной период', '2026-07-08', false],
      ['ГИА-2026, резервные дни', '2026-07-20', false],
    ]);
    expect(periods[0].source).toBe(published('2025-2026').finalAttestation![0]!.source);
    expect(published('2025-2026').finalAttestation![0]!.end).toBe('2026-07-09');
    const preview = (await agent.get('/admin/data/preview')).body;
    expect(preview).not.toContain('class="problems"');
    expect(preview).toMatch(/п\. 20[^<]*9[\s\u00a0]июля → 8[\s\u00a0]июля/);
  });

  it('adds the first periods to a year without any, and removes all of them again', async () => {
    const url = '/admin/data/school-years/2026-2027/quarters';
    const form = { ...(await shownForm(url)), 'gia.0.name': 'ГИА-2027, основной период', 'gia.0.end': '2027-07-05', 'gia.0.provisional': 'on' };
    await agent.post(url, form);
    expect((await draftYear('2026-2027')).finalAttestation).toEqual([{ name: 'ГИА-2027, основной период', end: '2027-07-05', provisional: true }]);
    const cleared = { ...(await shownForm(url)), 'gia.0.name': '', 'gia.0.end': '' };
    await agent.post(url, cleared);
    expect((await draftYear('2026-2027')).finalAttestation).toBeUndefined();
  });

  it('keeps a wrong date in the draft and shows the problem next to the period’s field', async () => {
    const form = { ...(await shownForm(URL_2025)), 'gia.0.end': '2026-02-30' };
    await agent.post(URL_2025, form);
    const page = await agent.get(URL_2025);
    expect(page.body).toMatch(/name="gia\.0\.end" value="2026-02-30"[^>]* aria-invalid="true" aria-describedby="f-gia-0-end-error"><span class="error" id="f-gia-0-end-error">[^<]+<\/span>/);
    expect(page.body).toContain('/schoolYears/years/0/finalAttestation/0/end');
  });

  it('leaves the periods alone when a form without the ГИА section is submitted', async () => {
    const { gia: _gia, ...form } = await shownForm(URL_2025);
    for (const key of Object.keys(form)) if (key.startsWith('gia.')) delete form[key];
    await agent.post(URL_2025, form);
    expect((await draftYear('2025-2026')).finalAttestation).toEqual(published('2025-2026').finalAttestation);
  });
});
