/**
 * Every feed of the bundled plan.json + data/: the RFC checklist, and the recurrences as an
 * independent parser (ical.js, Thunderbird's) expands them against the engine's own expansion.
 */
import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { expandSeries, seriesFor } from '../src/domain/engine.js';
import type { Audience, Dataset, Occurrence, Series } from '../src/domain/model.js';
import { ALL_DUTIES, DEFAULT_FEED_OPTIONS, type FeedOptions } from '../src/render/feed-options.js';
import { renderFeed } from '../src/render/ics/index.js';
import { PUBLIC_URL, bundledAudiences, bundledDataset, parseFeed, rfcProblems } from './helpers/ics.js';

const RANGE = { from: '2020-01-01', to: '2028-12-31' };
const OPTIONS: FeedOptions[] = [
  DEFAULT_FEED_OPTIONS,
  { reminders: [1, 7], daily: true },
  { reminders: [3], daily: false, items: [1, 5, 18, 19, 20, 24] },
];

let data: Dataset;
beforeAll(async () => {
  data = await bundledDataset();
});

function name(audience: Audience): string {
  return audience.kind === 'all' ? 'all' : audience.kind === 'type' ? audience.type : audience.organization.id;
}

function expected(occurrence: Occurrence): string {
  return occurrence.allDay
    ? `${occurrence.start}..${occurrence.end}`
    : `${occurrence.start}T${occurrence.time}+${occurrence.durationMinutes}`;
}

/** Occurrences of one parsed VEVENT up to the end of the range, in the engine's notation. */
function expand(vevent: ICAL.Component): string[] {
  const event = new ICAL.Event(vevent);
  const out: string[] = [];
  const last = ICAL.Time.fromDateString(RANGE.to);
  const iterator = event.iterator();
  for (let next = iterator.next(); next !== undefined && next !== null; next = iterator.next()) {
    if (next.compare(last) > 0) break;
    const details = event.getOccurrenceDetails(next);
    const start = details.startDate;
    if (start.isDate) {
      const end = details.endDate.clone();
      end.adjust(-1, 0, 0, 0);
      out.push(`${start.toString()}..${end.toString()}`);
    } else {
      const minutes = details.endDate.subtractDate(start).toSeconds() / 60;
      out.push(`${start.toString().slice(0, 16)}+${minutes}`);
    }
  }
  return out;
}

describe('feeds of the bundled data', () => {
  it('covers every organization and type', () => {
    expect(bundledAudiences(data).length).toBe(4 + data.registry.organizations.length);
  });

  it('pass the RFC checklist with every option set', () => {
    for (const audience of bundledAudiences(data)) {
      for (const options of OPTIONS) {
        const text = renderFeed(data, audience, options, { publicUrl: PUBLIC_URL });
        expect(rfcProblems(text), `${name(audience)} ${JSON.stringify(options)}`).toEqual([]);
      }
    }
  });

  it('recur, as ical.js expands them, exactly on the engine’s occurrences', () => {
    for (const audience of bundledAudiences(data)) {
      const text = renderFeed(data, audience, ALL_DUTIES, { publicUrl: PUBLIC_URL });
      const calendar = parseFeed(text);
      for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
      const byUid = new Map<string, string[]>();
      for (const vevent of calendar.getAllSubcomponents('vevent')) {
        byUid.set(String(vevent.getFirstPropertyValue('uid')), expand(vevent));
      }
      const scope = audience.kind === 'organization' ? `org-${audience.organization.id}` : name(audience);
      const uid = (key: string) => `${key}.${scope}@eo-calendar`;
      const seen = new Set<string>();
      const { series } = seriesFor(data, audience);
      expect(series.length).toBeGreaterThan(0);
      for (const one of series as Series[]) {
        const uids = [
          uid(one.key),
          ...(one.shape === 'weekly' ? one.extraDates.map((d) => uid(`${one.key}.${d.replaceAll('-', '')}`)) : []),
          // a deadline moved off a day off: EXDATE on the yearly event, the moved day its own event
          ...(one.shape === 'yearly' ? (one.shifts ?? []).map((shift) => uid(`${one.key}.${shift.year}`)) : []),
        ];
        const actual = uids.flatMap((id) => {
          seen.add(id);
          return byUid.get(id) ?? [];
        });
        expect(actual.sort(), `${name(audience)} ${one.key}`).toEqual(expandSeries(one, RANGE).map(expected).sort());
      }
      expect([...byUid.keys()].filter((id) => !seen.has(id)), name(audience)).toEqual([]);
    }
  });
});
