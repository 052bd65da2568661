/**
 * A feed as a subscriber's agenda: every occurrence ical.js expands (RRULE, EXDATE, separate
 * events), with its UID, SEQUENCE, title and every X-PLAN-ITEM, so tests can ask what a client
 * would show on a day.
 */
import ICAL from 'ical.js';
import { parseFeed } from './ics.js';

export interface AgendaEntry {
  readonly uid: string;
  readonly sequence: number;
  readonly summary: string;
  /** Moscow day, `YYYY-MM-DD` (all-day events: their first day). */
  readonly day: string;
  readonly allDay: boolean;
  readonly items: readonly number[];
}

/** Every occurrence starting on or before `until` (`YYYY-MM-DD`). */
export function agenda(text: string, until: string): AgendaEntry[] {
  const calendar = parseFeed(text);
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const last = ICAL.Time.fromDateString(until);
  const entries: AgendaEntry[] = [];
  for (const vevent of calendar.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(vevent);
    const base = {
      uid: event.uid,
      sequence: Number(vevent.getFirstPropertyValue('sequence')),
      summary: event.summary,
      items: vevent.getAllProperties('x-plan-item').map((property) => Number(property.getFirstValue())),
    };
    if (!event.isRecurring()) {
      const day = event.startDate.toString().slice(0, 10);
      if (day <= until) entries.push({ ...base, day, allDay: event.startDate.isDate });
      continue;
    }
    const iterator = event.iterator();
    for (let next = iterator.next(); next; next = iterator.next()) {
      if (next.compare(last) > 0 && next.toString().slice(0, 10) > until) break;
      const start = event.getOccurrenceDetails(next).startDate;
      entries.push({ ...base, day: start.toString().slice(0, 10), allDay: start.isDate });
    }
  }
  return entries;
}

/** `2026-2027` → its first and last day. */
export function schoolYearRange(id: string): { from: string; to: string } {
  const first = Number(id.slice(0, 4));
  return { from: `${first}-09-01`, to: `${first + 1}-08-31` };
}
