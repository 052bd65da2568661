import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { renderSchemas, staleSchemas, writeSchemas } from '../scripts/generate-schemas.js';
import { Plan, type OrganizationTypeId, type RuleKind, type SubsystemId } from '../src/domain/schema.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const planText = readFileSync(path.join(repoRoot, 'plan.json'), 'utf8');
const raw: unknown = JSON.parse(planText);
// Checked by the first test; the rest read it as a Plan.
const plan = raw as Plan;
const item = (n: number) => {
  const found = plan.items.find((i) => i.number === n);
  if (!found) throw new Error(`no item ${n}`);
  return found;
};

// The order as received, kept in the repository (sources/README.md).
const seedPath = path.resolve(repoRoot, 'sources/order-2019-09-04-143.txt');
const seed = readFileSync(seedPath, 'utf8');

const G = 'general';
const P = 'preschool';
const A = 'additional';

/** Read off the seed's «Ответственные» column: one entry per table row (schedule). */
const EXPECTED_TYPES: Record<number, OrganizationTypeId[][]> = {
  1: [[G, P, A]], 2: [[P]], 3: [[G]], 4: [[G, P, A]], 5: [[G], [P, A]], 6: [[G, A], [P]],
  7: [[G]], 8: [[G]], 9: [[P]], 10: [[P]], 11: [[A]], 12: [[G, P, A]], 13: [[G, A]],
  14: [[P], [G, A]], 15: [[G]], 16: [[G]], 17: [[G, P, A]], 18: [[G, A]], 19: [[G, A]],
  20: [[G]], 21: [[G, P, A]], 22: [[G, P, A]], 23: [[G, P, A]], 24: [[G, P, A]],
  25: [[G, A]], 26: [[G, P, A]],
};

/** The seed's «Срок исполнения» read per docs/architecture.md: rule kinds per schedule. */
const EXPECTED_RULE_KINDS: Record<number, RuleKind[][]> = {
  1: [['monthChoice']], 2: [['month']], 3: [['date']], 4: [['opening']],
  5: [['schoolYearEnd'], ['month']], 6: [['month'], ['month']], 7: [['span']], 8: [['date']],
  9: [['date', 'asNeeded']], 10: [['date', 'asNeeded']], 11: [['date', 'asNeeded']],
  12: [['date', 'onChange']], 13: [['date', 'onChange']], 14: [['date'], ['date']],
  15: [['month']], 16: [['month']], 17: [['month', 'asNeeded']], 18: [['daily']],
  19: [['termEnd']], 20: [['finalAttestationEnd']], 21: [['month', 'asNeeded']],
  22: [['asNeeded']], 23: [['onChange']], 24: [['daily']], 25: [['asNeeded']], 26: [['asNeeded']],
};

/**
 * «подсистема СГО» → sgo; «подсистема СГО АИС «Е-Услуги»» is the enrolment subsystem → e-uslugi;
 * items 12 and 13 name both; «в ГИС ЭО» alone names none.
 */
const EXPECTED_SUBSYSTEMS: Record<number, SubsystemId[]> = {
  1: [], 2: ['sgo'], 3: ['e-uslugi'], 4: [], 5: ['sgo'], 6: ['sgo'], 7: ['sgo'], 8: ['sgo'],
  9: ['e-uslugi'], 10: ['sgo'], 11: ['sgo'], 12: ['sgo', 'e-uslugi'], 13: ['sgo', 'e-uslugi'],
  14: ['sgo'], 15: [], 16: [], 17: [], 18: ['sgo'], 19: ['sgo'], 20: ['sgo'], 21: [], 22: [],
  23: ['sgo'], 24: ['sgo'], 25: ['sgo'], 26: ['sgo'],
};

const sorted = <T extends string>(values: readonly T[]) => [...values].sort();
const count = (text: string, ch: string) => text.split(ch).length - 1;

describe('plan.json', () => {
  it('conforms to the Plan schema', () => {
    const errors = Value.Errors(Plan, raw).map((e) => `${e.instancePath || '/'}: ${e.message}`);
    expect(errors).toEqual([]);
    expect(Value.Check(Plan, raw)).toBe(true);
  });

  it('has items 1..26 exactly once, in order', () => {
    expect(plan.items.map((i) => i.number)).toEqual(Array.from({ length: 26 }, (_, k) => k + 1));
  });

  it('gives every item a short calendar title of at most 60 characters', () => {
    for (const i of plan.items) {
      expect(i.title.trim(), `item ${i.number}`).toBe(i.title);
      expect(i.title.length, `item ${i.number}: ${i.title}`).toBeLessThanOrEqual(60);
    }
    expect(new Set(plan.items.map((i) => i.title)).size).toBe(26);
  });

  it('splits items 5, 6 and 14 into two schedules with disjoint types', () => {
    for (const n of [5, 6, 14]) {
      const [first, second, ...rest] = item(n).schedules;
      expect(rest, `item ${n}`).toEqual([]);
      expect(first && second, `item ${n}`).toBeTruthy();
      const overlap = first!.organizationTypes.filter((t) => second!.organizationTypes.includes(t));
      expect(overlap, `item ${n}`).toEqual([]);
    }
  });

  it('assigns each schedule the organization types of its row in the order', () => {
    for (const i of plan.items) {
      const actual = i.schedules.map((s) => sorted(s.organizationTypes));
      expect(actual, `item ${i.number}`).toEqual(EXPECTED_TYPES[i.number]?.map((t) => sorted(t)));
    }
  });

  it('reads each wording into the rule kinds the architecture prescribes', () => {
    for (const i of plan.items) {
      const actual = i.schedules.map((s) => s.rules.map((r) => r.kind));
      expect(actual, `item ${i.number}`).toEqual(EXPECTED_RULE_KINDS[i.number]);
    }
  });

  it('pins the interpretations spelled out in the brief', () => {
    expect(item(1).schedules[0]?.rules).toEqual([expect.objectContaining({ kind: 'monthChoice', months: [1, 9] })]);
    expect(item(3).schedules[0]?.rules).toEqual([{ id: 'r0', kind: 'date', month: 2, day: 1 }]);
    expect(item(4).schedules[0]?.rules).toEqual([{ id: 'r0', kind: 'opening', month: 4, day: 1 }]);
    expect(item(5).schedules[0]?.rules).toEqual([
      expect.objectContaining({ kind: 'schoolYearEnd', offsetDays: 1, month: 6 }),
    ]);
    expect(item(7).schedules[0]?.rules).toEqual([
      { id: 'r0', kind: 'span', start: { month: 6, day: 1 }, end: { month: 8, day: 31 } },
    ]);
    expect(item(18).schedules[0]?.rules).toEqual([
      expect.objectContaining({ kind: 'daily', days: 'school', time: '15:00', durationMinutes: 30 }),
    ]);
    expect(item(24).schedules[0]?.rules).toEqual([
      expect.objectContaining({ kind: 'daily', days: 'working', time: '16:00', durationMinutes: 30 }),
    ]);
    for (const n of [12, 13, 23]) {
      expect(item(n).schedules[0]?.rules.at(-1), `item ${n}`).toEqual({ id: `r${(item(n).schedules[0]?.rules.length ?? 1) - 1}`, kind: 'onChange', workingDays: 3 });
    }
    const asNeeded21 = item(21).schedules[0]?.rules[1];
    expect(asNeeded21?.kind === 'asNeeded' && asNeeded21.note).toMatch(/законодательстве/);
  });

  it('explains the non-obvious rules in a note', () => {
    const kindsNeedingNote = new Set<RuleKind>(['monthChoice', 'schoolYearEnd', 'daily']);
    for (const i of plan.items) {
      for (const rule of i.schedules.flatMap((s) => s.rules)) {
        if (kindsNeedingNote.has(rule.kind)) expect(rule.note, `item ${i.number} ${rule.kind}`).toBeTruthy();
      }
    }
  });

  it('names the subsystems each item names', () => {
    for (const i of plan.items) {
      expect(sorted(i.subsystems), `item ${i.number}`).toEqual(sorted(EXPECTED_SUBSYSTEMS[i.number] ?? []));
    }
  });

  it('fixes the display typos in text', () => {
    for (const i of plan.items) {
      const label = `item ${i.number}: ${i.text}`;
      expect(i.text, label).not.toMatch(/Заккрытие|[¹²]|<|\S- \S/);
      expect(count(i.text, '('), label).toBe(count(i.text, ')'));
      expect(count(i.text, '«'), label).toBe(count(i.text, '»'));
    }
    expect(item(14).text).toMatch(/^Закрытие /);
    // The source drops the parentheses around the subsystem in these rows only.
    for (const n of [7, 8, 10, 24, 25]) expect(item(n).text, `item ${n}`).toMatch(/ \(подсистема СГО\)$/);
  });

  it('keeps item 1 documents as a list of nine, not in text', () => {
    expect(item(1).details).toHaveLength(9);
    expect(item(1).text).not.toMatch(/•|приказ о ведении/);
    expect(plan.items.filter((i) => i.details !== undefined).map((i) => i.number)).toEqual([1]);
  });

  it('attaches footnote ¹ to item 4 and footnote ² to item 22, each with a note', () => {
    const withFootnotes = plan.items.filter((i) => i.footnotes?.length);
    expect(withFootnotes.map((i) => [i.number, i.footnotes?.map((f) => f.marker)])).toEqual([
      [4, ['¹']],
      [22, ['²']],
    ]);
    expect(item(4).footnotes?.[0]?.text).toMatch(/^До формирования нового учебного года/);
    expect(item(22).footnotes?.[0]?.text).toMatch(/^Обучение, а также методологическая поддержка/);
    for (const i of withFootnotes) expect(i.footnotes?.[0]?.note, `item ${i.number}`).toBeTruthy();
  });

  it('records the order number discrepancy instead of resolving it', () => {
    expect(plan.meta.order).toMatchObject({ number: '143', appendixNumber: '113', date: '2019-09-04' });
    expect(plan.meta.order.note).toMatch(/143/);
    expect(plan.meta.order.note).toMatch(/113/);
  });

  it('points $schema at the generated plan schema', () => {
    expect(plan.$schema).toBe('./schema/plan.schema.json');
    const target = path.resolve(repoRoot, plan.$schema ?? '');
    expect(existsSync(target), target).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe(renderSchemas().get('plan.schema.json'));
  });
});

describe(`plan.json against the source order (${seedPath})`, () => {
  const text = seed ?? '';
  // Table rows: «N.\tcontent\twording\ttypes», continuation rows «\t\twording\ttypes».
  const rows = text.split('\n').filter((line) => /^(\d+\.)?\t/.test(line)).map((line) => line.split('\t'));

  it('keeps every wording verbatim, on the row of its item and schedule', () => {
    const wordings: string[][] = [];
    for (const [num, , wording] of rows) {
      if (num) wordings.push([]);
      wordings.at(-1)?.push(wording ?? '');
    }
    expect(plan.items.map((i) => i.schedules.map((s) => s.wording))).toEqual(wordings);
  });

  it('keeps the content of items 2..26 verbatim in source', () => {
    for (const i of plan.items.filter((x) => x.number >= 2)) {
      expect(text, `item ${i.number}`).toContain(`\n${i.number}.\t${i.source}\t`);
    }
  });

  it('keeps item 1 source as the order text without its HTML list markup', () => {
    const row = rows.find(([num]) => num === '1.');
    const plain = (s: string) => s.replace(/<[^>]+>/g, '').replace(/\s+/g, '');
    expect(item(1).source).not.toContain('<');
    expect(plain(item(1).source)).toBe(plain(row?.[1] ?? ''));
    for (const doc of item(1).details ?? []) expect(row?.[1], doc).toContain(`• ${doc}`);
  });

  it('keeps the footnote texts verbatim', () => {
    for (const i of plan.items) {
      for (const f of i.footnotes ?? []) expect(text, `item ${i.number}`).toContain(`\n${f.marker} ${f.text}`);
    }
  });
});


describe('generated JSON Schemas', () => {
  it('are up to date with src/domain/schema.ts (npx tsx scripts/generate-schemas.ts)', () => {
    expect(staleSchemas()).toEqual([]);
  });

  it('declare draft 2020-12, an $id and a title, and carry no TypeBox internals', () => {
    for (const [file, json] of renderSchemas()) {
      const doc = JSON.parse(json) as Record<string, unknown>;
      expect(doc, file).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', $id: file });
      expect(typeof doc.title, file).toBe('string');
      expect(json, file).not.toContain('"~');
      expect(json.endsWith('}\n'), file).toBe(true);
    }
  });

  it('check mode reports a stale or missing file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'eo-schemas-'));
    try {
      writeSchemas(dir);
      expect(staleSchemas(dir)).toEqual([]);
      writeFileSync(path.join(dir, 'plan.schema.json'), '{}\n');
      rmSync(path.join(dir, 'working-days.schema.json'));
      expect(staleSchemas(dir)).toEqual(['plan.schema.json', 'working-days.schema.json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
