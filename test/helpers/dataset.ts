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

export function item(number: number, ...schedules: Schedule[]): Item {
  return { number, title: `Пункт ${number}`, text: `Пункт ${number}`, source: `Пункт ${number}`, subsystems: [], schedules };
}

export function schedule(organizationTypes: OrganizationTypeId[], wording: string, ...rules: Rule[]): Schedule {
  return { organizationTypes, wording, rules };
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
