import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DataError, type DataIssue } from '../src/domain/errors.js';
import type { Plan, Registry, SchoolYears, WorkingDaysYear } from '../src/domain/schema.js';
import { buildDataset, findIssues, type DataFiles } from '../src/domain/validate.js';

const DIR = 'test/fixtures/broken/minimal';
const PLAN = 'plan.json';
const REGISTRY = 'data/organizations.json';
const SCHOOL_YEARS = 'data/school-years.json';
const WD_2026 = 'data/working-days/2026.json';

const read = <T>(file: string): T => JSON.parse(readFileSync(`${DIR}/${file}`, 'utf8')) as T;

interface Data {
  plan: Plan;
  registry: Registry;
  schoolYears: SchoolYears;
  workingDays: Record<string, WorkingDaysYear>;
}

function base(): Data {
  return {
    plan: read(PLAN),
    registry: read(REGISTRY),
    schoolYears: read(SCHOOL_YEARS),
    workingDays: { [WD_2026]: read(WD_2026), 'data/working-days/2025.json': read('data/working-days/2025.json') },
  };
}

function files(d: Data): DataFiles {
  return {
    plan: { file: PLAN, json: d.plan },
    registry: { file: REGISTRY, json: d.registry },
    schoolYears: { file: SCHOOL_YEARS, json: d.schoolYears },
    workingDays: Object.entries(d.workingDays).map(([file, json]) => ({ file, json })),
  };
}

// The tests write data that breaks the types on purpose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Raw = any;

/** The issues buildDataset throws for the minimal data set after `mutate` . */
function issuesAfter(mutate: (d: Raw) => void): DataIssue[] {
  const d = base();
  mutate(d);
  try {
    buildDataset(files(d), 'v');
  } catch (error) {
    if (error instanceof DataError) return [...error.issues];
    throw error;
  }
  return [];
}

/** Asserts exactly one issue, in that file at that pointer, and returns its message. */
function single(mutate: (d: Raw) => void, file: string, path: string): string {
  const issues = issuesAfter(mutate);
  expect(issues.map((i) => [i.file, i.path])).toEqual([[file, path]]);
  return issues[0]!.message;
}

const rule = (d: Raw, item: number, schedule = 0, index = 0) => d.plan.items[item].schedules[schedule].rules[index];
const quarters = (d: Raw) => d.schoolYears.years[0].systems.quarters;

describe('buildDataset', () => {
  it('builds the data set from valid files', () => {
    const data = buildDataset(files(base()), 'test.1+abc');
    expect(data.version).toBe('test.1+abc');
    expect(data.plan.items.map((i) => i.number)).toEqual([1, 2, 3]);
    expect(data.workingDays.map((w) => w.year)).toEqual([2025, 2026]);
    expect(data.organizationsById.get('school-1')?.name).toBe('Школа № 1');
    expect([...data.organizationsById.keys()]).toEqual(['school-1', 'kindergarten-2']);
  });

  it('accepts a schedule whose rules are all standing duties, and items numbered out of order', () => {
    expect(issuesAfter((d) => {
      rule(d, 0, 0, 0).kind = 'asNeeded';
      delete rule(d, 0, 0, 0).month;
      delete rule(d, 0, 0, 0).day;
      d.plan.items[0].number = 7;
    })).toEqual([]);
  });

  it('reports every issue of every file at once', () => {
    const issues = issuesAfter((d) => {
      d.plan.items[1].number = 1;
      d.registry.organizations[1].id = 'school-1';
      d.schoolYears.years[0].id = '2025-2027';
      d.workingDays[WD_2026].year = 2027;
      d.workingDays['data/working-days/2025.json'].verified = 'да';
    });
    expect(issues.map((i) => `${i.file}: ${i.path}`)).toEqual([
      'plan.json: /items/1/number',
      'data/organizations.json: /organizations/1/id',
      'data/school-years.json: /years/0/id',
      'data/working-days/2026.json: /year',
      'data/working-days/2025.json: /verified',
    ]);
  });

  it('lists the issues in the DataError message as file: pointer: message', () => {
    const d = base();
    d.registry.organizations[1]!.id = 'school-1';
    expect(() => buildDataset(files(d), 'v')).toThrow(/^data\/organizations\.json: \/organizations\/1\/id: организация school-1 уже есть/);
  });

  it('findIssues checks the files it is given and skips checks needing the others', () => {
    const d = base();
    d.registry.organizations[1]!.id = 'school-1';
    const { registry, workingDays } = files(d);
    expect(findIssues({ registry, workingDays }).map((i) => i.path)).toEqual(['/organizations/1/id']);
  });
});

describe('schema errors, one readable issue each', () => {
  it('an unknown organization type lists the allowed ones', () => {
    const message = single((d) => d.plan.items[0].schedules[0].organizationTypes.push('school'), PLAN, '/items/0/schedules/0/organizationTypes/3');
    expect(message).toBe('недопустимое значение "school"; ожидается одно из: general, preschool, additional');
  });

  it('a missing required field is named', () => {
    const message = single((d) => delete d.plan.items[1].schedules, PLAN, '/items/1');
    expect(message).toBe('обязательное поле "schedules" отсутствует');
  });

  it('an item with no schedules', () => {
    expect(single((d) => (d.plan.items[1].schedules = []), PLAN, '/items/1/schedules')).toBe('список не должен быть пустым');
  });

  it('an unknown rule kind gives one issue listing the kinds, not one per union member', () => {
    const message = single((d) => (rule(d, 0).kind = 'weekly'), PLAN, '/items/0/schedules/0/rules/0/kind');
    expect(message).toContain('неизвестный вид правила "weekly"');
    expect(message).toContain('date, month, monthChoice, span, opening, daily, schoolYearEnd, termEnd, finalAttestationEnd, onChange, asNeeded');
  });

  it('a bad field of a known rule kind is reported for that kind only', () => {
    expect(single((d) => (rule(d, 0).month = 13), PLAN, '/items/0/schedules/0/rules/0/month')).toBe('ожидается число от 1 до 12, а указано 13');
    expect(single((d) => delete rule(d, 0).day, PLAN, '/items/0/schedules/0/rules/0')).toBe('обязательное поле "day" отсутствует');
  });

  it('a misspelt field suggests the right name', () => {
    const issues = issuesAfter((d) => {
      const schedule = d.plan.items[0].schedules[0];
      schedule.wordng = schedule.wording;
      delete schedule.wording;
    });
    expect(issues).toEqual([
      { file: PLAN, path: '/items/0/schedules/0', message: 'обязательное поле "wording" отсутствует' },
      { file: PLAN, path: '/items/0/schedules/0/wordng', message: 'лишнее поле "wordng"; возможно, имелось в виду "wording"' },
    ]);
  });

  it('a date in the wrong format', () => {
    const message = single((d) => (quarters(d).terms[0].end = '24.10.2025'), SCHOOL_YEARS, '/years/0/systems/quarters/terms/0/end');
    expect(message).toContain('ГГГГ-ММ-ДД');
  });

  it('more than TypeBox\'s default eight errors are all reported', () => {
    const issues = issuesAfter((d) => d.workingDays[WD_2026].days.push(...Array.from({ length: 12 }, () => ({ date: '1.1.2026', type: 'x' }))));
    expect(issues.filter((i) => i.file === WD_2026)).toHaveLength(24);
  });
});

describe('impossible dates', () => {
  it('a date that does not exist in a data file', () => {
    expect(single((d) => (quarters(d).terms[0].end = '2025-09-31'), SCHOOL_YEARS, '/years/0/systems/quarters/terms/0/end')).toBe(
      'даты 2025-09-31 не существует',
    );
    single((d) => (d.workingDays[WD_2026].days[1].date = '2026-02-30'), WD_2026, '/days/1/date');
  });

  it('an update time on a day that does not exist', () => {
    single((d) => (d.plan.meta.updated = '2026-02-29T10:00:00Z'), PLAN, '/meta/updated');
  });

  it('30 February and 31 April in rules', () => {
    expect(single((d) => Object.assign(rule(d, 0), { month: 2, day: 30 }), PLAN, '/items/0/schedules/0/rules/0/day')).toBe('даты 30 февраля не существует');
    single((d) => (d.plan.items[1].schedules[1].rules[0].end = { month: 4, day: 31 }), PLAN, '/items/1/schedules/1/rules/0/end');
  });

  it('29 February is refused in a yearly rule', () => {
    expect(single((d) => Object.assign(rule(d, 0), { month: 2, day: 29 }), PLAN, '/items/0/schedules/0/rules/0/day')).toContain('29 февраля');
  });
});

describe('plan.json', () => {
  it('duplicate item numbers', () => {
    expect(single((d) => (d.plan.items[1].number = 1), PLAN, '/items/1/number')).toContain('пункт 1 уже есть в плане (/items/0)');
  });

  it('two schedules of one item for the same organization type', () => {
    const message = single((d) => d.plan.items[1].schedules[1].organizationTypes.unshift('general'), PLAN, '/items/1/schedules/1/organizationTypes/0');
    expect(message).toContain('тип general уже указан');
  });

  it('a span ending before it starts, reported once', () => {
    const message = single((d) => (d.plan.items[1].schedules[1].rules[0].end = { month: 5, day: 31 }), PLAN, '/items/1/schedules/1/rules/0/end');
    expect(message).toContain('окончание (31 мая) раньше начала (1 июня)');
  });
});

describe('data/organizations.json', () => {
  const settings = (d: Raw, k = 0) => (d.registry.organizations[k].settings ??= {});

  it('duplicate organization ids', () => {
    single((d) => (d.registry.organizations[1].id = 'school-1'), REGISTRY, '/organizations/1/id');
  });

  it('a month choice for an item without a choice of months', () => {
    const message = single((d) => (settings(d).monthChoices = { '1': 9, '3': 9 }), REGISTRY, '/organizations/0/settings/monthChoices/1');
    expect(message).toContain('нет срока с выбором месяца');
    single((d) => (settings(d).monthChoices = { '99': 1 }), REGISTRY, '/organizations/0/settings/monthChoices/99');
  });

  it('a month choice for an item whose choice is for other organization types', () => {
    const additional = (d: Raw) => {
      d.registry.organizations[1].types = ['additional'];
      settings(d, 1).monthChoices = { '3': 1 };
    };
    expect(single(additional, REGISTRY, '/organizations/1/settings/monthChoices/3')).toContain('для типов additional');
    // The kindergarten is preschool, which item 3 covers.
    expect(issuesAfter((d) => (settings(d, 1).monthChoices = { '3': 1 }))).toEqual([]);
  });

  it('a chosen month the item does not offer', () => {
    const message = single((d) => (settings(d).monthChoices = { '3': 5 }), REGISTRY, '/organizations/0/settings/monthChoices/3');
    expect(message).toBe('месяц 5 (май) не из сроков пункта 3; можно выбрать: 1 (январь), 9 (сентябрь)');
  });

  it('an own school calendar under a key that is not a school year', () => {
    const calendar = (d: Raw) => structuredClone(quarters(d));
    single((d) => (settings(d).schoolYears = { '2025-2027': calendar(d) }), REGISTRY, '/organizations/0/settings/schoolYears/2025-2027');
    single((d) => (settings(d).schoolYears = { '2025': calendar(d) }), REGISTRY, '/organizations/0/settings/schoolYears/2025');
  });

  it('an own school calendar is checked like a municipal one', () => {
    single(
      (d) => {
        const own = structuredClone(quarters(d));
        own.terms[1].start = '2025-10-20';
        settings(d).schoolYears = { '2025-2026': own };
      },
      REGISTRY,
      '/organizations/0/settings/schoolYears/2025-2026/terms/1/start',
    );
  });
});

describe('data/school-years.json', () => {
  it('a school year id whose years do not follow each other', () => {
    single((d) => (d.schoolYears.years[0].id = '2025-2025'), SCHOOL_YEARS, '/years/0/id');
  });

  it('duplicate school years', () => {
    const message = single((d) => d.schoolYears.years.push(structuredClone(d.schoolYears.years[0])), SCHOOL_YEARS, '/years/1/id');
    expect(message).toContain('уже описан (/years/0)');
  });

  it('terms out of order and overlapping', () => {
    const swap = (d: Raw) => quarters(d).terms.splice(1, 2, quarters(d).terms[2], quarters(d).terms[1]);
    const swapped = single(swap, SCHOOL_YEARS, '/years/0/systems/quarters/terms/2/start');
    expect(swapped).toContain('не по порядку');
    const overlap = single((d) => (quarters(d).terms[2].start = '2025-12-30'), SCHOOL_YEARS, '/years/0/systems/quarters/terms/2/start');
    expect(overlap).toContain('пересекаются');
  });

  it('a term ending before it starts', () => {
    single((d) => (quarters(d).terms[0].end = '2025-08-31'), SCHOOL_YEARS, '/years/0/systems/quarters/terms/0/end');
  });

  it('a term outside its school year; late August is allowed', () => {
    single((d) => (quarters(d).terms[0].start = '2025-08-01'), SCHOOL_YEARS, '/years/0/systems/quarters/terms/0/start');
    const late = (d: Raw) => {
      d.schoolYears.years[0].systems.halfYears.terms[1].end = '2026-09-01';
      d.schoolYears.years[0].finalAttestation[0].end = '2026-09-25';
    };
    single(late, SCHOOL_YEARS, '/years/0/systems/halfYears/terms/1/end');
    expect(issuesAfter((d) => (quarters(d).terms[0].start = '2025-08-25'))).toEqual([]);
  });

  it('holidays ending before they start', () => {
    single((d) => (quarters(d).holidays[1].end = '2025-12-01'), SCHOOL_YEARS, '/years/0/systems/quarters/holidays/1/end');
  });

  it('final attestation ending inside the school year or after the following December', () => {
    const early = single((d) => (d.schoolYears.years[0].finalAttestation[0].end = '2026-05-20'), SCHOOL_YEARS, '/years/0/finalAttestation/0/end');
    expect(early).toContain('2026-05-29');
    single((d) => (d.schoolYears.years[0].finalAttestation[0].end = '2027-01-15'), SCHOOL_YEARS, '/years/0/finalAttestation/0/end');
    expect(issuesAfter((d) => (d.schoolYears.years[0].finalAttestation[0].end = '2026-09-25'))).toEqual([]);
  });
});

describe('data/working-days/YYYY.json', () => {
  it('a year that is not the file name\'s', () => {
    expect(single((d) => (d.workingDays[WD_2026].year = 2027), WD_2026, '/year')).toBe('год 2027 не совпадает с именем файла 2026.json');
  });

  it('a date outside the year', () => {
    single((d) => (d.workingDays[WD_2026].days[1].date = '2025-02-20'), WD_2026, '/days/1/date');
  });

  it('a date listed twice', () => {
    single((d) => (d.workingDays[WD_2026].days[2].date = '2026-01-01'), WD_2026, '/days/2/date');
  });

  it('a file not named by its year', () => {
    const d = base();
    const issues = findIssues({ workingDays: [{ file: 'data/working-days/latest.json', json: d.workingDays[WD_2026] }] });
    expect(issues.map((i) => [i.file, i.path])).toEqual([['data/working-days/latest.json', '']]);
  });
});

describe('a schoolYearEnd rule against the calendars', () => {
  it('a school year ending so late that «Июнь (на следующий день…)» leaves June', () => {
    const message = single((d) => (quarters(d).terms[3].end = '2026-06-30'), SCHOOL_YEARS, '/years/0/systems/quarters/terms/3/end');
    expect(message).toContain('2026-07-01');
    expect(issuesAfter((d) => (quarters(d).terms[3].end = '2026-06-29'))).toEqual([]);
  });

  it('an organization\'s own calendar is checked in organizations.json', () => {
    single(
      (d) => {
        const own = structuredClone(quarters(d));
        own.terms[3].end = '2026-06-30';
        d.registry.organizations[0].settings.schoolYears = { '2025-2026': own };
      },
      REGISTRY,
      '/organizations/0/settings/schoolYears/2025-2026/terms/3/end',
    );
  });

  it('calendars of organization types the rule is not for are not checked', () => {
    expect(issuesAfter((d) => (d.schoolYears.years[0].systems.halfYears.terms[1].end = '2026-06-30'))).toEqual([]);
  });
});
