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
    const path = pointer('organizations', k, 'settings', 'monthChoices', key);
    const item = plan.items.find((it) => String(it.number) === key);
    if (!item) {
      report(path, `в плане нет пункта ${key}`);
      continue;
    }
    const choices = item.schedules.filter((s) => s.organizationTypes.some((t) => organization.types.includes(t)));
    const months = new Set(choices.flatMap((s) => s.rules.flatMap((r) => (r.kind === 'monthChoice' ? r.months : []))));
    if (months.size === 0) {
      report(path, `у пункта ${key} для типов ${organization.types.join(', ')} нет срока с выбором месяца («… или …»)`);
    } else if (!months.has(month)) {
      const allowed = [...months].sort((a, b) => a - b).map((m) => `${m} (${monthName(m)})`).join(', ');
      report(path, `месяц ${month} (${monthName(month)}) не из сроков пункта ${key}; можно выбрать: ${allowed}`);
    }
  }
}
