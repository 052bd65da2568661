import type { Organization, Plan, Registry } from '../schema.js';
import { monthName } from './month-days.js';
import { pointer, type Report } from './pointer.js';
import { checkRegistryHistory } from './registry-history.js';
import { checkTermCalendar, schoolYearStart } from './term-calendar.js';

/** Checks of data/organizations.json; `plan` is given when plan.json itself is valid. */
export function checkRegistry(registry: Registry, plan: Plan | undefined, report: Report): void {
  const ids = new Map<string, number>();
  registry.organizations.forEach((organization, k) => {
    const first = ids.get(organization.id);
    if (first !== undefined) report(pointer('organizations', k, 'id'), `организация ${organization.id} уже есть в реестре (${pointer('organizations', first)})`);
    else ids.set(organization.id, k);

    const own = organization.settings?.schoolYears ?? {};
    for (const [id, calendar] of Object.entries(own)) {
      const path = pointer('organizations', k, 'settings', 'schoolYears', id);
      const start = schoolYearStart(id);
      if (start === undefined) report(path, `ключ ${JSON.stringify(id)} — не учебный год: ожидается ГГГГ-ГГГГ с соседними годами, например 2025-2026`);
      else checkTermCalendar(calendar, start, path, report);
    }
    if (plan) checkMonthChoices(organization, k, plan, report);
  });
  checkRegistryHistory(registry, report);
}

function checkMonthChoices(organization: Organization, k: number, plan: Plan, report: Report): void {
  for (const [key, month] of Object.entries(organization.settings?.monthChoices ?? {})) {
    const problem = monthChoiceProblem(organization, key, month, plan);
    if (problem) report(pointer('organizations', k, 'settings', 'monthChoices', key), problem);
  }
}

/**
 * Why an organization cannot choose `month` for item `key` (`settings.monthChoices`), or
 * undefined when it can: the item must have a month choice («… или …») for one of the
 * organization's types that offers that month.
 */
export function monthChoiceProblem(organization: Organization, key: string, month: number, plan: Plan): string | undefined {
  const item = plan.items.find((it) => String(it.number) === key);
  if (!item) return `в плане нет пункта ${key}`;
  const choices = item.schedules.filter((s) => s.organizationTypes.some((t) => organization.types.includes(t)));
  const months = new Set(choices.flatMap((s) => s.rules.flatMap((r) => (r.kind === 'monthChoice' ? r.months : []))));
  if (months.size === 0) return `у пункта ${key} для типов ${organization.types.join(', ')} нет срока с выбором месяца («… или …»)`;
  if (months.has(month)) return undefined;
  const allowed = [...months].sort((a, b) => a - b).map((m) => `${m} (${monthName(m)})`).join(', ');
  return `месяц ${month} (${monthName(month)}) не из сроков пункта ${key}; можно выбрать: ${allowed}`;
}
