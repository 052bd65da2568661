/** The registry as a form in the HTML editor: add, rename, change id and types, remove — all into the draft. */
/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read the draft's JSON freely */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Agent, type EditorApp, SCHOOL, signedInEditor } from './helpers/editor.js';

let editor: EditorApp;
let agent: Agent;
beforeEach(async () => {
  ({ editor, agent } = await signedInEditor());
});
afterEach(() => editor.close());

const draftRegistry = async () => (await editor.state.drafts.read())?.documents.organizations as any;

describe('the registry form', () => {
  it('lists the draft’s organizations, each linked to its form', async () => {
    const page = await agent.get('/admin/data/registry');
    expect(page.statusCode).toBe(200);
    const count = editor.app.dataStore.current.registry.organizations.length;
    expect(page.body).toContain(`Организаций в черновике — ${count}.`);
    expect(page.body).toContain('href="/admin/data/registry/sosh-5"');
    expect((await agent.get('/admin/data')).body).toContain('href="/admin/data/registry"');
  });

  it('adds an organization into the draft, not into data/, and the preview names its new feed', async () => {
    const form = { ...(await agent.formBase('/admin/data/registry/new')), id: 'sosh-11', name: 'Муниципальное общеобразовательное учреждение «Средняя общеобразовательная школа № 11»', shortName: 'МОУ «СОШ № 11»', 'type.general': 'on' };
    const saved = await agent.post('/admin/data/registry/new', form);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/admin/data/registry/sosh-11');
    const added = (await draftRegistry()).organizations.find((o: any) => o.id === 'sosh-11');
    expect(added).toEqual({ id: 'sosh-11', name: form.name, shortName: 'МОУ «СОШ № 11»', types: ['general'] });
    expect(editor.app.dataStore.current.registry.organizations.some((o) => o.id === 'sosh-11')).toBe(false);
    expect((await agent.get('/admin/data/registry/sosh-11')).body).toContain('value="МОУ «СОШ № 11»"');
    const preview = (await agent.get('/admin/data/preview')).body;
    expect(preview).not.toContain('class="problems"');
    expect(preview).toMatch(/«Средняя общеобразовательная школа №[\s\u00a0]11»: новая лента организации/);
  });

  it('refuses a malformed or taken id next to the field, leaving the draft unstarted', async () => {
    const base = await agent.formBase('/admin/data/registry/new');
    const bad = await agent.post('/admin/data/registry/new', { ...base, id: 'Школа 9', name: 'Школа', shortName: 'Школа', 'type.general': 'on' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toMatch(/aria-invalid="true" aria-describedby="f-id-error"><span class="error" id="f-id-error">идентификатор — строчные латинские буквы/);
    expect(bad.body).toContain('value="Школа 9"');
    const taken = await agent.post('/admin/data/registry/new', { ...base, id: 'sosh-5', name: 'Школа', shortName: 'Школа', 'type.general': 'on' });
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain('идентификатор sosh-5 уже занят');
    expect(await editor.state.drafts.read()).toBeUndefined();
  });

  it('keeps an organization without types in the draft and shows the validators’ message at the types', async () => {
    const base = await agent.formBase('/admin/data/registry/sosh-5');
    const saved = await agent.post('/admin/data/registry/sosh-5', { ...base, id: 'sosh-5', name: 'Школа № 5', shortName: 'СОШ № 5' });
    expect(saved.statusCode).toBe(303);
    expect((await draftRegistry()).organizations.find((o: any) => o.id === 'sosh-5').types).toEqual([]);
    const page = await agent.get('/admin/data/registry/sosh-5');
    expect(page.body).toMatch(/<fieldset aria-invalid="true" aria-describedby="f-types-error">[\s\S]*<span class="error" id="f-types-error">[^<]+<\/span><\/fieldset>/);
    expect(page.body).toContain('/organizations/organizations/');
  });

  it('renames and changes an id: the old id goes into previousIds, types change, and publishing redirects the old URL', async () => {
    const base = await agent.formBase('/admin/data/registry/sosh-5');
    const saved = await agent.post('/admin/data/registry/sosh-5', { ...base, id: 'school-5', name: 'Школа № 5 имени первооткрывателей', shortName: 'Школа № 5', 'type.general': 'on', 'type.additional': 'on' });
    expect(saved.headers.location).toBe('/admin/data/registry/school-5');
    const changed = (await draftRegistry()).organizations.find((o: any) => o.id === 'school-5');
    expect(changed).toMatchObject({ name: 'Школа № 5 имени первооткрывателей', shortName: 'Школа № 5', types: ['general', 'additional'], previousIds: ['sosh-5'] });
    // Its own former id can be taken back; another organization's former id cannot.
    const back = await agent.post('/admin/data/registry/school-5', { ...(await agent.formBase('/admin/data/registry/school-5')), id: 'sosh-5', name: changed.name, shortName: changed.shortName, 'type.general': 'on' });
    expect(back.headers.location).toBe('/admin/data/registry/sosh-5');
    expect((await draftRegistry()).organizations.find((o: any) => o.id === 'sosh-5').previousIds).toEqual(['school-5']);
    const again = await agent.post('/admin/data/registry/sosh-5', { ...(await agent.formBase('/admin/data/registry/sosh-5')), id: 'school-5', name: changed.name, shortName: changed.shortName, 'type.general': 'on', 'type.additional': 'on' });
    expect(again.headers.location).toBe('/admin/data/registry/school-5');
    expect((await draftRegistry()).organizations.find((o: any) => o.id === 'school-5').previousIds).toEqual(['sosh-5']);
    const taken = await agent.post('/admin/data/registry/sosh-6', { ...(await agent.formBase('/admin/data/registry/sosh-6')), id: 'sosh-5', name: 'Школа', shortName: 'Школа', 'type.general': 'on' });
    expect(taken.statusCode).toBe(422);
    // Settings the form does not show stay as they were.
    const original = editor.app.dataStore.current.registry.organizations.find((o) => o.id === 'sosh-5')!;
    expect(changed.settings).toEqual(original.settings);
    const publish = await agent.post('/admin/data/publish', { ...(await agent.formBase('/admin/data/preview')), comment: 'Новый идентификатор школы № 5' });
    expect(publish.statusCode).toBe(303);
    const old = await editor.app.inject('/feeds/organizations/sosh-5.ics');
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe('/feeds/organizations/school-5.ics');
  });

  it('removes an organization only after a confirmation; publishing records it in removed and its feed answers 410', async () => {
    const confirm = await agent.get('/admin/data/registry/sosh-5/remove');
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('«410 Gone»');
    expect(await editor.state.drafts.read()).toBeUndefined();
    const removed = await agent.post('/admin/data/registry/sosh-5/remove', await agent.formBase('/admin/data/registry/sosh-5/remove'));
    expect(removed.headers.location).toBe('/admin/data/registry?removed=sosh-5');
    expect((await draftRegistry()).organizations.some((o: any) => o.id === 'sosh-5')).toBe(false);
    expect((await agent.get('/admin/data/registry?removed=sosh-5')).body).toContain('Организация sosh-5 исключена в черновике');
    // A preview opened before the draft was saved again publishes nothing and says why.
    const preview = await agent.formBase('/admin/data/preview');
    const renamed = await agent.post('/admin/data/registry/sosh-6', { ...(await agent.formBase('/admin/data/registry/sosh-6')), id: 'sosh-6', name: 'Средняя общеобразовательная школа № 6 г. Инты', shortName: 'МБОУ «СОШ № 6»', 'type.general': 'on', 'type.preschool': 'on' });
    expect(renamed.statusCode, renamed.body.match(/class="error"[^<]*<|role="alert">[\s\S]{0,400}/)?.[0]).toBe(303);
    const stale = await agent.post('/admin/data/publish', { ...preview, comment: 'Школа № 5 закрыта' });
    expect(stale.statusCode).toBe(412);
    expect(stale.body).toContain('Черновик изменился, пока страница была открыта');
    expect(stale.body).toContain('Ничего не опубликовано');
    expect(stale.body).toContain('href="/admin/data/preview"');
    expect(editor.app.dataStore.current.registry.organizations.some((o) => o.id === 'sosh-5')).toBe(true);
    const publish = await agent.post('/admin/data/publish', { ...(await agent.formBase('/admin/data/preview')), comment: 'Школа № 5 закрыта' });
    expect(publish.statusCode).toBe(303);
    expect(editor.app.dataStore.current.registry.removed?.map((r) => r.id)).toEqual(['sosh-5']);
    expect((await editor.app.inject('/feeds/organizations/sosh-5.ics')).statusCode).toBe(410);
    expect((await agent.get('/admin/data/registry/sosh-5')).statusCode).toBe(404);
  });

  it('refuses the forms without a CSRF token or with a stale draft, and refuses a school’s session', async () => {
    const base = await agent.formBase('/admin/data/registry/sosh-5');
    expect((await agent.post('/admin/data/registry/sosh-5/remove', { draft: base['draft']! })).statusCode).toBe(403);
    expect((await agent.post('/admin/data/registry/sosh-5/remove', { ...base, draft: '"draft-0000"' })).statusCode).toBe(412);
    const school = new Agent(editor.app);
    await school.login(SCHOOL.login, SCHOOL.password);
    const csrf = await school.csrf('/admin');
    for (const url of ['/admin/data/registry', '/admin/data/registry/new', '/admin/data/registry/sosh-5', '/admin/data/registry/sosh-5/remove']) expect((await school.get(url)).statusCode, url).toBe(403);
    for (const url of ['/admin/data/registry/new', '/admin/data/registry/sosh-5', '/admin/data/registry/sosh-5/remove']) expect((await school.post(url, { _csrf: csrf, id: 'x' })).statusCode, url).toBe(403);
    expect(await editor.state.drafts.read()).toBeUndefined();
  });
});
