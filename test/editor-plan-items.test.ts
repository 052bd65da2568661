/** Adding and removing plan items in the HTML editor: a confirmation naming the feeds affected, then the draft. */
/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read the draft's JSON freely */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Agent, type EditorApp, SCHOOL, signedInEditor } from './helpers/editor.js';

let editor: EditorApp;
let agent: Agent;
beforeEach(async () => {
  ({ editor, agent } = await signedInEditor());
});
afterEach(() => editor.close());

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const draftPlan = async () => (await editor.state.drafts.read())?.documents.plan as any;
const organizationsOfTypes = (editorApp: EditorApp, types: string[]) =>
  editorApp.app.dataStore.current.registry.organizations.filter((o) => o.types.some((t) => types.includes(t))).length;

describe('plan items', () => {
  it('removes an item only after a confirmation naming its type feeds and the number of organization feeds', async () => {
    // п. 19 concerns general and additional organizations.
    const confirm = await agent.get('/admin/data/plan/items/19/remove');
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('<li>лента всего плана</li>');
    expect(confirm.body).toContain('<li>лента типа «общеобразовательные организации»</li>');
    expect(confirm.body).toContain('<li>лента типа «организации дополнительного образования»</li>');
    expect(confirm.body).not.toContain('лента типа «дошкольные организации»');
    const count = organizationsOfTypes(editor, ['general', 'additional']);
    expect(count).toBeGreaterThan(1);
    expect(confirm.body).toMatch(new RegExp(`<li>${count}[\\s\\u00a0]лент[а-я]* организац`));
    expect(await editor.state.drafts.read()).toBeUndefined();

    const base = await agent.formBase('/admin/data/plan/items/19/remove');
    // Without the confirmation's own field, the form only leads back to the confirmation.
    expect((await agent.post('/admin/data/plan/items/19/remove', base)).headers.location).toBe('/admin/data/plan/items/19/remove');
    expect(await editor.state.drafts.read()).toBeUndefined();
    const removed = await agent.post('/admin/data/plan/items/19/remove', { ...base, confirmed: 'yes' });
    expect(removed.headers.location).toBe('/admin/data/plan/items?removed=19');
    expect((await draftPlan()).items.map((i: any) => i.number)).not.toContain(19);
    expect(editor.app.dataStore.current.plan.items.some((i) => i.number === 19)).toBe(true);
    const preview = (await agent.get('/admin/data/preview')).body;
    expect(preview).toContain('data-kind="removed"');
    expect((await agent.get('/admin/data/plan/items/19/remove')).statusCode).toBe(404);
  });

  it('adds an item from its JSON after a confirmation naming the feeds, in order by number', async () => {
    const page = await agent.get('/admin/data/plan/items');
    const template = JSON.parse(unescape(/<textarea id="item" name="item"[^>]*>([\s\S]*?)<\/textarea>/.exec(page.body)![1]!));
    expect(template.number).toBe(27);
    const item = { ...template, number: 30, title: 'Сверка контингента', text: 'Сверка контингента обучающихся', source: 'Сверка контингента обучающихся', schedules: [{ id: 's0', organizationTypes: ['preschool'], wording: 'До 1 марта', rules: [{ id: 'r0', kind: 'date', month: 3, day: 1 }] }] };
    const base = await agent.formBase('/admin/data/plan/items');
    const confirm = await agent.post('/admin/data/plan/items/new', { ...base, item: JSON.stringify(item) });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Добавить п. 30 — Сверка контингента?');
    expect(confirm.body).toContain('<li>лента типа «дошкольные организации»</li>');
    expect(confirm.body).not.toContain('лента типа «общеобразовательные организации»');
    expect(confirm.body).toMatch(new RegExp(`<li>${organizationsOfTypes(editor, ['preschool'])}[\\s\\u00a0]лент`));
    expect(await editor.state.drafts.read()).toBeUndefined();

    const carried = unescape(/name="item" value="([^"]*)"/.exec(confirm.body)![1]!);
    const added = await agent.post('/admin/data/plan/items/new', { ...base, item: carried, confirmed: 'yes' });
    expect(added.headers.location).toBe('/admin/data/plan/items?added=30');
    const numbers = (await draftPlan()).items.map((i: any) => i.number);
    expect(numbers.at(-1)).toBe(30);
    expect((await draftPlan()).items.at(-1)).toEqual(item);
    const list = await agent.get('/admin/data/plan/items?added=30');
    expect(list.body).toContain('Пункт 30 добавлен в черновик.');
    expect(list.body).not.toContain('class="problems"');
    expect((await agent.get('/admin/data/preview')).body).toContain('data-kind="added"');
  });

  it('refuses malformed JSON and a taken number next to the field, changing nothing', async () => {
    const base = await agent.formBase('/admin/data/plan/items');
    const broken = await agent.post('/admin/data/plan/items/new', { ...base, item: '{ "number": ' });
    expect(broken.statusCode).toBe(422);
    expect(broken.body).toMatch(/<strong class="error" id="item-error">это не JSON: /);
    expect(broken.body).toContain('aria-describedby="item-error"');
    const taken = await agent.post('/admin/data/plan/items/new', { ...base, item: JSON.stringify({ number: 19 }), confirmed: 'yes' });
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain('пункт 19 уже есть в плане');
    expect(await editor.state.drafts.read()).toBeUndefined();
  });

  it('refuses a missing CSRF token, a stale draft and a school’s session', async () => {
    const base = await agent.formBase('/admin/data/plan/items/19/remove');
    expect((await agent.post('/admin/data/plan/items/19/remove', { draft: base['draft']!, confirmed: 'yes' })).statusCode).toBe(403);
    expect((await agent.post('/admin/data/plan/items/19/remove', { ...base, draft: '"draft-0000"', confirmed: 'yes' })).statusCode).toBe(412);
    const school = new Agent(editor.app);
    await school.login(SCHOOL.login, SCHOOL.password);
    const csrf = await school.csrf('/admin');
    for (const url of ['/admin/data/plan/items', '/admin/data/plan/items/19/remove']) expect((await school.get(url)).statusCode, url).toBe(403);
    for (const url of ['/admin/data/plan/items/new', '/admin/data/plan/items/19/remove']) expect((await school.post(url, { _csrf: csrf, confirmed: 'yes', item: '{}' })).statusCode, url).toBe(403);
    expect(await editor.state.drafts.read()).toBeUndefined();
  });
});
