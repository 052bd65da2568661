/** What a change means per feed: the one pure function behind the preview, the Atom entries and the notes. */
/* eslint-disable @typescript-eslint/no-explicit-any -- the tests edit the data files’ JSON freely */
import { describe, expect, it } from 'vitest';
import { readData } from '../src/data/load.js';
import { changesBetween, changesIn, describeChange } from '../src/domain/changes.js';
import { assembleDataset, documentIssues, type DataDocuments } from '../src/domain/documents.js';

const location = { planFile: 'plan.json', dataDir: 'data' };

async function pair(edit: (documents: { plan: any; organizations: any; schoolYears: any }) => void) {
  const { documents, inputs } = await readData(location);
  const before = assembleDataset(documents, inputs);
  const changed = structuredClone(documents) as DataDocuments & { plan: any; organizations: any; schoolYears: any };
  edit(changed);
  return { before, after: assembleDataset(changed, { ...inputs, version: 'draft' }), changed, inputs };
}

describe('assembling a data set from documents', () => {
  it('gives the loaded data set from the same documents, and reports a draft’s problems at their pointer', async () => {
    const { documents, inputs } = await readData(location);
    const dataset = assembleDataset(documents, inputs);
    expect(dataset.version).toBe(inputs.version);
    expect(dataset.registry.organizations.length).toBeGreaterThan(20);
    const broken = structuredClone(documents) as { plan: { items: { title: unknown }[] } } & DataDocuments;
    broken.plan.items[0]!.title = 7;
    expect(documentIssues(broken, { names: inputs.names! })).toEqual([expect.objectContaining({ file: 'plan.json', path: '/items/0/title' })]);
  });
});

describe('changesBetween', () => {
  it('reports a moved term end once for every feed it moves in, in Russian', async () => {
    const { before, after } = await pair((d) => {
      const quarters = d.schoolYears.years.find((y: { id: string }) => y.id === '2025-2026').systems.quarters;
      quarters.terms[1].end = '2025-12-26';
    });
    const changes = changesBetween(before, after);
    const termEnd = changes.find((c) => c.kind === 'moved' && c.item === 19);
    expect(termEnd?.description).toBe('п. 19, 2-я четверть 2025/26: 30 декабря → 26 декабря');
    expect(termEnd?.feeds).toContain('all');
    expect(termEnd?.feeds).toContain('type:general');
    expect(termEnd?.feeds).toContain('organization:sosh-5');
    expect(termEnd?.feeds).not.toContain('type:preschool');
    expect(describeChange(termEnd!)).toMatch(/^п\. 19, 2-я четверть 2025\/26: 30 декабря → 26 декабря — \d+ лент[аы]?$/);
    expect(changesIn(changes, 'type:preschool').some((c) => c.item === 19 && c.kind === 'moved')).toBe(false);
    expect(changesBetween(before, before)).toEqual([]);
  });

  it('reports rewording, renaming, added and removed feeds', async () => {
    const { before, after } = await pair((d) => {
      d.plan.items[0].schedules[0].wording = 'до 2 февраля';
      d.organizations.organizations[0].name = 'Новое имя школы';
      d.organizations.organizations.pop();
    });
    const changes = changesBetween(before, after);
    const kinds = new Set(changes.map((c) => c.kind));
    expect(kinds).toEqual(new Set(['reworded', 'feedRenamed', 'feedRemoved']));
    expect(changes.find((c) => c.kind === 'feedRenamed')?.description).toContain('→ «Новое имя школы»');
  });

  it('reports a new title or text of an item, which the events show, for each of its events', async () => {
    const { before, after } = await pair((d) => {
      d.plan.items[2].title = 'Новое краткое название';
      d.plan.items[3].text = `${d.plan.items[3].text} Дополнено.`;
    });
    const changes = changesBetween(before, after);
    const titled = changes.filter((c) => c.item === 3);
    const texted = changes.filter((c) => c.item === 4);
    expect(titled.length).toBeGreaterThan(0);
    expect(texted.length).toBeGreaterThan(0);
    for (const change of [...titled, ...texted]) {
      expect(change.kind).toBe('reworded');
      // No «было — …» note: that is for dates and wordings.
      expect(change.before).toBeUndefined();
      expect(change.feeds).toContain('all');
    }
    const oldTitle = (before.plan.items[2] as { title: string }).title;
    expect(titled[0]?.description).toContain(`название «${oldTitle}» → «Новое краткое название»`);
    expect(texted[0]?.description).toMatch(/^п\. 4.*: изменено описание пункта$/);
    // Every event of the items, and nothing else.
    expect(new Set(changes.map((c) => c.item))).toEqual(new Set([3, 4]));
  });

  it('reports a rule’s new note, which its events show, and only for that rule’s events', async () => {
    const { before, after } = await pair((d) => {
      d.plan.items[4].schedules[0].rules[0].note = 'Другое пояснение к сроку.';
    });
    const changes = changesBetween(before, after);
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) {
      expect(change.item).toBe(5);
      expect(change.kind).toBe('reworded');
      expect(change.description).toMatch(/: изменено описание пункта$/);
    }
  });
});
