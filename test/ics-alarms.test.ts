/** Reminders on the bundled data, read back with ical.js: 09:00 Moscow, counted back from the last day. */
import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../src/domain/model.js';
import { alarmYearsOf } from '../src/render/ics/alarm.js';
import { renderFeed } from '../src/render/ics/index.js';
import { bundledDataset, expectedTriggers, parseFeed } from './helpers/ics.js';

let data: Dataset;
beforeAll(async () => {
  data = await bundledDataset();
});

function events(text: string): ICAL.Event[] {
  return parseFeed(text).getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
}

function triggers(event: ICAL.Event): string[] {
  return event.component.getAllSubcomponents('valarm').map((alarm) => (alarm.getFirstPropertyValue('trigger') as ICAL.Time).toICALString());
}

describe('reminders', () => {
  const reminders = [0, 7, 30];

  it('fire at 09:00 Moscow (06:00Z) before the last day of every instance up to the data horizon', () => {
    const years = alarmYearsOf(data);
    // Bundled: updated in 2026, production calendars to 2027.
    expect(years.last).toBeGreaterThan(years.first);
    for (const audience of [{ kind: 'all' } as const, { kind: 'type', type: 'preschool' } as const]) {
      let yearly = 0;
      for (const event of events(renderFeed(data, audience, { reminders, daily: true }, { publicUrl: 'https://eo.example.test' }))) {
        if (!event.startDate.isDate) {
          expect(triggers(event)).toEqual([]);
          continue;
        }
        for (const alarm of event.component.getAllSubcomponents('valarm')) {
          expect(alarm.getFirstProperty('trigger')?.type).toBe('date-time');
          expect(alarm.getFirstPropertyValue('trigger')?.toString()).toMatch(/T06:00:00Z$/);
        }
        expect(triggers(event).sort()).toEqual(expectedTriggers(event, reminders, years).sort());
        if (event.isRecurring()) yearly += 1;
      }
      expect(yearly).toBeGreaterThan(0);
    }
  });

  it('count back from the last day of a month-long duty («Январь», «Июнь-Август»)', () => {
    const text = renderFeed(data, { kind: 'all' }, { reminders: [1], daily: false }, { publicUrl: 'https://eo.example.test' });
    const byItem = (item: number) => events(text).filter((event) => event.component.getFirstPropertyValue('x-plan-item') === String(item));
    // Item 2: «Январь» — the deadline is 31 January; a reminder a day before is 30 January, 09:00 Moscow.
    const january = byItem(2);
    expect(january.length).toBeGreaterThan(0);
    const first = alarmYearsOf(data).first;
    for (const event of january) expect(triggers(event)[0]).toBe(`${Math.max(first, event.startDate.year)}0130T060000Z`);
    // «Июнь-Август»: 31 August is the last day; the day before is 30 August.
    const summer = byItem(7);
    expect(summer.map((event) => [event.startDate.toString().slice(5), event.endDate.toString().slice(5)])).toContainEqual(['06-01', '09-01']);
    for (const event of summer) expect(triggers(event)[0]).toBe(`${Math.max(first, event.startDate.year)}0830T060000Z`);
  });
});
