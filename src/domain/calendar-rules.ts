/**
 * Data errors that only show when plan rules meet calendars: a `schoolYearEnd` date past the
 * rule's month; and, for callers that hold a Dataset rather than files, a span ending before it
 * starts and a month choice the item does not offer, by the validator's own checks of those
 * (validate/month-days.ts, validate/registry.ts), so the two never disagree. The validator runs
 * this after the schema checks so that the engine never meets such data.
 */
import { MONTH_NAMES_RU } from './dates.js';
import type { DataIssue } from './errors.js';
import type { Dataset } from './model.js';
import { schoolYearEndDate } from './rules/school-year.js';
import type { OrganizationTypeId, Rule, TermCalendar, TermSystemId } from './schema.js';
import { organizationCalendarProfile } from './school-calendar.js';
import { spanOrderProblem } from './validate/month-days.js';
import { monthChoiceProblem } from './validate/registry.js';

/** File names to put into the issues (as the loader was given them). */
export interface CalendarRuleFiles {
  readonly plan: string;
  readonly schoolYears: string;
  readonly registry: string;
}

const DEFAULT_FILES: CalendarRuleFiles = {
  plan: 'plan.json',
  schoolYears: 'data/school-years.json',
  registry: 'data/organizations.json',
};

type SchoolYearEndRule = Extract<Rule, { kind: 'schoolYearEnd' }>;

function monthName(month: number): string {
  return MONTH_NAMES_RU[month - 1] ?? String(month);
}

/** Every data problem the engine would otherwise throw on or silently mis-expand. Empty when the data is consistent. */
export function checkCalendarRules(data: Dataset, files: CalendarRuleFiles = DEFAULT_FILES): DataIssue[] {
  const issues = new Map<string, DataIssue>();
  const add = (issue: DataIssue) => issues.set(`${issue.file}#${issue.path}`, issue);

  data.plan.items.forEach((item, itemIndex) => {
    item.schedules.forEach((schedule, scheduleIndex) => {
      schedule.rules.forEach((rule, ruleIndex) => {
        const rulePath = `/items/${itemIndex}/schedules/${scheduleIndex}/rules/${ruleIndex}`;
        const order = rule.kind === 'span' ? spanOrderProblem(rule.start, rule.end) : undefined;
        if (order) add({ file: files.plan, path: `${rulePath}/end`, message: `Пункт ${item.number}: ${order}` });
        if (rule.kind === 'schoolYearEnd' && rule.month !== undefined) {
          checkSchoolYearEnd(data, files, item.number, schedule.organizationTypes, rule, add);
        }
      });
    });
  });

  data.registry.organizations.forEach((organization, orgIndex) => {
    for (const [itemNumber, month] of Object.entries(organization.settings?.monthChoices ?? {})) {
      const problem = monthChoiceProblem(organization, itemNumber, month, data.plan);
      if (problem) add({ file: files.registry, path: `/organizations/${orgIndex}/settings/monthChoices/${itemNumber}`, message: problem });
    }
  });
  return [...issues.values()];
}

/** The date must not fall after the rule's month in any calendar the schedule's types can use. */
function checkSchoolYearEnd(
  data: Dataset,
  files: CalendarRuleFiles,
  itemNumber: number,
  types: readonly OrganizationTypeId[],
  rule: SchoolYearEndRule,
  add: (issue: DataIssue) => void,
): void {
  const month = rule.month as number;
  const check = (calendar: TermCalendar, file: string, calendarPath: string, where: string) => {
    const lastIndex = calendar.terms.length - 1;
    const last = calendar.terms[lastIndex];
    if (!last) return;
    const { date, after } = schoolYearEndDate(last.end, rule);
    if (!after) return;
    add({
      file,
      path: `${calendarPath}/terms/${lastIndex}/end`,
      message:
        `${where}: учебный год оканчивается ${last.end}, поэтому срок пункта ${itemNumber} ` +
        `«после завершения учебного года» выпадает на ${date} — позже месяца «${monthName(month)}», указанного в плане`,
    });
  };

  const systems = new Set<TermSystemId>();
  for (const type of types) systems.add(data.schoolYears.defaults[type]);
  data.registry.organizations.forEach((organization, orgIndex) => {
    if (!organization.types.some((t) => types.includes(t))) return;
    const profile = organizationCalendarProfile(data, organization);
    for (const [yearId, calendar] of Object.entries(profile.own ?? {})) {
      check(calendar, files.registry, `/organizations/${orgIndex}/settings/schoolYears/${yearId}`, `${organization.shortName}, ${yearId}`);
    }
    // Used in every school year the organization has no own calendar for; checking it for all years is stricter and simpler.
    systems.add(profile.termSystem);
  });

  data.schoolYears.years.forEach((schoolYear, yearIndex) => {
    for (const system of systems) {
      const calendar = schoolYear.systems[system];
      if (calendar) check(calendar, files.schoolYears, `/years/${yearIndex}/systems/${system}`, `${schoolYear.id}, ${system}`);
    }
  });
}
