/**
 * One series → its VEVENTs, rendered with ical-generator once per distinct content and then
 * reused by every feed that carries it. ical-generator's event text is cut into the parts that
 * never change between feeds (dates, rules, texts) and the few that do (UID scope, SEQUENCE,
 * LAST-MODIFIED, alarms), so an organization feed is mostly string concatenation. A test checks
 * that the reassembled text equals ical-generator's own rendering of the full event.
 *
 * The cut depends on ical-generator's property order, so package.json pins its exact version
 * and test/ics-generator-layout.test.ts lists the order, failing loudly on an upgrade that
 * changes it. Pinned rather than writing VEVENT lines ourselves: ical-generator's escaping,
 * RRULE/EXDATE/UNTIL and VALARM formatting is maintained and tested code we would otherwise
 * re-implement; the header, the folding and the VTIMEZONE are ours only because its versions
 * were wrong or slow (ics-interop.md), which its events are not.
 */
import ical, {
  ICalEvent,
  ICalEventClass,
  ICalEventRepeatingFreq,
  ICalEventTransparency,
  type ICalEventData,
  type ICalRepeatingOptions,
  type ICalWeekday,
} from 'ical-generator';
import { DateTime } from 'luxon';
import type { Series, WeeklySeries, Weekday, YearlySeries } from '../../domain/model.js';
import type { Item, OnDayOff } from '../../domain/schema.js';
import { shiftLine } from './day-off.js';
import { eventDescription, eventSummary, PROVISIONAL_MARK, type GroupNaming } from './describe.js';
import { standingDescription, standingSummary } from './standing.js';
import { contentHash } from './history.js';
import { dropControls } from './text.js';
import { MOSCOW } from './timezone.js';

/**
 * Stands for the site's base URL while an event is rendered, so the cached text and its hash
 * do not depend on where the site is deployed. A private-use character survives escaping.
 */
export const PUBLIC_URL_PLACEHOLDER = '\uE000public-url\uE000';

export const CATEGORY = 'ГИС ЭО';
export const UID_DOMAIN = 'eo-calendar';

/** ical-generator's events need a calendar to ask for its (unset) time zone; it is never rendered. */
export const OWNER = ical();

const WEEKDAY_NUMBERS: Readonly<Record<Weekday, number>> = { MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6, SU: 7 };

/** The parts of one VEVENT that are the same in every feed that carries it. */
export interface EventContent {
  /** Series key, plus `.<yyyymmdd>` for a daily duty's extra working day. */
  readonly key: string;
  readonly summary: string;
  readonly allDay: boolean;
  /** An all-day event's last day (YYYY-MM-DD; of its first year when it recurs yearly): reminders count back from it. */
  readonly lastDay?: string;
  /** Recurs every year (RRULE:FREQ=YEARLY). */
  readonly yearly: boolean;
  /** Years the yearly rule leaves out (EXDATE: the deadline moved to an event of its own); no alarms there. */
  readonly excludedYears?: readonly number[];
  /** sha256 (short) of `body` + `tail`, with the URL placeholder in place of the site URL. */
  readonly hash: string;
  /** `DTSTAMP:…` line. */
  readonly stampLine: string;
  /** From DTSTART to DESCRIPTION, unfolded: where alarms go after. */
  readonly body: string;
  /** From CATEGORIES to the custom properties, unfolded. */
  readonly tail: string;
}

/** What ical-generator needs to know about one event, apart from what every event shares. */
export interface EventSpec {
  readonly key: string;
  readonly allDay: boolean;
  readonly start: DateTime;
  readonly end: DateTime;
  readonly repeating?: ICalRepeatingOptions;
  /** Years of `repeating.exclude`, kept as numbers for the alarms. */
  readonly excludedYears?: readonly number[];
  /** A moved occurrence's own summary and description (a deadline shifted off a day off). */
  readonly texts?: Pick<EventTexts, 'summary' | 'description'>;
}

function moscowDate(isoDate: string): DateTime {
  return DateTime.fromISO(isoDate, { zone: MOSCOW });
}

function moscowTime(isoDate: string, time: string): DateTime {
  return DateTime.fromISO(`${isoDate}T${time}`, { zone: MOSCOW });
}

/** The first day from `start` on the series' weekdays: DTSTART must be an instance of the RRULE. */
function firstWeeklyDay(series: WeeklySeries): DateTime | undefined {
  const weekdays = new Set(series.weekdays.map((day) => WEEKDAY_NUMBERS[day]));
  const until = moscowDate(series.until);
  for (let day = moscowDate(series.start); day <= until; day = day.plus({ days: 1 })) {
    if (weekdays.has(day.weekday)) return day;
  }
  return undefined;
}

function weeklySpecs(series: WeeklySeries): EventSpec[] {
  const specs: EventSpec[] = [];
  const first = firstWeeklyDay(series);
  if (first !== undefined) {
    const firstIso = first.toISODate() as string;
    const weekdays = new Set(series.weekdays.map((day) => WEEKDAY_NUMBERS[day]));
    // EXDATEs that are no instance of the rule change nothing; leaving them out keeps lines short.
    const exdates = series.exdates.filter(
      (date) => date >= firstIso && date <= series.until && weekdays.has(moscowDate(date).weekday),
    );
    const start = moscowTime(firstIso, series.time);
    specs.push({
      key: series.key,
      allDay: false,
      start,
      end: start.plus({ minutes: series.durationMinutes }),
      repeating: {
        freq: ICalEventRepeatingFreq.WEEKLY,
        byDay: series.weekdays as ICalWeekday[],
        // UNTIL at the end of the last slot; ical-generator writes it in UTC (…Z), as RFC 5545
        // requires when DTSTART has a TZID.
        until: moscowTime(series.until, series.time).plus({ minutes: series.durationMinutes }),
        // An empty list would still print an empty EXDATE line.
        ...(exdates.length > 0 ? { exclude: exdates.map((date) => moscowTime(date, series.time)) } : {}),
      },
    });
  }
  // Outlook ignores RDATE, so working weekends moved by decree are events of their own.
  for (const date of series.extraDates) {
    const start = moscowTime(date, series.time);
    specs.push({
      key: `${series.key}.${date.replaceAll('-', '')}`,
      allDay: false,
      start,
      end: start.plus({ minutes: series.durationMinutes }),
    });
  }
  return specs;
}

/**
 * A yearly deadline with years moved off a day off: the RRULE stays (Outlook and Google read
 * RRULE + EXDATE; Outlook ignores RDATE), each moved year is an EXDATE in the rule's own
 * value type, and the moved day is an event of its own, keyed by the year.
 */
function yearlySpecs(series: YearlySeries, texts: EventTexts): EventSpec[] {
  const start = DateTime.fromObject({ year: series.firstYear, ...series.start }, { zone: MOSCOW });
  const last = DateTime.fromObject({ year: series.firstYear, ...series.end }, { zone: MOSCOW });
  const shifts = series.shifts ?? [];
  const repeating: ICalRepeatingOptions =
    shifts.length > 0
      ? { freq: ICalEventRepeatingFreq.YEARLY, exclude: shifts.map((shift) => moscowDate(shift.orderDate)) }
      : { freq: ICalEventRepeatingFreq.YEARLY };
  const excludedYears = shifts.map((shift) => shift.year);
  const specs: EventSpec[] = [
    { key: series.key, allDay: true, start, end: last.plus({ days: 1 }), repeating, ...(shifts.length > 0 ? { excludedYears } : {}) },
  ];
  for (const shift of shifts) {
    const summary = shift.provisional ? `${texts.summary} ${PROVISIONAL_MARK}` : texts.summary;
    const reason = shift.provisionalReason === undefined ? [] : [`Предварительно: ${shift.provisionalReason}.`];
    const description = [shiftLine(shift), ...reason, '', texts.description].join('\n');
    specs.push({
      key: `${series.key}.${shift.year}`,
      allDay: true,
      start: moscowDate(shift.date),
      end: moscowDate(shift.date).plus({ days: 1 }),
      texts: { summary, description },
    });
  }
  return specs;
}

/** The VEVENTs a series becomes; `texts` are the series' own, the base of a moved occurrence's. */
export function eventSpecs(series: Series, texts: EventTexts): EventSpec[] {
  switch (series.shape) {
    case 'yearly':
      return yearlySpecs(series, texts);
    case 'single':
      return [
        {
          key: series.key,
          allDay: true,
          start: moscowDate(series.start),
          end: moscowDate(series.end).plus({ days: 1 }),
        },
      ];
    case 'weekly':
      return weeklySpecs(series);
  }
}

/** The ical-generator data of an event; `id`, `stamp` and `sequence` are always given. */
export function eventData(spec: EventSpec, texts: EventTexts, stamp: string): ICalEventData {
  return {
    id: 'UID',
    sequence: 0,
    stamp: new Date(stamp),
    start: spec.start,
    end: spec.end,
    allDay: spec.allDay,
    // All-day dates are DATE values; only timed events carry a TZID.
    ...(spec.allDay ? {} : { timezone: MOSCOW }),
    ...(spec.repeating === undefined ? {} : { repeating: spec.repeating }),
    // Every path to SUMMARY/DESCRIPTION (series, moved and standing events) passes here.
    summary: dropControls(texts.summary),
    description: dropControls(texts.description),
    // Deadlines and reminder slots must not block anyone's free/busy time.
    transparency: ICalEventTransparency.TRANSPARENT,
    categories: [{ name: CATEGORY }],
    url: texts.url,
    // One X-PLAN-ITEM per item: the standing-duties event lists several.
    x: texts.items.map((item): [string, string] => ['X-PLAN-ITEM', String(item)]),
    class: ICalEventClass.PUBLIC,
  };
}

const HEAD = 'BEGIN:VEVENT\r\nUID:UID\r\nSEQUENCE:0\r\n';
export const EVENT_END = 'CLASS:PUBLIC\r\nEND:VEVENT\r\n';

/** Cuts ical-generator's text of an event into the parts that do not vary between feeds. */
function cut(text: string): { stampLine: string; body: string; tail: string } {
  if (!text.startsWith(HEAD) || !text.endsWith(EVENT_END)) {
    throw new Error('Unexpected ical-generator event layout');
  }
  const rest = text.slice(HEAD.length, text.length - EVENT_END.length);
  const stampEnd = rest.indexOf('\r\n') + 2;
  // Values are escaped, so a line that starts with CATEGORIES: is the property itself.
  const tailStart = rest.indexOf('\r\nCATEGORIES:') + 2;
  if (!rest.startsWith('DTSTAMP:') || tailStart < 2) throw new Error('Unexpected ical-generator event layout');
  return { stampLine: rest.slice(0, stampEnd), body: rest.slice(stampEnd, tailStart), tail: rest.slice(tailStart) };
}

/**
 * The events of one series (a weekly series may give several), rendered for every feed;
 * `groupTypes` as in {@link eventSummary}.
 */
export function renderSeriesEvents(series: Series, context: TextContext, stamp: string): EventContent[] {
  const texts = eventTexts(series, context);
  return eventSpecs(series, texts).map((spec) => {
    const specTexts = spec.texts === undefined ? texts : { ...texts, ...spec.texts };
    const parts = cut(new ICalEvent(eventData(spec, specTexts, stamp), OWNER).toString());
    return {
      key: spec.key,
      summary: specTexts.summary,
      allDay: spec.allDay,
      ...(spec.allDay ? { lastDay: spec.end.minus({ days: 1 }).toISODate() as string } : {}),
      yearly: spec.repeating?.freq === ICalEventRepeatingFreq.YEARLY,
      ...(spec.excludedYears === undefined ? {} : { excludedYears: spec.excludedYears }),
      hash: contentHash(parts.body + parts.tail),
      ...parts,
    };
  });
}

export interface EventTexts {
  readonly summary: string;
  readonly description: string;
  readonly url: string;
  /** The X-PLAN-ITEM values. */
  readonly items: readonly number[];
}

/** What the texts of a series depend on besides the series itself. */
export interface TextContext {
  readonly items: ReadonlyMap<number, Item>;
  /** Names whom the event is for: the feed carries the item for other types too. */
  readonly group?: GroupNaming | undefined;
  readonly policy: OnDayOff;
  /** First year whose days off an event lists (the school year of plan.meta.updated). */
  readonly fromYear: number;
  /** «Изменено …: было — …» while a publication that changed this event is recent (src/domain/change-log.ts). */
  readonly changeNote?: (series: Series) => string | undefined;
}

function withNote(note: string | undefined, description: string): string {
  return note === undefined ? description : `${note}.\n\n${description}`;
}

/** Summary, description and link of a series' events, with the URL placeholder for the site. */
export function eventTexts(series: Series, context: TextContext): EventTexts {
  const item = context.items.get(series.item);
  if (item === undefined) throw new Error(`Series ${series.key} points to a missing item ${series.item}`);
  if (series.kind === 'standing' && series.shape === 'single') {
    const url = `${PUBLIC_URL_PLACEHOLDER}/plan`;
    return {
      summary: standingSummary(series),
      description: standingDescription(series, context.items, url, series.organizationTypes.length > 1),
      url,
      items: series.items ?? [series.item],
    };
  }
  const schedule = item.schedules[series.schedule];
  const rule = schedule?.rules[series.rule];
  if (schedule === undefined || rule === undefined) {
    throw new Error(`Series ${series.key} points to a missing schedule or rule of item ${item.number}`);
  }
  const url = `${PUBLIC_URL_PLACEHOLDER}/plan#item-${item.number}`;
  return {
    summary: eventSummary(item, series, context.group),
    description: withNote(context.changeNote?.(series), eventDescription(item, schedule, rule, series, url, context)),
    url,
    items: [item.number],
  };
}

/** `2026-11-29T00:00:00Z` → `20261129T000000Z`. */
export function icsUtc(iso: string): string {
  return iso.replaceAll('-', '').replaceAll(':', '');
}
