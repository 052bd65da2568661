/** Names and texts refuse what breaks calendars or misleads readers, naming the JSON pointer (issue 13). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DataError, type DataIssue } from '../src/domain/errors.js';
import { buildDataset } from '../src/domain/validate.js';

const DIR = 'test/fixtures/broken/minimal';
const read = (file: string): unknown => JSON.parse(readFileSync(`${DIR}/${file}`, 'utf8'));

// The tests write data that breaks the types on purpose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Raw = any;

function issuesAfter(mutate: (registry: Raw, plan: Raw) => void): DataIssue[] {
  const plan = read('plan.json');
  const registry = read('data/organizations.json');
  mutate(registry, plan);
  try {
    buildDataset(
      {
        plan: { file: 'plan.json', json: plan },
        registry: { file: 'data/organizations.json', json: registry },
        schoolYears: { file: 'data/school-years.json', json: read('data/school-years.json') },
        workingDays: ['2025', '2026'].map((y) => ({ file: `data/working-days/${y}.json`, json: read(`data/working-days/${y}.json`) })),
      },
      'v',
    );
  } catch (error) {
    if (error instanceof DataError) return [...error.issues];
    throw error;
  }
  return [];
}

describe('a name with a forbidden character is refused, naming the JSON pointer', () => {
  it.each([
    ['NUL', '\u0000', 'управляющий символ U+0000'],
    ['BEL', '\u0007', 'управляющий символ U+0007'],
    ['tab', '\t', 'U+0009 (табуляция)'],
    ['line feed', '\n', 'U+000A (перевод строки)'],
    ['vertical tab', '\u000B', 'U+000B'],
    ['form feed', '\u000C', 'U+000C'],
    ['DEL', '\u007F', 'управляющий символ U+007F'],
    ['NEL (C1)', '\u0085', 'U+0085 (следующая строка, NEL)'],
    ['C1 CSI', '\u009B', 'управляющий символ U+009B'],
    ['line separator', '\u2028', 'разделитель строк U+2028'],
    ['paragraph separator', '\u2029', 'разделитель абзацев U+2029'],
    ['right-to-left override', '\u202E', 'направлением текста U+202E'],
    ['left-to-right embedding', '\u202A', 'направлением текста U+202A'],
    ['right-to-left isolate', '\u2067', 'направлением текста U+2067'],
    ['pop directional isolate', '\u2069', 'направлением текста U+2069'],
    ['left-to-right mark', '\u200E', 'направлением текста U+200E'],
    ['right-to-left mark', '\u200F', 'направлением текста U+200F'],
    ['Arabic letter mark', '\u061C', 'направлением текста U+061C'],
  ])('%s', (_name, character, fragment) => {
    const issues = issuesAfter((registry) => {
      registry.organizations[0].name = `МБОУ «СОШ${character}№ 5»`;
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'data/organizations.json', path: '/organizations/0/name' });
    expect(issues[0]?.message).toContain(fragment);
    expect(issues[0]?.message).toContain('10-й знак строки');
  });

  it('a blank name, a blank short name and a blank item title', () => {
    const issues = issuesAfter((registry, plan) => {
      registry.organizations[0].name = '   ';
      registry.organizations[0].shortName = '\u00A0';
      plan.items[0].title = ' ';
    });
    expect(issues.map((i) => [i.file, i.path])).toEqual(
      expect.arrayContaining([
        ['plan.json', '/items/0/title'],
        ['data/organizations.json', '/organizations/0/name'],
        ['data/organizations.json', '/organizations/0/shortName'],
      ]),
    );
    for (const issue of issues) expect(issue.message).toContain('пустой или из одних пробелов');
  });

  it('a control character in a plan wording and a rule note', () => {
    const issues = issuesAfter((_registry, plan) => {
      plan.items[0].schedules[0].wording = 'До\u00075 сентября';
      plan.items[0].schedules[0].rules[0].note = 'пояснение\u2028вторая строка';
    });
    expect(issues.map((i) => i.path).sort()).toEqual(['/items/0/schedules/0/rules/0/note', '/items/0/schedules/0/wording']);
  });

  it('accepts ordinary Russian names with quotes, dashes, № and a no-break space', () => {
    expect(issuesAfter((registry) => (registry.organizations[0].name = 'МБОУ «СОШ № 5» — г.\u00A0Инта'))).toEqual([]);
  });
});
