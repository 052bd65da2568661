/**
 * The JSON API and the feeds are two views of the same series: for a whole school year, the
 * occurrences `/api/occurrences` lists equal those a calendar client gets by expanding the
 * corresponding feed. The feed side is read with ical.js only (RRULE, EXDATE, DTEND), not with
 * the engine, so a disagreement in either renderer shows.
 */
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OccurrencesDocument } from '../src/api/schemas/index.js';
import { buildTestApp, type TestApp } from './helpers/app.js';

const FROM = '2025-09-01';
const TO = '2026-08-31';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t.close());

/** `item start end`: all-day as `YYYY-MM-DD` (end inclusive), timed as UTC instants. */
type Key = string;

function apiKeys(doc: OccurrencesDocument): Key[] {
  return doc.occurrences
    .map((o) =>
      o.allDay ? `${o.item} ${o.start} ${o.end}` : `${o.item} ${new Date(o.start).toISOString()} ${new Date(o.end).toISOString()}`,
    )
    .sort();
}

/** Local calendar day of an ical.js time (a DATE, or a DATE-TIME in its own zone). */
function day(time: ICAL.Time): string {
  return time.toString().slice(0, 10);
}

interface Expanded {
  readonly keys: Key[];
  readonly exdates: number;
}

function feedKeys(text: string): Expanded {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const keys: Key[] = [];
  let exdates = 0;
  for (const vevent of calendar.getAllSubcomponents('vevent')) {
    // Overrides would need RECURRENCE-ID matching; the renderer writes none, and this says so.
    expect(vevent.getFirstProperty('recurrence-id')).toBeNull();
    const item = Number(vevent.getFirstPropertyValue('x-plan-item'));
    const event = new ICAL.Event(vevent);
    const skipped = new Set(vevent.getAllProperties('exdate').flatMap((p) => p.getValues().map((v) => String(v))));
    exdates += skipped.size;
    const add = (start: ICAL.Time, stop: ICAL.Time) => {
      expect(skipped.has(start.toString()), `an EXDATE occurrence of item ${item}`).toBe(false);
      if (start.isDate) {
        // DTEND of an all-day event is the day after the last one.
        const last = stop.clone();
        last.adjust(-1, 0, 0, 0);
        if (day(start) <= TO && day(last) >= FROM) keys.push(`${item} ${day(start)} ${day(last)}`);
      } else if (day(start) >= FROM && day(start) <= TO) {
        keys.push(`${item} ${start.toJSDate().toISOString()} ${stop.toJSDate().toISOString()}`);
      }
    };
    if (!event.isRecurring()) {
      add(event.startDate, event.endDate);
      continue;
    }
    const iterator = event.iterator();
    for (let next = iterator.next(); next !== null && next !== undefined && day(next) <= TO; next = iterator.next()) {
      const details = event.getOccurrenceDetails(next);
      add(details.startDate, details.endDate);
    }
  }
  return { keys: keys.sort(), exdates };
}

async function compare(feedUrl: string, apiQuery: string) {
  const feed = await t.app.inject({ url: feedUrl });
  expect(feed.statusCode).toBe(200);
  const api = await t.app.inject({ url: `/api/occurrences?from=${FROM}&to=${TO}&${apiQuery}` });
  expect(api.statusCode, api.body.slice(0, 300)).toBe(200);
  const fromApi = apiKeys(api.json<OccurrencesDocument>());
  const fromFeed = feedKeys(feed.body);
  expect(fromApi.length).toBeGreaterThan(0);
  expect(fromFeed.keys).toEqual(fromApi);
  return { count: fromApi.length, exdates: fromFeed.exdates, timed: fromApi.filter((key) => key.includes('T')).length };
}

describe(`API occurrences equal the expanded feed, ${FROM} – ${TO}`, () => {
  it.each(['general', 'preschool', 'additional'])('type %s', async (type) => {
    const { exdates, timed } = await compare(`/feeds/${type}.ics?daily=1`, `type=${type}&daily=1`);
    // Asked for, the daily duties are in both, and the feed skips holidays with EXDATEs.
    expect(timed).toBeGreaterThan(100);
    expect(exdates).toBeGreaterThan(0);
  });

  it('the whole plan', async () => {
    await compare('/feeds/all.ics', '');
  });

  it('a school with preschool groups (two types)', async () => {
    const organization = t.store.current.organizationsById.get('sosh-6');
    expect(organization?.types).toEqual(['general', 'preschool']);
    await compare('/feeds/organizations/sosh-6.ics', 'organization=sosh-6');
  });

  it('an organization that chose a month, with options', async () => {
    const { timed } = await compare('/feeds/organizations/sosh-5.ics?items=1,5,18,19&daily=0', 'organization=sosh-5&items=1,5,18,19&daily=0');
    expect(timed).toBe(0);
  });
});
