/**
 * The rendering memos the static export leans on (issue 13): organizations with equal types and
 * settings share one agenda and one rendered agenda block, texts share their markup. Each memo
 * must give what a fresh computation gives, never another data set's or another day's answer,
 * and stay within its byte budget.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../src/data/load.js';
import type { Audience, Dataset } from '../src/domain/model.js';
import { AGENDA_MEMO_BYTES, agendaBytes, agendaFor } from '../src/render/html/agenda.js';
import { agendaBlock } from '../src/render/html/components/agenda.js';
import type { ItemLinks } from '../src/render/html/components/deadlines.js';
import { html } from '../src/render/html/template.js';
import { itemsByNumber } from '../src/render/html/views.js';
import { copyData, type DataCopy } from './helpers/app.js';

const DAY = '2025-10-01';
let data: Dataset;
let copy: DataCopy;

const organization = (set: Dataset, id: string): Audience => {
  const found = set.organizationsById.get(id);
  if (found === undefined) throw new Error(`no ${id} in the bundled registry`);
  return { kind: 'organization', organization: found };
};

beforeAll(async () => {
  data = await loadDataset({ planFile: 'plan.json', dataDir: 'data' });
  copy = await copyData();
});

afterAll(async () => {
  await copy?.remove();
});

describe('agendaFor memo', () => {
  it('gives organizations with equal types and settings one agenda, equal to a fresh computation', async () => {
    // licey-1 and sosh-8: both general schools without settings of their own.
    const first = agendaFor(data, organization(data, 'licey-1'), DAY);
    expect(agendaFor(data, organization(data, 'sosh-8'), DAY)).toBe(first);
    // Another data set loaded from the same files is computed anew, and equal.
    const fresh = await loadDataset({ planFile: 'plan.json', dataDir: 'data' });
    const again = agendaFor(fresh, organization(fresh, 'licey-1'), DAY);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it('keeps other settings, other days and other data sets apart', async () => {
    const school = agendaFor(data, organization(data, 'licey-1'), DAY);
    expect(agendaFor(data, organization(data, 'sosh-6'), DAY)).not.toEqual(school);
    const nextDay = agendaFor(data, organization(data, 'licey-1'), '2025-10-02');
    expect(nextDay.today).toBe('2025-10-02');
    // A reload with a changed wording: the memo holds the old data set's agenda under the same
    // key, and must not hand it out.
    await copy.editJson('plan.json', (plan) => {
      const items = plan['items'] as { schedules: { wording: string }[] }[];
      for (const item of items) for (const schedule of item.schedules) schedule.wording = `${schedule.wording} (изменено)`;
    });
    const held = agendaFor(data, organization(data, 'sosh-6'), DAY);
    const edited = await loadDataset({ planFile: copy.planFile, dataDir: copy.dataDir });
    const after = agendaFor(edited, organization(edited, 'licey-1'), DAY);
    // The reload emptied the memo: the old data set's other agendas are not kept (nor the data
    // set they would pin), so asking for one again computes it anew.
    const again = agendaFor(data, organization(data, 'sosh-6'), DAY);
    expect(again).not.toBe(held);
    expect(again).toEqual(held);
    const wordings = [...after.upcoming, ...after.past].flatMap((group) => group.occurrences.map((o) => o.wording));
    expect(wordings.length).toBeGreaterThan(0);
    expect(wordings.every((wording) => wording.endsWith('(изменено)'))).toBe(true);
  });

  it('counts an agenda well inside its budget', () => {
    const bytes = agendaBytes(agendaFor(data, organization(data, 'sosh-6'), DAY));
    expect(bytes).toBeGreaterThan(10_000);
    expect(bytes * 50).toBeLessThan(AGENDA_MEMO_BYTES);
  });
});

describe('agendaBlock memo', () => {
  const links = (base: string, newTab = false): ItemLinks => ({ today: DAY, items: itemsByNumber(data), itemHref: (item) => `${base}/plan#item-${item}`, newTab });

  it('renders one block per agenda and everything else that shapes it', () => {
    const agenda = agendaFor(data, organization(data, 'licey-1'), DAY);
    const block = agendaBlock(links('https://a.example'), agenda, true, 'org').value;
    // The same agenda (another school with the same settings) and the same view: the same markup.
    expect(agendaBlock(links('https://a.example'), agendaFor(data, organization(data, 'sosh-8'), DAY), true, 'org').value).toBe(block);
    expect(block).toContain('id="agenda-org"');
    // Each of these changes the markup, so each must reach the key.
    const others = [
      agendaBlock(links('https://a.example'), agenda, false, 'org').value,
      agendaBlock(links('https://a.example'), agenda, true, 'general').value,
      agendaBlock(links('https://b.example'), agenda, true, 'org').value,
      agendaBlock(links('https://a.example', true), agenda, true, 'org').value,
      agendaBlock(links('https://a.example'), agendaFor(data, organization(data, 'sosh-6'), DAY), true, 'org').value,
    ];
    for (const other of others) expect(other).not.toBe(block);
    expect(others[2]).toContain('https://b.example/plan#item-');
    expect(others[3]).toContain('target="_blank"');
  });
});

describe('markup memo of the templates', () => {
  it('escapes and sets the typography of a text the same on every use, long texts included', () => {
    const hostile = 'Школа № 5 «Ромашка» <script>alert(1)</script> & "кавычки"';
    const expected = 'Школа №\u00a05 «Ромашка» &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;кавычки&quot;';
    expect(html`<p>${hostile}</p>`.value).toBe(`<p>${expected}</p>`);
    expect(html`<p>${hostile}</p>`.value).toBe(`<p>${expected}</p>`);
    const long = `${'<b>'.repeat(200)} № 7`;
    expect(html`${long}`.value).toBe(`${'&lt;b&gt;'.repeat(200)} №\u00a07`);
    expect(html`${''}|${'<'}`.value).toBe('|&lt;');
  });
});
