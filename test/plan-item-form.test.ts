/** The plan-item form's pure parts: writing rows back in place, ids, and the problems at their inputs. */
/* eslint-disable @typescript-eslint/no-explicit-any -- the tests build plan JSON freely */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { editedForm, itemFormOf, type ItemForm } from '../src/admin/editor/plan-item-form.js';
import { withItemForm } from '../src/admin/editor/plan-item-write.js';
import { itemFieldProblems } from '../src/admin/editor/plan-item-problems.js';
import { metaFormOf, withMetaForm } from '../src/admin/editor/plan-meta-form.js';
import { newEntryId, usedEntryIds } from '../src/domain/entry-ids.js';

const item = (): any => ({
  number: 9,
  title: 'Комплектование',
  text: 'Комплектование групп',
  source: 'Комплектование групп',
  subsystems: ['e-uslugi', 'sgo'],
  footnotes: [{ marker: '¹', text: 'Сноска' }],
  schedules: [
    { id: 's0', organizationTypes: ['preschool', 'general'], wording: 'Июнь-Август', rules: [{ id: 'r0', kind: 'span', start: { month: 6, day: 1 }, end: { month: 8, day: 31 }, note: 'Летом' }] },
    { id: 's2', organizationTypes: ['additional'], wording: 'Январь или Сентябрь', rules: [{ id: 'r3', kind: 'monthChoice', months: [9, 1] }] },
  ],
  retiredIds: ['r1', 's1'],
});
const plan = (i = item()) => ({ meta: { title: 'План', onDayOff: 'keep' }, items: [i] });
const written = (form: ItemForm, published: unknown = plan()) => (withItemForm(plan(), form, published) as any).items[0];

describe('writing the item form back', () => {
  it('changes nothing for an unchanged form, keeping the data’s own order of sets', () => {
    expect(written(itemFormOf(item()))).toEqual(item());
    expect(JSON.stringify(written(itemFormOf(item())))).toBe(JSON.stringify(item()));
  });

  it('drops the old kind’s fields on a kind change and keeps the note and the id', () => {
    const form = itemFormOf(item());
    const rule = { ...form.schedules[0]!.rules[0]!, kind: 'month', values: { ...form.schedules[0]!.rules[0]!.values, month: '7' } };
    const changed = { ...form, schedules: [{ ...form.schedules[0]!, rules: [rule] }, form.schedules[1]!] };
    expect(written(changed).schedules[0].rules).toEqual([{ id: 'r0', kind: 'month', note: 'Летом', month: 7 }]);
  });

  it('writes a changed set of months in calendar order, an empty optional field not at all', () => {
    const form = itemFormOf(item());
    const rule = { ...form.schedules[1]!.rules[0]!, values: { months: '1,5,9' } };
    const changed = { ...form, schedules: [form.schedules[0]!, { ...form.schedules[1]!, rules: [rule] }] };
    expect(written(changed).schedules[1].rules).toEqual([{ id: 'r3', kind: 'monthChoice', months: [1, 5, 9] }]);
  });

  it('gives new rows ids the item never used nor retired, and retires only published ids', () => {
    let form = editedForm(itemFormOf(item()), 'addSchedule');
    form = editedForm(form, 'removeRule.0.0');
    form = editedForm(form, 'addRule.0');
    const result = written(form);
    // s0 keeps its id; its new rule skips r0 (removed now), r1 (retired) and r3 (s2's).
    expect(result.schedules.map((s: any) => [s.id, s.rules.map((r: any) => r.id)])).toEqual([['s0', ['r2']], ['s2', ['r3']], ['s3', ['r4']]]);
    expect(result.retiredIds).toEqual(['r1', 's1', 'r0']);
    const unpublished = written(editedForm(itemFormOf(item()), 'removeSchedule.1'), { items: [] });
    expect(unpublished.retiredIds).toEqual(['r1', 's1']);
    expect(unpublished.schedules.map((s: any) => s.id)).toEqual(['s0']);
  });

  it('removes a cleared footnote and the list with its last one', () => {
    expect(written({ ...itemFormOf(item()), footnotes: [] })).not.toHaveProperty('footnotes');
  });

  it('keeps a rule of an unknown kind as it is', () => {
    const odd = item();
    odd.schedules[0].rules[0] = { id: 'r0', kind: 'someday', when: 'позже' };
    expect((withItemForm(plan(odd), itemFormOf(odd), plan(odd)) as any).items[0]).toEqual(odd);
  });
});

describe('ids', () => {
  it('hands out the first id not held or retired, and never the same twice', () => {
    const used = usedEntryIds(item());
    expect([...used].sort()).toEqual(['r0', 'r1', 'r3', 's0', 's1', 's2']);
    expect([newEntryId('r', used), newEntryId('r', used), newEntryId('s', used)]).toEqual(['r2', 'r4', 's3']);
  });
});

describe('problems at their inputs', () => {
  it('maps pointers of the item to the inputs, the first problem per input', () => {
    const problems = [
      { pointer: '/plan/items/4/title', message: 'пусто' },
      { pointer: '/plan/items/4/schedules/1/rules/0/start', message: 'нет 31 июня' },
      { pointer: '/plan/items/4/schedules/1/rules/2/months/1', message: 'месяц 13' },
      { pointer: '/plan/items/4/schedules/0/rules/0/id', message: 'повтор' },
      { pointer: '/plan/items/4/schedules/0/organizationTypes/1', message: 'тип уже в другом сроке' },
      { pointer: '/plan/items/4/schedules/0/rules', message: 'нет правил' },
      { pointer: '/plan/items/4/footnotes/0', message: 'сноска' },
      { pointer: '/plan/items/5/title', message: 'другой пункт' },
      { pointer: '/plan/items/4/title', message: 'второе' },
    ];
    expect(Object.fromEntries(itemFieldProblems(problems, 4))).toEqual({
      title: 'пусто',
      's.1.r.0.start.day': 'нет 31 июня',
      's.1.r.2.months': 'месяц 13',
      's.0.r.0.kind': 'повтор',
      's.0.types': 'тип уже в другом сроке',
      's.0': 'нет правил',
      'fn.0.text': 'сноска',
    });
  });
});

describe('the metadata form', () => {
  it('leaves an absent contact absent and drops a cleared one', async () => {
    const { meta } = JSON.parse(await readFile('plan.json', 'utf8'));
    delete meta.contact;
    const p = { meta, items: [] };
    expect(withMetaForm(p, metaFormOf(p))).toEqual(p);
    const withContact = { ...p, meta: { ...p.meta, contact: { phone: '1-23' } } };
    expect((withMetaForm(withContact, { ...metaFormOf(withContact), 'contact.phone': '' }) as any).meta).not.toHaveProperty('contact');
  });
});
