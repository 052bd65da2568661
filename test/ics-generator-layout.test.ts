/**
 * src/render/ics/event.ts cuts ical-generator's VEVENT text by property order (DTSTAMP right
 * after UID and SEQUENCE, the feed-varying alarms before CATEGORIES, CLASS last). package.json
 * pins ical-generator to the exact version this layout was read from; this test fails loudly
 * when an upgrade reorders or renames anything, before a feed can come out wrong.
 */
import ical, { ICalAlarmType, ICalEvent } from 'ical-generator';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventData, eventSpecs, eventTexts } from '../src/render/ics/event.js';
import { FIXTURE_SERIES, UPDATED, fixtureDataset } from './helpers/ics.js';

const PINNED = '10.2.0';

function propertyNames(text: string): string[] {
  return text
    .split('\r\n')
    .filter((line) => line !== '' && !line.startsWith(' '))
    .map((line) => line.split(/[:;]/, 1)[0] as string);
}

describe('ical-generator layout that event.ts relies on', () => {
  it(`is the pinned version ${PINNED}`, () => {
    const json = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as { version: string; dependencies: Record<string, string> };
    expect(json('node_modules/ical-generator/package.json').version).toBe(PINNED);
    expect(json('package.json').dependencies['ical-generator']).toBe(PINNED);
  });

  it('writes the properties of our events in this order', () => {
    const data = fixtureDataset();
    const items = new Map(data.plan.items.map((item) => [item.number, item]));
    const layouts = new Set<string>();
    for (const series of FIXTURE_SERIES) {
      const texts = eventTexts(series, { items, policy: 'previousWorkingDay', fromYear: 2025 });
      for (const spec of eventSpecs(series, texts)) {
        const event = new ICalEvent({ ...eventData(spec, texts, UPDATED), lastModified: new Date(UPDATED) }, ical());
        if (spec.allDay) event.createAlarm({ type: ICalAlarmType.display, trigger: new Date(UPDATED), description: 'x' });
        layouts.add(propertyNames(event.toString()).join(' '));
      }
    }
    const ALARM = 'BEGIN ACTION TRIGGER DESCRIPTION END';
    const ALL_DAY = 'X-MICROSOFT-CDO-ALLDAYEVENT X-MICROSOFT-MSNCALENDAR-ALLDAYEVENT';
    expect([...layouts].sort()).toEqual(
      [
        `BEGIN UID SEQUENCE DTSTAMP DTSTART DTEND ${ALL_DAY} RRULE SUMMARY TRANSP DESCRIPTION ${ALARM} CATEGORIES URL X-PLAN-ITEM LAST-MODIFIED CLASS END`,
        `BEGIN UID SEQUENCE DTSTAMP DTSTART DTEND ${ALL_DAY} SUMMARY TRANSP DESCRIPTION ${ALARM} CATEGORIES URL X-PLAN-ITEM LAST-MODIFIED CLASS END`,
        'BEGIN UID SEQUENCE DTSTAMP DTSTART DTEND RRULE EXDATE SUMMARY TRANSP DESCRIPTION CATEGORIES URL X-PLAN-ITEM LAST-MODIFIED CLASS END',
        'BEGIN UID SEQUENCE DTSTAMP DTSTART DTEND SUMMARY TRANSP DESCRIPTION CATEGORIES URL X-PLAN-ITEM LAST-MODIFIED CLASS END',
      ].sort(),
    );
  });
});
