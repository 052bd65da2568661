/**
 * The Russian texts of a feed: event summaries and descriptions, and the calendar description
 * with the duties that have no date and the school years the data lacks.
 */
import type { Audience, Dataset, MissingSchoolYear, Series, StandingDuty } from '../../domain/model.js';
import type { Item, OnDayOff, OrganizationTypeId, Rule, Schedule } from '../../domain/schema.js';
import { ORGANIZATION_TYPES, SUBSYSTEMS, TERM_SYSTEMS } from '../../domain/vocabulary.js';
import type { FeedOptions } from '../feed-options.js';
import { daysOffLine, policyLine } from './day-off.js';

/**
 * Ends the title of an event whose date comes from provisional data: clients show titles
 * everywhere, descriptions almost nowhere. The pages explain it.
 */
export const PROVISIONAL_MARK = '(предварительно)';

/** How an organization's feed names its own parts when one item has a schedule per type. */
const PARTS_OF_ORGANIZATION: Readonly<Record<OrganizationTypeId, string>> = {
  general: 'школа',
  preschool: 'дошкольные группы',
  additional: 'дополнительное образование',
};

/** Whom an event is for, when the feed carries the item for several groups of types. */
export interface GroupNaming {
  readonly types: readonly OrganizationTypeId[];
  /** In an organization's feed: its parts («дошкольные группы»), not the plan's types. */
  readonly withinOrganization: boolean;
}

/** `2025-2026` → `2025/26`, the way school years are written in Russian schedules. */
export function shortSchoolYear(schoolYear: string): string {
  const [from, to] = schoolYear.split('-');
  return from !== undefined && to !== undefined ? `${from}/${to.slice(2)}` : schoolYear;
}

/** `2019-09-04` → `04.09.2019`. */
export function russianDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}.${month}.${year}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function itemNumbers(items: readonly number[]): string {
  return items.length === 1 ? `п. ${items[0]}` : `пп. ${items.join(', ')}`;
}

/**
 * «п. 19. Итоговые оценки… — 2-я четверть 2025/26». `groupTypes` names whom the event is for
 * when the feed carries the same deadline twice for groups on different school calendars.
 */
export function eventSummary(item: Item, series: Series, group?: GroupNaming): string {
  const parts: string[] = [];
  if (series.label !== undefined && series.label !== '') parts.push(series.label);
  // A per-school-year deadline is ambiguous without its year; yearly and daily ones are not.
  if (series.shape === 'single' && !parts.some((part) => /\d{4}/.test(part))) {
    parts.push(shortSchoolYear(series.schoolYear));
  }
  let text = parts.join(' ');
  if (group !== undefined && group.withinOrganization) {
    const names = group.types.map((type) => PARTS_OF_ORGANIZATION[type]).join(', ');
    text = text === '' ? names : `${text}, ${names}`;
  } else if (group !== undefined) {
    const names = group.types.map((type) => ORGANIZATION_TYPES[type].shortName).join(', ');
    text = text === '' ? names : `${text} (${names})`;
  }
  const suffix = text === '' ? '' : ` — ${text}`;
  // An event that says its date is unknown needs no mark on top.
  const provisional = series.shape !== 'yearly' && series.provisional && !(series.shape === 'single' && series.dateUnknown) ? ` ${PROVISIONAL_MARK}` : '';
  return `п. ${item.number}. ${item.title}${suffix}${provisional}`;
}

function dailyLine(rule: Rule, series: Series): string | undefined {
  if (series.shape !== 'weekly' || rule.kind !== 'daily') return undefined;
  const [hours, minutes] = series.time.split(':').map(Number);
  const endMinutes = (hours ?? 0) * 60 + (minutes ?? 0) + series.durationMinutes;
  const end = `${String(Math.floor(endMinutes / 60) % 24).padStart(2, '0')}:${String(endMinutes % 60).padStart(2, '0')}`;
  const days =
    rule.days === 'school'
      ? 'по учебным дням (кроме выходных, праздничных дней и каникул)'
      : 'по рабочим дням (кроме выходных и праздничных дней)';
  return `Время: ${days}, ${series.time}–${end} по московскому времени.`;
}

function provisionalLine(series: Series): string | undefined {
  if (series.shape === 'yearly' || !series.provisional) return undefined;
  const what = series.shape === 'weekly' ? 'Даты предварительные' : 'Дата предварительная';
  return series.provisionalReason === undefined ? `${what}.` : `${what}: ${series.provisionalReason}.`;
}

/** The day-off policy of a yearly deadline, or the days an opening (or a kept deadline) is off from `fromYear` on. */
function dayOffLines(series: Series, policy: OnDayOff, fromYear: number): string[] {
  if (series.shape !== 'yearly') return [];
  const lines: string[] = [];
  if (series.kind === 'date') {
    const policyText = policyLine(policy);
    if (policyText !== undefined) lines.push(policyText);
  }
  if (series.kind === 'date' || series.kind === 'opening') {
    const off = daysOffLine((series.daysOff ?? []).filter((date) => Number(date.slice(0, 4)) >= fromYear), series.kind);
    if (off !== undefined) lines.push(off);
  }
  return lines;
}

/**
 * The event's description: everything the plan says about the item, so the event is useful
 * without opening the site. Independent of the audience, so one text serves every feed.
 */
export function eventDescription(
  item: Item,
  schedule: Schedule,
  rule: Rule,
  series: Series,
  planLink: string,
  dayOff: { readonly policy: OnDayOff; readonly fromYear: number } = { policy: 'keep', fromYear: 0 },
): string {
  const lines: string[] = [item.text];
  for (const detail of item.details ?? []) lines.push(`• ${detail}`);
  lines.push('', `Срок: ${schedule.wording}`);
  const daily = dailyLine(rule, series);
  if (daily !== undefined) lines.push(daily);
  lines.push(...dayOffLines(series, dayOff.policy, dayOff.fromYear));
  const provisional = provisionalLine(series);
  if (provisional !== undefined) lines.push(provisional);
  if (series.shape === 'single' && series.dateUnknown) {
    lines.push('Срок появится в календаре, когда расписание будет внесено в данные; событие стоит в начале июня, когда обычно начинается основной период.');
  }
  if (rule.note !== undefined) lines.push(rule.note);
  // The feed's own types: the series carries the schedule's types within the audience.
  lines.push(`Ответственные: ${series.organizationTypes.map((type) => ORGANIZATION_TYPES[type].name).join('; ')}`);
  if (item.subsystems.length > 0) {
    lines.push(`Подсистемы: ${item.subsystems.map((id) => SUBSYSTEMS[id].name).join(', ')}`);
  }
  for (const footnote of item.footnotes ?? []) lines.push(`${footnote.marker} ${footnote.text}`);
  lines.push('', `Пункт плана: ${planLink}`);
  return lines.join('\n');
}

/** What a standing duty asks, e.g. «по мере необходимости». */
export function standingDutyText(rule: Rule): string {
  const note = rule.note === undefined ? '' : `, ${lowerFirst(rule.note.replace(/\.$/, ''))}`;
  if (rule.kind === 'onChange') {
    return `в течение ${rule.workingDays} рабочих дней в случае изменения информации${note}`;
  }
  return `по мере необходимости${note}`;
}

function audiencePhrase(audience: Audience): string {
  switch (audience.kind) {
    case 'all':
      return 'все образовательные организации';
    case 'type':
      return ORGANIZATION_TYPES[audience.type].name;
    case 'organization':
      return audience.organization.name;
  }
}

function standingLines(data: Dataset, audience: Audience, standing: readonly StandingDuty[]): string[] {
  const lines: string[] = [];
  for (const duty of standing) {
    const item = data.plan.items.find((candidate) => candidate.number === duty.item);
    const schedule = item?.schedules[duty.schedule];
    const rule = schedule?.rules[duty.rule];
    if (item === undefined || schedule === undefined || rule === undefined) continue;
    const types =
      audience.kind === 'all'
        ? ` (${duty.organizationTypes.map((type) => ORGANIZATION_TYPES[type].shortName).join(', ')})`
        : '';
    lines.push(`п. ${item.number} ${item.title} — ${standingDutyText(rule)}${types}`);
  }
  return lines;
}

function missingLine(missing: MissingSchoolYear): string {
  const year = `${shortSchoolYear(missing.schoolYear)} учебный год`;
  let what: string;
  switch (missing.what) {
    case 'terms':
      what =
        missing.termSystem === undefined
          ? 'учебные периоды'
          : `учебные периоды (${TERM_SYSTEMS[missing.termSystem]})`;
      break;
    case 'finalAttestation':
      what = 'сроки итоговой аттестации';
      break;
    case 'workingDays':
      what = 'производственный календарь';
      break;
  }
  return `${year}: ${what} — ${itemNumbers(missing.items)}`;
}

function optionLines(options: FeedOptions): string[] {
  const lines: string[] = [];
  if (options.items !== undefined) lines.push(`В календаре только ${itemNumbers(options.items)}.`);
  if (!options.daily) lines.push('Ежедневные дела не включены: только сроки.');
  if (options.reminders.length > 0) {
    lines.push(`Напоминания: за ${options.reminders.join(', ')} дн. до срока (у многодневных дел — до последнего дня), в 09:00 по московскому времени.`);
  }
  return lines;
}

/** The calendar's DESCRIPTION / X-WR-CALDESC. */
export function calendarDescription(
  data: Dataset,
  audience: Audience,
  options: FeedOptions,
  standing: readonly StandingDuty[],
  missing: readonly MissingSchoolYear[],
): string {
  const { meta } = data.plan;
  const lines = [
    `Сроки «${meta.shortTitle}» для: ${audiencePhrase(audience)}.`,
    `Источник: приказ от ${russianDate(meta.order.date)} № ${meta.order.number}, ${meta.issuer}.`,
    'Время — московское.',
    ...optionLines(options),
  ];
  const standingText = standingLines(data, audience, standing);
  if (standingText.length > 0) {
    lines.push('', 'Постоянные обязанности (в календаре — событие «Постоянные обязанности по ГИС ЭО» в начале каждого учебного года):', ...standingText);
  }
  if (missing.length > 0) {
    lines.push(
      '',
      'Нет данных, поэтому эти сроки пока без дат (в календаре — событие об этом):',
      ...missing.map(missingLine),
    );
  }
  return lines.join('\n');
}

/**
 * Series whose summaries would read the same although they are for different organization
 * types on different school calendars (the whole-plan feed has item 18 once for schools on
 * quarters and once for additional education on half-years): their summaries name the types.
 */
export function ambiguousSeries(series: readonly Series[]): ReadonlySet<Series> {
  const byTitle = new Map<string, Series[]>();
  // An item with a schedule per type (items 5, 6, 14) needs the types in every title.
  const schedulesOfItem = new Map<number, Set<number>>();
  for (const one of series) {
    if (one.kind === 'standing') continue;
    const schedules = schedulesOfItem.get(one.item) ?? new Set<number>();
    schedules.add(one.schedule);
    schedulesOfItem.set(one.item, schedules);
  }
  for (const one of series) {
    if (one.kind === 'standing') continue;
    const title = `${one.item}/${one.schedule}/${one.rule}/${one.label ?? ''}`;
    const same = byTitle.get(title);
    if (same === undefined) byTitle.set(title, [one]);
    else same.push(one);
  }
  // Groups never straddle the options' filters (items, daily), so a filtered feed names the
  // same types as the full one and its events keep their hashes.
  const ambiguous = new Set<Series>(series.filter((one) => one.kind !== 'standing' && (schedulesOfItem.get(one.item)?.size ?? 0) > 1));
  for (const same of byTitle.values()) {
    if (new Set(same.map((one) => one.organizationTypes.join(','))).size > 1) {
      for (const one of same) ambiguous.add(one);
    }
  }
  return ambiguous;
}
