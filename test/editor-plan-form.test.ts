/** The plan as forms in the HTML editor: one item with its schedules and rules, and the plan's metadata. */
/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read the draft's JSON freely */
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RULE_KINDS } from '../src/admin/editor/rule-fields.js';
import { formFields } from './helpers/form-fields.js';
import { Agent, type EditorApp, SCHOOL, signedInEditor } from './helpers/editor.js';

let editor: EditorApp;
let agent: Agent;
let original: any;
beforeEach(async () => {
  ({ editor, agent } = await signedInEditor());
  original = JSON.parse(await readFile(editor.copy.planFile, 'utf8'));
});
afterEach(() => editor.close());

const ITEMS = '/admin/data/plan/items';
const draftPlan = async () => (await editor.state.drafts.read())?.documents.plan as any;
/** The form as the page shows it, as a browser would submit it unchanged. */
const shown = async (url: string) => formFields((await agent.get(url)).body, url);
const save = (url: string, form: Record<string, string>) => agent.post(url, { ...form, intent: 'save' });
const item = (plan: any, number: number) => plan.items.find((i: any) => i.number === number);
const preview = async () => (await agent.get('/admin/api/draft/preview')).json();

describe('the plan item form', () => {
  it('is linked from the items list and from the data page', async () => {
    expect((await agent.get(ITEMS)).body).toContain(`href="${ITEMS}/19"`);
    expect((await agent.get('/admin/data')).body).toContain('href="/admin/data/plan/meta"');
  });

  it('round-trips every item, and so every rule kind, byte for byte', async () => {
    const kinds = new Set(original.items.flatMap((i: any) => i.schedules.flatMap((s: any) => s.rules.map((r: any) => r.kind))));
    expect([...kinds].sort()).toEqual([...RULE_KINDS].sort());
    for (const { number } of original.items) {
      const url = `${ITEMS}/${number}`;
      expect((await save(url, await shown(url))).headers.location, url).toBe(url);
      expect(JSON.stringify(await draftPlan(), null, 2), url).toBe(JSON.stringify(original, null, 2));
    }
    expect((await preview()).changes).toEqual([]);
  });

  it('shows each rule exactly the fields its kind needs', async () => {
    const expected: Record<string, string[]> = {
      date: ['month', 'day', 'note'],
      month: ['month', 'note'],
      monthChoice: ['months', 'note'],
      span: ['start.month', 'start.day', 'end.month', 'end.day', 'note'],
      opening: ['month', 'day', 'note'],
      daily: ['days', 'time', 'durationMinutes', 'note'],
      schoolYearEnd: ['offsetDays', 'month', 'note'],
      termEnd: ['note'],
      finalAttestationEnd: ['note'],
      onChange: ['workingDays', 'note'],
      asNeeded: ['note'],
    };
    expect(Object.keys(expected).sort()).toEqual([...RULE_KINDS].sort());
    const seen = new Set<string>();
    for (const entry of original.items) {
      const body = (await agent.get(`${ITEMS}/${entry.number}`)).body;
      entry.schedules.forEach((schedule: any, j: number) =>
        schedule.rules.forEach((rule: any, k: number) => {
          const start = body.indexOf(`<fieldset class="rule" id="rule-${j}-${k}">`);
          const html = body.slice(start, body.indexOf(`value="removeRule.${j}.${k}"`, start));
          const names = [...html.matchAll(/name="s\.\d+\.r\.\d+\.([a-zA-Z.]+?)(?:\.\d+)?"/g)].map((m) => m[1]!).filter((n) => n !== 'id' && n !== 'kind');
          expect([...new Set(names)], `п. ${entry.number} ${rule.kind}`).toEqual(expected[rule.kind]);
          seen.add(rule.kind);
        }),
      );
    }
    expect(seen.size).toBe(RULE_KINDS.length);
  });

  it('saves item 19’s wording and a date rule’s day into the draft and nothing else; the preview lists both events', async () => {
    const form19 = await shown(`${ITEMS}/19`);
    expect(form19['s.0.wording']).toBe('По окончании учебного периода (четверти, триместра, полугодия, года)');
    await save(`${ITEMS}/19`, { ...form19, 's.0.wording': 'По окончании каждого учебного периода и учебного года' });
    const form3 = await shown(`${ITEMS}/3`);
    expect([form3['s.0.r.0.kind'], form3['s.0.r.0.month'], form3['s.0.r.0.day']]).toEqual(['date', '2', '1']);
    expect((await save(`${ITEMS}/3`, { ...form3, 's.0.r.0.day': '3' })).statusCode).toBe(303);

    const expected = structuredClone(original);
    item(expected, 19).schedules[0].wording = 'По окончании каждого учебного периода и учебного года';
    item(expected, 3).schedules[0].rules[0].day = 3;
    expect(await draftPlan()).toEqual(expected);
    const { problems, changes } = await preview();
    expect(problems).toEqual([]);
    expect(changes.find((c: any) => c.kind === 'moved' && c.item === 3)?.description).toMatch(/^п\. 3: 1\s+февраля \(.*\) → 3\s+февраля/);
    expect(changes.some((c: any) => c.kind === 'reworded' && c.item === 19)).toBe(true);
    expect(changes.every((c: any) => c.item === 3 || c.item === 19)).toBe(true);
  });

  it('keeps a malformed field in the draft and shows the problem next to it, changing nothing else', async () => {
    await save(`${ITEMS}/4`, { ...(await shown(`${ITEMS}/4`)), 's.0.r.0.day': '31' }); // «Доступно с 1 апреля»
    const expected = structuredClone(original);
    item(expected, 4).schedules[0].rules[0].day = 31;
    expect(await draftPlan()).toEqual(expected);
    const page = (await agent.get(`${ITEMS}/4`)).body;
    expect(page).toMatch(/name="s\.0\.r\.0\.day" value="31"[^>]* aria-invalid="true" aria-describedby="f-s-0-r-0-day-error"><span class="error" id="f-s-0-r-0-day-error">даты 31[\s\u00a0]апреля не существует<\/span>/);
    expect(page).toContain('/plan/items/3/schedules/0/rules/0/day');

    await save(`${ITEMS}/3`, { ...(await shown(`${ITEMS}/3`)), 's.0.r.0.month': '13', title: '' });
    const page3 = (await agent.get(`${ITEMS}/3`)).body;
    expect(page3).toMatch(/<select id="f-s-0-r-0-month" name="s\.0\.r\.0\.month"[^>]* aria-invalid="true"[^>]*>[\s\S]*?<option value="13" selected>13 \(недопустимое значение\)<\/option><\/select><span class="error" id="f-s-0-r-0-month-error">/);
    expect(page3).toMatch(/name="title" value=""[^>]* aria-invalid="true" aria-describedby="f-title-error"><span class="error"/);
    expect(item(await draftPlan(), 3).schedules[0].rules[0]).toEqual({ id: 'r0', kind: 'date', month: 13, day: 1 });
  });

  it('shows a new kind’s fields on «Показать поля» without saving, then saves the rule under its old id', async () => {
    const form = { ...(await shown(`${ITEMS}/7`)), 's.0.r.0.kind': 'date' }; // «Июнь-Август», a span
    const shownAgain = await agent.post(`${ITEMS}/7`, { ...form, intent: 'refresh' });
    expect(shownAgain.statusCode).toBe(200);
    expect(shownAgain.body).toContain('Изменения ещё не сохранены');
    expect(shownAgain.body).toContain('name="s.0.r.0.day"');
    expect(shownAgain.body).not.toContain('name="s.0.r.0.start.month"');
    expect(await editor.state.drafts.read()).toBeUndefined();
    const next = formFields(shownAgain.body, `${ITEMS}/7`);
    await save(`${ITEMS}/7`, { ...next, 's.0.r.0.month': '8', 's.0.r.0.day': '25' });
    expect(item(await draftPlan(), 7).schedules[0].rules).toEqual([{ id: 'r0', kind: 'date', month: 8, day: 25 }]);
  });

  it('adds rules and schedules with ids never used, retires the removed published ones, and the draft stays valid', async () => {
    // п. 12: r0 «до …» and r1 «в случае изменения…»; remove r1, add a rule: it must not take r1.
    let form = await shown(`${ITEMS}/12`);
    let page = (await agent.post(`${ITEMS}/12`, { ...form, intent: 'removeRule.0.1' })).body;
    page = (await agent.post(`${ITEMS}/12`, { ...formFields(page, `${ITEMS}/12`), intent: 'addRule.0' })).body;
    expect(page).toContain('Правило 2 (новое)');
    // A new rule chooses nothing for the user: its month is «—» until picked.
    expect(page).toMatch(/name="s\.0\.r\.1\.month"[^>]*><option value="" selected>—<\/option><option value="1">январь/);
    form = { ...formFields(page, `${ITEMS}/12`), 's.0.r.1.kind': 'asNeeded' };
    delete form['s.0.r.1.month'];
    delete form['s.0.r.1.day'];
    await save(`${ITEMS}/12`, form);
    const item12 = item(await draftPlan(), 12);
    expect(item12.schedules[0].rules).toEqual([item(original, 12).schedules[0].rules[0], { id: 'r2', kind: 'asNeeded' }]);
    expect(item12.retiredIds).toEqual(['r1']);

    // п. 19: a second schedule for preschools; п. 5: its second schedule removed.
    page = (await agent.post(`${ITEMS}/19`, { ...(await shown(`${ITEMS}/19`)), intent: 'addSchedule' })).body;
    await save(`${ITEMS}/19`, { ...formFields(page, `${ITEMS}/19`), 's.1.type.preschool': 'on', 's.1.wording': 'До 1 марта', 's.1.r.0.month': '3', 's.1.r.0.day': '1' });
    expect(item(await draftPlan(), 19).schedules[1]).toEqual({ id: 's1', organizationTypes: ['preschool'], wording: 'До 1 марта', rules: [{ id: 'r1', kind: 'date', month: 3, day: 1 }] });
    await save(`${ITEMS}/5`, { ...(await agent.post(`${ITEMS}/5`, { ...(await shown(`${ITEMS}/5`)), intent: 'removeSchedule.1' }).then((r) => formFields(r.body, `${ITEMS}/5`))) });
    expect(item(await draftPlan(), 5).schedules.map((s: any) => s.id)).toEqual(['s0']);
    expect(item(await draftPlan(), 5).retiredIds).toEqual(['s1']);
    const { problems, changes } = await preview();
    expect(problems).toEqual([]);
    expect(changes.some((c: any) => c.kind === 'added' && c.item === 19)).toBe(true);

    // A rule that only ever lived in the draft is dropped, not retired.
    form = await shown(`${ITEMS}/19`);
    await save(`${ITEMS}/19`, formFields((await agent.post(`${ITEMS}/19`, { ...form, intent: 'removeSchedule.1' })).body, `${ITEMS}/19`));
    expect(item(await draftPlan(), 19)).toEqual(item(original, 19));
  });

  it('never takes an id from a hidden field that the item has never had: the schedule keeps its UIDs', async () => {
    const url = `${ITEMS}/3`;
    const form = await shown(url);
    const ids = item(await editor.app.dataStore.current.plan, 3).schedules.map((s: any) => s.id);
    expect(form['s.0.id']).toBe(ids[0]);
    expect((await save(url, { ...form, 's.0.id': 's9', 's.0.wording': `${form['s.0.wording']} (уточнено)` })).statusCode).toBe(303);
    const saved = item(await draftPlan(), 3);
    // The forged id is treated as a new row: it gets an id the item never used, not the one sent.
    expect(saved.schedules.map((s: any) => s.id)).not.toContain('s9');
    expect(saved.schedules[0].wording).toContain('(уточнено)');
    // A row keeping its real id keeps it.
    const again = await shown(url);
    expect((await save(url, { ...again, 's.0.wording': 'до 20 января' })).statusCode).toBe(303);
    expect(item(await draftPlan(), 3).schedules[0].id).toBe(again['s.0.id']);
  });

  it('refuses a school account (403), sends anonymous visitors to sign in, and refuses a missing CSRF token or a stale draft', async () => {
    const form = await shown(`${ITEMS}/19`);
    expect((await editor.app.inject(`${ITEMS}/19`)).headers.location).toBe('/admin/login');
    expect((await editor.app.inject('/admin/data/plan/meta')).headers.location).toBe('/admin/login');
    const anonymous = await editor.app.inject({ method: 'POST', url: `${ITEMS}/19`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/admin/login');
    const school = new Agent(editor.app);
    await school.login(SCHOOL.login, SCHOOL.password);
    const csrf = await school.csrf('/admin');
    for (const url of [`${ITEMS}/19`, '/admin/data/plan/meta']) {
      expect((await school.get(url)).statusCode, url).toBe(403);
      expect((await school.post(url, { ...form, _csrf: csrf })).statusCode, url).toBe(403);
    }
    const { _csrf, ...withoutCsrf } = form;
    expect((await save(`${ITEMS}/19`, withoutCsrf)).statusCode).toBe(403);
    expect(await editor.state.drafts.read()).toBeUndefined();
    // Someone else saves first: the older form meets the conflict page and changes nothing.
    await save(`${ITEMS}/3`, { ...(await shown(`${ITEMS}/3`)), 's.0.r.0.day': '2' });
    const stale = await save(`${ITEMS}/19`, { ...form, title: 'Устаревшая правка' });
    expect(stale.statusCode).toBe(412);
    expect(stale.body).toContain('Черновик изменился, пока страница была открыта');
    // Not the newer-publication page: nothing was published, and deleting the draft would lose the other save.
    expect(stale.body).not.toContain('удалите черновик');
    expect(stale.body).toContain(`href="${ITEMS}/19"`);
    expect(item(await draftPlan(), 19).title).toBe(item(original, 19).title);
    // A form re-rendered by one of its buttons still carries the ETag it was started from.
    const again = await agent.post(`${ITEMS}/19`, { ...form, intent: 'addRule.0' });
    expect(formFields(again.body, `${ITEMS}/19`)['draft']).toBe(form['draft']);
    expect((await save(`${ITEMS}/19`, formFields(again.body, `${ITEMS}/19`))).statusCode).toBe(412);
  });
});

describe('the plan metadata form', () => {
  const META = '/admin/data/plan/meta';

  it('round-trips, saves the day-off policy and the contact, never version or updated', async () => {
    const form = await shown(META);
    expect(form['onDayOff']).toBe('previousWorkingDay');
    await save(META, form);
    expect(JSON.stringify(await draftPlan(), null, 2)).toBe(JSON.stringify(original, null, 2));
    const page = (await agent.get(META)).body;
    expect(page).toContain(`<code>${original.meta.version}</code>`);
    expect(page).not.toContain('name="version"');
    await save(META, { ...(await shown(META)), onDayOff: 'nextWorkingDay', 'contact.phone': '8 (82145) 6-00-00', version: '9999', updated: '2030-01-01T00:00:00Z' });
    const expected = structuredClone(original);
    expected.meta.onDayOff = 'nextWorkingDay';
    expected.meta.contact = { ...expected.meta.contact, phone: '8 (82145) 6-00-00' };
    expect(await draftPlan()).toEqual(expected);
    const { problems, changes } = await preview();
    expect(problems).toEqual([]);
    expect(changes.some((c: any) => c.kind === 'moved')).toBe(true);
  });

  it('shows a malformed e-mail and an empty title next to their fields', async () => {
    await save(META, { ...(await shown(META)), 'contact.email': 'отдел образования', title: '' });
    const page = (await agent.get(META)).body;
    expect(page).toMatch(/name="contact\.email" value="отдел образования"[^>]* aria-invalid="true" aria-describedby="f-contact-email-error"><span class="error"/);
    expect(page).toMatch(/<textarea id="f-title" name="title"[^>]* aria-invalid="true" aria-describedby="f-title-error"><\/textarea><span class="error"/);
  });
});
