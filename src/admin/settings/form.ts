/**
 * The settings form's values ⇄ an `OrganizationSettings` object. The form edits one school
 * year's own calendar at a time; every other part of the settings the form does not show is
 * kept as it was, so saving the form never drops another year's calendar.
 */
import type { Dataset } from '../../domain/model.js';
import type { DateRange, Organization, OrganizationSettings, TermCalendar } from '../../domain/schema.js';
import { organizationCalendar } from '../../domain/school-calendar.js';
import { parseSimple, simpleFields } from './fields.js';

export type FormBody = Readonly<Record<string, unknown>>;

/** An item whose deadline is «… или …»: the months an organization chooses from. */
export interface MonthChoiceItem {
  readonly item: number;
  readonly title: string;
  readonly months: readonly number[];
}

export function monthChoiceItems(data: Dataset): MonthChoiceItem[] {
  const items: MonthChoiceItem[] = [];
  for (const item of data.plan.items) {
    for (const schedule of item.schedules) {
      for (const rule of schedule.rules) {
        if (rule.kind === 'monthChoice' && !items.some((i) => i.item === item.number)) items.push({ item: item.number, title: item.title, months: rule.months });
      }
    }
  }
  return items;
}

/** The school year the form edits: asked for, else the one containing today, else the last one. */
export function editedYear(data: Dataset, asked: unknown, today: string): string {
  const ids = data.schoolYears.years.map((y) => y.id);
  if (typeof asked === 'string' && ids.includes(asked)) return asked;
  const year = Number(today.slice(0, 4)) - (today.slice(5) < '09-01' ? 1 : 0);
  const current = `${year}-${year + 1}`;
  return ids.includes(current) ? current : (ids.at(-1) ?? current);
}

/** The calendar shown for the year: the organization's own, or the municipal one to start from. */
export function shownCalendar(data: Dataset, organization: Organization, year: string): { calendar: TermCalendar | undefined; own: boolean } {
  const own = organization.settings?.schoolYears?.[year];
  if (own) return { calendar: own, own: true };
  return { calendar: organizationCalendar(data, organization, year)?.calendar, own: false };
}

/**
 * Whether the year's calendar, as the feeds resolve it for the organization, carries no
 * «(предварительно)»: its own calendar's marks, or the municipal one's (a year not approved
 * yet, or generated). The form's «утверждён» box starts from this.
 */
export function calendarConfirmed(data: Dataset, organization: Organization, year: string): boolean {
  const resolved = organizationCalendar(data, organization, year);
  if (!resolved) return false;
  const marked = (r: DateRange) => r.provisional === true;
  return !resolved.provisional && !resolved.calendar.terms.some(marked) && !resolved.calendar.holidays.some(marked);
}

function text(body: FormBody, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value.trim() : Array.isArray(value) && typeof value[0] === 'string' ? value[0].trim() : '';
}

function ranges(body: FormBody, prefix: 'terms' | 'holidays'): DateRange[] {
  const result: DateRange[] = [];
  for (let i = 0; text(body, `${prefix}.${i}.name`) !== ''; i++) {
    const grades = text(body, `${prefix}.${i}.grades`);
    result.push({
      name: text(body, `${prefix}.${i}.name`),
      start: text(body, `${prefix}.${i}.start`),
      end: text(body, `${prefix}.${i}.end`),
      ...(grades ? { grades: grades.split(',').map(Number) } : {}),
    });
  }
  return result;
}

/** The term and holiday rows as submitted. */
export function submittedCalendar(body: FormBody): TermCalendar {
  return { terms: ranges(body, 'terms'), holidays: ranges(body, 'holidays') };
}

function setOrDelete(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}

/** The settings the submitted form describes, on top of the organization's current ones. */
export function settingsFromForm(data: Dataset, organization: Organization, body: FormBody): Record<string, unknown> {
  const settings = structuredClone(organization.settings ?? {}) as Record<string, unknown>;
  for (const field of simpleFields()) setOrDelete(settings, field.name, parseSimple(field, text(body, field.name)));

  const choices = { ...(organization.settings?.monthChoices ?? {}) } as Record<string, unknown>;
  for (const { item } of monthChoiceItems(data)) {
    const chosen = text(body, `monthChoices.${item}`);
    setOrDelete(choices, String(item), chosen === '' ? undefined : /^\d+$/.test(chosen) ? Number(chosen) : chosen);
  }
  setOrDelete(settings, 'monthChoices', Object.keys(choices).length > 0 ? choices : undefined);

  const year = text(body, 'year');
  const years = { ...(organization.settings?.schoolYears ?? {}) } as Record<string, unknown>;
  if (year !== '') {
    // Until the school says its calendar is approved, its dates are provisional like the
    // municipal ones it usually starts from: saving them must not drop the mark.
    const own = text(body, 'ownCalendar') === 'on' ? { ...submittedCalendar(body), ...(text(body, 'calendarConfirmed') === 'on' ? {} : { provisional: true }) } : undefined;
    setOrDelete(years, year, own);
  }
  setOrDelete(settings, 'schoolYears', Object.keys(years).length > 0 ? years : undefined);
  return settings;
}

/**
 * Dates edited while «own calendar» is not ticked would be dropped without a word: reported
 * instead, at the school year, so the form says what to do.
 */
export function ignoredDatesProblem(data: Dataset, organization: Organization, body: FormBody): { pointer: string; message: string } | undefined {
  const year = text(body, 'year');
  if (year === '' || text(body, 'ownCalendar') === 'on') return undefined;
  // The rows as the form showed them (they follow the term system chosen), else as saved.
  const shown = text(body, 'calendarShown') || calendarFingerprint(shownCalendar(data, organization, year).calendar);
  if (calendarFingerprint(submittedCalendar(body)) === shown) return undefined;
  return { pointer: `/schoolYears/${year}`, message: 'даты изменены, но не отмечен «Собственный график организации на этот год»: отметьте его, чтобы сохранить свои даты' };
}

/** The dates of a calendar's rows, to tell whether the form's dates were edited. */
export function calendarFingerprint(calendar: TermCalendar | undefined): string {
  return [...(calendar?.terms ?? []), ...(calendar?.holidays ?? [])].map((r) => `${r.start}..${r.end}`).join(',');
}

/** The form's fields for `settings` (the saved ones, or those just submitted). */
export function formValues(settings: OrganizationSettings | Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  const s = settings as Record<string, unknown>;
  for (const field of simpleFields()) if (s[field.name] !== undefined) values[field.name] = String(s[field.name]);
  const choices = (s['monthChoices'] ?? {}) as Record<string, unknown>;
  for (const [item, month] of Object.entries(choices)) values[`monthChoices.${item}`] = String(month);
  return values;
}
