/**
 * Display alarms for all-day deadlines, for the clients that keep alarms of subscribed
 * calendars (Apple, Thunderbird; Google and Outlook drop them).
 */
import { ICalAlarm, ICalAlarmType, ICalEvent } from 'ical-generator';
import { OWNER } from './event.js';

/** Seconds before an all-day start (local midnight) for a reminder `days` before, at 09:00. */
function reminderSeconds(days: number): number {
  return days * 86_400 - 9 * 3_600;
}

/** ical-generator's alarms need an event; ours always carry their own description. */
const ALARM_OWNER = new ICalEvent({ id: 'alarm-owner', stamp: new Date(0), start: new Date(0) }, OWNER);

/**
 * VALARMs for an all-day event: `-P6DT15H` is 7 days before at 09:00. A reminder on the day
 * itself is after the start, which needs RELATED=START: ical-generator relates a positive
 * offset to the end unless told, and its constructor ignores `relatesTo`, hence the setter.
 */
export function renderAlarms(summary: string, reminders: readonly number[]): string {
  let text = '';
  for (const days of reminders) {
    const before = reminderSeconds(days);
    const alarm = new ICalAlarm({ type: ICalAlarmType.display, trigger: before, description: summary }, ALARM_OWNER);
    if (before < 0) alarm.relatesTo('START');
    text += alarm.toString();
  }
  return text;
}
