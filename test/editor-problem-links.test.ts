/** Every problem on the preview links to the form that shows its field. */
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { problemPlace } from '../src/admin/editor/problem-links.js';
import { type Agent, type EditorApp, signedInEditor } from './helpers/editor.js';

const json = async (file: string) => JSON.parse(await readFile(file, 'utf8'));
const documents = async () => ({ plan: await json('plan.json'), organizations: await json('data/organizations.json'), schoolYears: await json('data/school-years.json') });

describe('problemPlace', () => {
  it('names the form of each document part, and the JSON editor for the rest', async () => {
    const docs = await documents();
    const org = docs.organizations.organizations[3].id as string;
    expect(problemPlace('/organizations/organizations/3/name', docs)).toEqual({ href: `/admin/data/registry/${org}`, label: `организация ${org}` });
    expect(problemPlace('/organizations/organizations/999/name', docs).href).toBe('/admin/data/organizations');
    expect(problemPlace('/schoolYears/years/0/systems/trimesters/terms/1/end', docs).href).toBe(`/admin/data/school-years/${docs.schoolYears.years[0].id}/trimesters`);
    expect(problemPlace('/schoolYears/years/0/finalAttestation/0/end', docs).href).toBe(`/admin/data/school-years/${docs.schoolYears.years[0].id}/quarters`);
    expect(problemPlace('/plan/items/18/schedules/0/rules/0/day', docs)).toEqual({ href: `/admin/data/plan/items/${docs.plan.items[18].number}`, label: `п. ${docs.plan.items[18].number} плана` });
    expect(problemPlace('/plan/meta/onDayOff', docs).href).toBe('/admin/data/plan/meta');
    expect(problemPlace('/plan/$schema', docs).href).toBe('/admin/data/plan');
    expect(problemPlace('/workingDays/2027.json/days/0', docs).href).toBe('/admin/data/working-days/2027');
  });

  it('never builds a link from a hostile id', async () => {
    const docs = await documents();
    docs.organizations.organizations[0].id = '../../admin/users"><script>';
    expect(problemPlace('/organizations/organizations/0/id', docs).href).toBe('/admin/data/organizations');
  });
});

describe('the preview', () => {
  let editor: EditorApp;
  let agent: Agent;
  beforeEach(async () => {
    ({ editor, agent } = await signedInEditor());
  });
  afterEach(() => editor.close());

  it('links a problem to the form where it is shown', async () => {
    const url = '/admin/data/school-years/2025-2026/quarters';
    const page = (await agent.get(url)).body;
    const form: Record<string, string> = { ...(await agent.formBase(url)), intent: 'save' };
    for (const [, name, value] of page.matchAll(/<input id="[^"]*" type="(?:text|date)" name="([^"]+)" value="([^"]*)"/g)) form[name!] = value!;
    form['terms.1.end'] = '2025-13-40';
    expect((await agent.post(url, form)).statusCode).toBe(303);
    const preview = (await agent.get('/admin/data/preview')).body;
    expect(preview).toContain('class="problems"');
    expect(preview).toMatch(/<code>\/schoolYears\/years\/\d+\/systems\/quarters\/terms\/1\/end<\/code>[^<]*<a href="\/admin\/data\/school-years\/2025-2026\/quarters">исправить: учебный график 2025-2026<\/a>/);
  });
});
