/** Marking transfers by hand in the HTML editor: published like an upload, verified, replacing the provisional year. */
/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read the data files' JSON freely */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Agent, type EditorApp, feedEvents, SCHOOL, signedInEditor } from './helpers/editor.js';

let editor: EditorApp;
let agent: Agent;
beforeEach(async () => {
  ({ editor, agent } = await signedInEditor());
});
afterEach(() => editor.close());

const URL_2027 = '/admin/data/working-days/2027';
const onDisk = async (file: string) => JSON.parse(await readFile(path.join(editor.copy.dataDir, file), 'utf8'));
const all = async () => (await editor.app.inject('/feeds/all.ics')).body.replace(/\r\n[ \t]/g, '');

/** The page's rows as a browser would submit them unchanged. */
async function shownForm(): Promise<Record<string, string>> {
  const body = (await agent.get(URL_2027)).body;
  const form: Record<string, string> = { _csrf: /name="_csrf" value="([^"]+)"/.exec(body)![1]! };
  for (const [, name, value] of body.matchAll(/<input id="[^"]*" type="(?:text|date)" name="(days\.[^"]+)" value="([^"]*)"/g)) form[name!] = value!;
  for (const [, name, value] of body.matchAll(/<select id="[^"]*" name="(days\.\d+\.type)"[^>]*>(?:(?!<\/select>)[\s\S])*?<option value="([a-zA-Z]+)" selected>/g)) form[name!] = value!;
  return form;
}

/** A plan item's dated deadline in 2027 on an ordinary Tuesday–Friday: a day to make a day off. */
function datedWeekday(): { item: number; date: string } {
  const exceptions = new Set(editor.app.dataStore.current.workingDays.find((w) => w.year === 2027)!.days.map((d) => d.date));
  for (const item of editor.app.dataStore.current.plan.items) {
    for (const schedule of item.schedules) {
      for (const rule of schedule.rules) {
        if (rule.kind !== 'date') continue;
        const date = DateTime.fromObject({ year: 2027, month: rule.month, day: rule.day });
        if (date.weekday >= 2 && date.weekday <= 5 && !exceptions.has(date.toISODate()!)) return { item: item.number, date: date.toISODate()! };
      }
    }
  }
  throw new Error('no dated deadline on a weekday in 2027');
}

describe('marking transfers by hand', () => {
  it('publishes the marked year as verified: the provisional mark goes, a deadline on the new day off moves to the working day before', async () => {
    const page = await agent.get(URL_2027);
    expect(page.body).toContain('предварительный');
    expect(await all()).toContain('производственный календарь 2027 года не сверен');
    const { item, date } = datedWeekday();
    // The series recurs yearly; a moved year shows as its own instance.
    const dayBefore = DateTime.fromISO(date).minus({ days: 1 }).toISODate()!;
    const before = (await feedEvents(editor.app, '/feeds/all.ics')).filter((e) => e.item === String(item));
    expect(before.some((e) => e.start === dayBefore)).toBe(false);

    const form = { ...(await shownForm()), 'days.40.date': date, 'days.40.type': 'nonWorking', 'days.40.holiday': 'Перенос по постановлению Правительства', comment: 'Перенос выходного в 2027 году' };
    const published = await agent.post(URL_2027, form);
    expect(published.statusCode).toBe(303);
    expect(published.headers.location).toMatch(/^\/admin\/history\?published=\d+$/);

    const file = await onDisk('working-days/2027.json');
    expect(file.verified).toBe(true);
    expect(file.source).toMatch(/^Переносы отмечены вручную в редакторе календаря; основа — Производственный календарь в формате xmlcalendar/);
    expect(file.days.find((d: any) => d.date === date)).toEqual({ date, type: 'nonWorking', holiday: 'Перенос по постановлению Правительства' });
    // Every day the page showed is kept as it was, with the new one.
    expect(file.days).toHaveLength(25);
    expect(file.days.find((d: any) => d.date === '2027-02-22')).toEqual({ date: '2027-02-22', type: 'nonWorking', movedFrom: '2027-02-20' });
    expect(editor.app.dataStore.current.workingDays.find((w) => w.year === 2027)!.verified).toBe(true);
    expect(await all()).not.toContain('производственный календарь 2027 года не сверен');
    const after = (await feedEvents(editor.app, '/feeds/all.ics')).filter((e) => e.item === String(item));
    expect(after.some((e) => e.start === dayBefore)).toBe(true);
    const revisions = (await editor.app.inject({ url: '/admin/api/revisions', headers: { authorization: `Bearer ${await editor.state.accounts.issueToken('metodist', new Date())}` } })).json();
    expect(revisions[0].comment).toBe('Перенос выходного в 2027 году');
    // A second hand edit keeps the basis named once.
    await agent.post(URL_2027, { ...(await shownForm()), comment: 'Ещё раз' });
    expect((await onDisk('working-days/2027.json')).source.match(/основа — /g)).toHaveLength(1);
  });

  it('shows a wrong row next to its field and publishes nothing', async () => {
    const form = { ...(await shownForm()), 'days.40.date': '2028-01-10', 'days.40.type': 'working', 'days.41.date': '2027-02-30', 'days.41.type': 'nonWorking' };
    const refused = await agent.post(URL_2027, form);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('ничего не опубликовано');
    expect(refused.body).toMatch(/aria-describedby="f-days-\d+-date-error"><span class="error" id="f-days-\d+-date-error">2028-01-10 — не 2027 год<\/span>/);
    expect(refused.body).toMatch(/<span class="error" id="f-days-\d+-date-error">«2027-02-30» — не дата/);
    expect(refused.body).toContain('value="2028-01-10"');
    expect(await editor.state.revisions.ids()).toEqual([1]);
    expect((await onDisk('working-days/2027.json')).verified).toBe(false);
  });

  it('opens a year from the data page, refuses a bad year, a missing CSRF token and a school’s session', async () => {
    expect((await agent.get('/admin/data')).body).toContain('action="/admin/data/working-days"');
    expect((await agent.get('/admin/data/working-days?year=2028')).headers.location).toBe('/admin/data/working-days/2028');
    expect((await agent.get('/admin/data/working-days/2028')).body).toContain('Производственного календаря на этот год ещё нет.');
    expect((await agent.get('/admin/data/working-days/20x8')).statusCode).toBe(404);
    const { _csrf: _token, ...withoutToken } = await shownForm();
    expect((await agent.post(URL_2027, withoutToken)).statusCode).toBe(403);
    const school = new Agent(editor.app);
    await school.login(SCHOOL.login, SCHOOL.password);
    const csrf = await school.csrf('/admin');
    expect((await school.get(URL_2027)).statusCode).toBe(403);
    expect((await school.post(URL_2027, { _csrf: csrf, comment: 'x' })).statusCode).toBe(403);
    expect(await editor.state.revisions.ids()).toEqual([1]);
  });
});
