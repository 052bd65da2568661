/**
 * Builds engine Datasets from inline objects, so engine tests do not depend on the data files
 * (and can state exactly the calendar a case needs).
 */
import type { Dataset } from '../../src/domain/model.js';
import type {
  Item,
  Organization,
  OrganizationTypeId,
  Plan,
  Rule,
  Schedule,
  SchoolYears,
  WorkingDayException,
  WorkingDaysYear,
} from '../../src/domain/schema.js';

export interface DatasetParts {
  readonly items: readonly Item[];
  readonly schoolYears: SchoolYears;
  readonly workingDays?: readonly WorkingDaysYear[];
  readonly organizations?: readonly Organization[];
  readonly firstYear?: number;
}

export function buildDataset(parts: DatasetParts): Dataset {
  const plan: Plan = {
    meta: {
      title: 'Типовой план (тест)',
      shortTitle: 'План (тест)',
      issuer: 'Отдел образования (тест)',
      order: { number: '143', date: '2019-09-04', title: 'Приказ', appendixNumber: '113', note: '' },
      timeZone: 'Europe/Moscow',
      firstYear: parts.firstYear ?? 2025,
      version: 'test',
      updated: '2026-01-01T00:00:00Z',
      footnoteNote: '',
    },
    items: [...parts.items],
  };
  const organizations = [...(parts.organizations ?? [])];
  return {
    plan,
    registry: { source: { description: 'тест', date: '2026-01-01' }, organizations },
    schoolYears: parts.schoolYears,
    workingDays: [...(parts.workingDays ?? [])].sort((a, b) => a.year - b.year),
    organizationsById: new Map(organizations.map((o) => [o.id, o])),
    version: 'test-1',
  };
}

/** A rule as tests write it: the id may be left out (then `r<index>`, like the bundled plan's). */
export type RuleInput = Rule extends infer R ? (R extends { id: string } ? Omit<R, 'id'> & { id?: string } : never) : never;
export type ScheduleInput = Omit<Schedule, 'id' | 'rules'> & { id?: string; rules: Rule[] };

export type ItemInput = Omit<Item, 'schedules'> & { schedules: (Omit<ScheduleInput, 'rules'> & { rules: RuleInput[] })[] };

/** Items written without ids get `s<index>` / `r<index>`, the bundled plan's ids. */
export function withIds(items: readonly ItemInput[]): Item[] {
  return items.map((it) => ({
    ...it,
    schedules: it.schedules.map((s, j) => ({
      ...s,
      id: s.id ?? `s${j}`,
      rules: s.rules.map((rule, k) => ({ ...rule, id: rule.id ?? `r${k}` }) as Rule),
    })),
  }));
}

export function item(number: number, ...schedules: ScheduleInput[]): Item {
  return {
    number,
    title: `Пункт ${number}`,
    text: `Пункт ${number}`,
    source: `Пункт ${number}`,
    subsystems: [],
    schedules: schedules.map((s, index) => ({ ...s, id: s.id ?? `s${index}` })),
  };
}

export function schedule(organizationTypes: OrganizationTypeId[], wording: string, ...rules: RuleInput[]): ScheduleInput {
  return { organizationTypes, wording, rules: rules.map((rule, index) => ({ ...rule, id: rule.id ?? `r${index}` }) as Rule) };
}

/** A production-calendar year from `MM-DD` exceptions, in the shape of data/working-days/YYYY.json. */
export function workingYear(
  year: number,
  days: readonly (readonly [string, WorkingDayException['type']])[],
  verified = true,
): WorkingDaysYear {
  return { year, source: 'тест', verified, days: days.map(([md, type]) => ({ date: `${year}-${md}`, type })) };
}

export function organization(id: string, types: OrganizationTypeId[], settings?: Organization['settings']): Organization {
  return settings ? { id, name: id, shortName: id, types, settings } : { id, name: id, shortName: id, types };
}
