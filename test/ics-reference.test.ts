/**
 * The feeds against the seed-derived reference table: each type's feed, parsed and its
 * recurrences expanded by ical.js (RRULE, EXDATE, separate extra days), puts every one of the
 * 26 items on exactly the 2025/26 days the order gives, lists the standing duties in the
 * calendar's description, and carries nothing for the items a type is not responsible for.
 * The same table checks the engine in plan-reference.test.ts.
 */
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../src/domain/model.js';
import { ALL_DUTIES } from '../src/render/feed-options.js';
import { renderFeed } from '../src/render/ics/index.js';
import { bundledDataset, PUBLIC_URL } from './helpers/ics.js';
import { expectationFor, REFERENCE, REFERENCE_PERIOD, REFERENCE_TYPES, type ReferenceType } from './reference/expected.js';

interface Expanded {
  /** Item → all-day ranges `start..end` (end inclusive) overlapping the period. */
  readonly allDay: Map<number, string[]>;
  /** Item → Moscow days of timed occurrences inside the period. */
  readonly timed: Map<number, string[]>;
  /** The calendar's description: where standing duties are listed. */
  readonly description: string;
  /** Items named (X-PLAN-ITEM) by the yearly «Постоянные обязанности по ГИС ЭО» event in the period. */
  readonly standingEvent: Set<number>;
}

const { from: FROM, to: TO } = REFERENCE_PERIOD;
const day = (time: ICAL.Time): string => time.toString().slice(0, 10);

function push(map: Map<number, string[]>, item: number, value: string): void {
  const list = map.get(item);
  if (list === undefined) map.set(item, [value]);
  else list.push(value);
}

function expand(text: string): Expanded {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const expanded: Expanded = {
    allDay: new Map(),
    timed: new Map(),
    description: String(calendar.getFirstPropertyValue('description')),
    standingEvent: new Set(),
  };
  for (const vevent of calendar.getAllSubcomponents('vevent')) {
    const item = Number(vevent.getFirstPropertyValue('x-plan-item'));
    const event = new ICAL.Event(vevent);
    if (event.summary.startsWith('Постоянные обязанности по ГИС ЭО')) {
      if (day(event.startDate) >= FROM && day(event.startDate) <= TO) {
        for (const property of vevent.getAllProperties('x-plan-item')) expanded.standingEvent.add(Number(property.getFirstValue()));
      }
      continue;
    }
    const add = (start: ICAL.Time, end: ICAL.Time): void => {
      if (start.isDate) {
        const last = end.clone();
        last.adjust(-1, 0, 0, 0); // DTEND of an all-day event is the day after its last day
        if (day(start) <= TO && day(last) >= FROM) push(expanded.allDay, item, `${day(start)}..${day(last)}`);
      } else if (day(start) >= FROM && day(start) <= TO) {
        push(expanded.timed, item, day(start)); // local Moscow time: the TZID is Europe/Moscow
      }
    };
    if (!event.isRecurring()) {
      add(event.startDate, event.endDate);
      continue;
    }
    const iterator = event.iterator();
    for (let next = iterator.next(); next && day(next) <= TO; next = iterator.next()) {
      const details = event.getOccurrenceDetails(next);
      add(details.startDate, details.endDate);
    }
  }
  return expanded;
}

/**
 * The order's day, or the working day before it when it is off (plan.meta.onDayOff:
 * previousWorkingDay), read straight from the production-calendar files, independently of the engine.
 */
function previousWorkingDay(date: string): string {
  const listed = new Map<string, string>();
  for (const year of [2025, 2026]) {
    const file = JSON.parse(readFileSync(`data/working-days/${year}.json`, 'utf8')) as { days: { date: string; type: string }[] };
    for (const d of file.days) listed.set(d.date, d.type);
  }
  let current = DateTime.fromISO(date, { zone: 'Europe/Moscow' });
  for (;;) {
    const type = listed.get(current.toISODate() as string);
    const working = type === undefined ? current.weekday <= 5 : type !== 'nonWorking';
    if (working) return current.toISODate() as string;
    current = current.minus({ days: 1 });
  }
}
const effective = (range: { start: string; end: string }) =>
  range.start === range.end ? { start: previousWorkingDay(range.start), end: previousWorkingDay(range.end) } : range;

let data: Dataset;
const feeds = new Map<ReferenceType, Expanded>();

beforeAll(async () => {
  data = await bundledDataset();
  for (const type of REFERENCE_TYPES) {
    feeds.set(type, expand(renderFeed(data, { kind: 'type', type }, ALL_DUTIES, { publicUrl: PUBLIC_URL })));
  }
});

/** «п. 22 …» at the start of a line of the description's standing-duty list. */
const listedAsStanding = (description: string, item: number): boolean => new RegExp(`(^|\\n)п\\. ${item} `).test(description);

describe.each(REFERENCE.map((r) => r.item))('feed, item %i', (item) => {
  it.each(REFERENCE_TYPES)('%s', (type) => {
    const feed = feeds.get(type);
    if (feed === undefined) throw new Error(`no feed for ${type}`);
    const expected = expectationFor(item, type);
    const allDay = (feed.allDay.get(item) ?? []).sort();
    const timed = (feed.timed.get(item) ?? []).sort();
    // A standing duty is in the description and in the agenda (the yearly event names its item).
    const standing = listedAsStanding(feed.description, item) && feed.standingEvent.has(item);
    switch (expected.kind) {
      case 'absent':
        expect({ allDay, timed, standing }).toEqual({ allDay: [], timed: [], standing: false });
        break;
      case 'standing':
        expect({ allDay, timed, standing }).toEqual({ allDay: [], timed: [], standing: true });
        break;
      case 'dates':
        // a one-day deadline the order puts on a day off is on the working day before (`date` rules)
        expect(allDay).toEqual(expected.dates.map((d) => (expected.wording.startsWith('до ') ? effective(d) : d)).map((d) => `${d.start}..${d.end}`).sort());
        expect(timed).toEqual([]);
        expect(standing).toBe(expected.standing);
        break;
      case 'daily': {
        const wanted = new Set(expected.all);
        const actual = new Set(timed);
        expect({
          missing: expected.all.filter((d) => !actual.has(d)),
          extra: timed.filter((d) => !wanted.has(d)),
          twice: timed.length - actual.size,
        }).toEqual({ missing: [], extra: [], twice: 0 });
        expect(allDay).toEqual([]);
        break;
      }
    }
  });
});
