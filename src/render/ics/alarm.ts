/**
 * Display alarms for all-day deadlines, for the clients that keep alarms of subscribed
 * calendars (Apple, Thunderbird; Google and Outlook drop them).
 */
import { ICalAlarm, ICalAlarmType, ICalEvent } from 'ical-generator';
import { DateTime } from 'luxon';
import type { Dataset } from '../../domain/model.js';
import { OWNER, type EventContent } from './event.js';
import { MOSCOW } from './timezone.js';

/** ical-generator's alarms need an event; ours always carry their own description. */
const ALARM_OWNER = new ICalEvent({ id: 'alarm-owner', stamp: new Date(0), start: new Date(0) }, OWNER);

/** The moment `days` before `lastDay` (YYYY-MM-DD) at 09:00 in Moscow. */
export function reminderMoment(lastDay: string, days: number): Date {
  return DateTime.fromISO(`${lastDay}T09:00`, { zone: MOSCOW }).minus({ days }).toJSDate();
}

/**
 * The VALARMs of one reminder offset for an all-day event whose instances end on `lastDays`:
 * one per instance, each with an absolute `TRIGGER;VALUE=DATE-TIME:…Z`. An all-day event is
 * floating, so a trigger relative to it fires at 09:00 of whatever zone the device is in
 * (ics-interop.md); an absolute one fires at 09:00 Moscow everywhere. Counting back from the
 * LAST day means a month-long duty («Январь», «Июнь-Август») reminds before its deadline, not
 * before it begins. An absolute trigger fires once, so a yearly event gets one per year the
 * caller lists.
 */
export function renderAlarms(summary: string, lastDays: readonly string[], days: number): string {
  let text = '';
  for (const lastDay of lastDays) {
    const trigger = reminderMoment(lastDay, days);
    text += new ICalAlarm({ type: ICalAlarmType.display, trigger, description: summary }, ALARM_OWNER).toString();
  }
  return text;
}

/** Years, inclusive. */
export interface AlarmYears {
  readonly first: number;
  readonly last: number;
}

/**
 * The years a yearly event gets alarms for: an absolute trigger fires once, so each year needs
 * its own. From the year the data was last updated (earlier alarms are past for anyone who
 * subscribes to this version; the clock never enters a feed) to the last year the data knows
 * the calendar of. Past that the event still recurs, without alarms, until newer data is loaded;
 * a single event that ends before the first year gets none.
 */
export function alarmYearsOf(data: Dataset): AlarmYears {
  const first = Math.max(data.plan.meta.firstYear, Number(data.plan.meta.updated.slice(0, 4)));
  const known = [...data.workingDays.map((y) => y.year), ...data.schoolYears.years.map((y) => Number(y.id.slice(5, 9)))];
  return { first, last: Math.max(first, ...known.filter(Number.isInteger)) };
}

/** The last days of an all-day event's instances, up to the horizon year. */
export function instanceLastDays(content: EventContent, years: AlarmYears): string[] {
  const first = content.lastDay;
  if (first === undefined) return [];
  if (!content.yearly) return Number(first.slice(0, 4)) >= years.first ? [first] : [];
  const monthDay = first.slice(4);
  const excluded = new Set(content.excludedYears ?? []);
  const days: string[] = [];
  for (let year = Math.max(Number(first.slice(0, 4)), years.first); year <= years.last; year++) {
    if (excluded.has(year)) continue;
    const day = `${year}${monthDay}`;
    // 29 February exists only in leap years; RRULE skips the others the same way.
    if (DateTime.fromISO(day).isValid) days.push(day);
  }
  return days;
}
