import { describe, expect, it } from 'vitest';
import type { Audience, Dataset, SingleSeries } from '../src/domain/model.js';
import type { Item } from '../src/domain/schema.js';
import { DEFAULT_FEED_OPTIONS } from '../src/render/feed-options.js';
import { createFeedRenderer, type SeriesSource } from '../src/render/ics/calendar.js';
import { resolveStamp, serializeEventHistory, stampHistory, type EventHistory } from '../src/render/ics/history.js';
import { stampLedger } from '../scripts/stamp-history.js';
import {
  FIXTURE_SERIES,
  HOSTILE,
  PUBLIC_URL,
  QUARTER_2,
  UPDATED,
  eventBlocks,
  fixtureDataset,
  fixtureSource,
  propertyValue,
} from './helpers/ics.js';

const LATER = '2027-01-15T10:30:00Z';
const GENERAL: Audience = { kind: 'type', type: 'general' };
const ORG: Audience = { kind: 'organization', organization: HOSTILE };
const AUDIENCES: Audience[] = [{ kind: 'all' }, GENERAL, ORG];

function ledger(data: Dataset, source: SeriesSource, previous?: EventHistory): EventHistory {
  const renderer = createFeedRenderer(source);
  return stampHistory(
    AUDIENCES.flatMap((audience) => renderer.ledgerEvents(data, audience)),
    previous,
    data.plan.meta.updated,
  );
}

/** UID → [SEQUENCE, LAST-MODIFIED] of a feed. */
function stamps(data: Dataset, source: SeriesSource, audience: Audience = GENERAL, reminders: number[] = []): Map<string, [string, string]> {
  const text = createFeedRenderer(source).render(data, audience, { ...DEFAULT_FEED_OPTIONS, reminders }, { publicUrl: PUBLIC_URL });
  return new Map(
    eventBlocks(text).map((lines) => [
      propertyValue(lines, 'UID') ?? '',
      [propertyValue(lines, 'SEQUENCE') ?? '', propertyValue(lines, 'LAST-MODIFIED') ?? ''],
    ]),
  );
}

function later(data: Dataset, items = data.plan.items): Dataset {
  return { ...data, plan: { ...data.plan, meta: { ...data.plan.meta, updated: LATER }, items: [...items] } };
}

describe('resolveStamp', () => {
  const history: EventHistory = { a: { hash: '0123456789abcdef', sequence: 4, modified: '2026-03-01T00:00:00Z' } };
  it('keeps the ledger values for unchanged content', () => {
    expect(resolveStamp(history, 'a', '0123456789abcdef', LATER)).toEqual({ sequence: 4, modified: '2026-03-01T00:00:00Z' });
  });
  it('raises SEQUENCE and takes the data update time for changed content', () => {
    expect(resolveStamp(history, 'a', 'fedcba9876543210', LATER)).toEqual({ sequence: 5, modified: LATER });
  });
  it('starts new events at 0', () => {
    expect(resolveStamp(history, 'b', '0123456789abcdef', LATER)).toEqual({ sequence: 0, modified: LATER });
    expect(resolveStamp(undefined, 'a', '0123456789abcdef', LATER)).toEqual({ sequence: 0, modified: LATER });
    expect(resolveStamp(history, 'constructor', '0123456789abcdef', LATER)).toEqual({ sequence: 0, modified: LATER });
  });
});

describe('the event ledger', () => {
  const source = fixtureSource();
  const original = fixtureDataset();
  const history = ledger(original, source);

  it('renders every event at SEQUENCE 0 with the data update time when there is no ledger', () => {
    for (const [sequence, modified] of stamps(original, source).values()) {
      expect([sequence, modified]).toEqual(['0', '20261129T000000Z']);
    }
  });

  it('raises SEQUENCE and LAST-MODIFIED of changed events only', () => {
    const items: Item[] = original.plan.items.map((item) =>
      item.number === 3 ? { ...item, text: `${item.text} (уточнено)` } : item,
    );
    const changed = later(fixtureDataset(history, items));
    const after = stamps(changed, source);
    for (const [uid, stamp] of after) {
      if (uid.startsWith('i3.')) expect(stamp, uid).toEqual(['1', '20270115T103000Z']);
      else expect(stamp, uid).toEqual(['0', '20261129T000000Z']);
    }
    expect(after.has('i3.s0.r0.general@eo-calendar')).toBe(true);
  });

  it('notices a moved date', () => {
    const moved: SingleSeries = { ...QUARTER_2, start: '2025-12-26', end: '2025-12-26' };
    const movedSource = fixtureSource(FIXTURE_SERIES.map((series) => (series === QUARTER_2 ? moved : series)));
    const after = stamps(later(fixtureDataset(history)), movedSource);
    expect(after.get('i19.s0.r0.quarters.2025-2026.t2.general@eo-calendar')).toEqual(['1', '20270115T103000Z']);
    expect(after.get('i3.s0.r0.general@eo-calendar')).toEqual(['0', '20261129T000000Z']);
  });

  it('keeps the stamps when the data is touched but no event changes', () => {
    const after = stamps(later(fixtureDataset(history)), source);
    for (const stamp of after.values()) expect(stamp).toEqual(['0', '20261129T000000Z']);
  });

  it('does not count reminders or the site URL as content', () => {
    const withHistory = fixtureDataset(history);
    expect(stamps(withHistory, source, GENERAL, [1, 7])).toEqual(stamps(withHistory, source));
    const elsewhere = createFeedRenderer(source).ledgerEvents(withHistory, GENERAL);
    expect(elsewhere.every((event) => history[event.ledgerKey]?.hash === event.hash)).toBe(true);
  });

  it('gives the same bytes before and after stamping, so stamping never changes a feed', () => {
    const items: Item[] = original.plan.items.map((item) => (item.number === 1 ? { ...item, title: 'Документы' } : item));
    const unstamped = later(fixtureDataset(history, items));
    const stamped = later(fixtureDataset(ledger(unstamped, source, history), items));
    for (const audience of AUDIENCES) {
      const render = (data: Dataset) =>
        createFeedRenderer(source).render(data, audience, DEFAULT_FEED_OPTIONS, { publicUrl: PUBLIC_URL });
      expect(render(stamped)).toBe(render(unstamped));
      expect(render(stamped)).toMatch(/UID:i1\.s0\.r0\.m1\.[\w-]+@eo-calendar\r\nSEQUENCE:1\r\n/);
    }
  });

  it('keeps an organization’s own version of an event apart from the shared one', () => {
    const own: SingleSeries = { ...QUARTER_2, start: '2025-12-27', end: '2025-12-27' };
    const ownSource: SeriesSource = (data, audience, options) => {
      const result = source(data, audience, options);
      if (audience.kind !== 'organization') return result;
      return { ...result, series: result.series.map((series) => (series.key === QUARTER_2.key ? own : series)) };
    };
    const keys = createFeedRenderer(ownSource)
      .ledgerEvents(original, ORG)
      .map((event) => event.ledgerKey);
    expect(keys).toContain(`${QUARTER_2.key}.org-hostile-1`);
    expect(keys).toContain('i3.s0.r0');
    const stamped = ledger(original, ownSource);
    expect(Object.keys(stamped)).toEqual(expect.arrayContaining([QUARTER_2.key, `${QUARTER_2.key}.org-hostile-1`]));
  });

  it('never lowers SEQUENCE when an organization’s own event returns to the shared one', () => {
    const ownSource = (day: string): SeriesSource => (data, audience, options) => {
      const result = source(data, audience, options);
      if (audience.kind !== 'organization') return result;
      return { ...result, series: result.series.map((series) => (series.key === QUARTER_2.key ? { ...QUARTER_2, start: day, end: day } : series)) };
    };
    const uid = `${QUARTER_2.key}.org-hostile-1@eo-calendar`;
    // Own dates twice (two publications), then the organization drops them: back to the shared event.
    const first = ledger(original, ownSource('2025-12-27'));
    const second = ledger(later(fixtureDataset(first)), ownSource('2025-12-26'), first);
    const held = Number(stamps(later(fixtureDataset(second)), ownSource('2025-12-26'), ORG).get(uid)![0]);
    expect(held).toBe(1);
    expect(second[QUARTER_2.key]!.sequence).toBe(0);
    const back = stamps(later(fixtureDataset(second)), source, ORG).get(uid)!;
    expect(Number(back[0])).toBe(held + 1);
    // Stamped, the feed stays as it was rendered, and the next unchanged render keeps its SEQUENCE.
    const third = ledger(later(fixtureDataset(second)), source, second);
    expect(stamps(later(fixtureDataset(third)), source, ORG).get(uid)).toEqual(back);
    // The shared feeds never saw the organization's dates: their SEQUENCE stays.
    expect(stamps(later(fixtureDataset(third)), source).get(`${QUARTER_2.key}.general@eo-calendar`)![0]).toBe('0');
  });

  it('serializes deterministically with sorted keys', () => {
    const a: EventHistory = {
      'i2.s0.r0': { hash: '0000000000000002', sequence: 1, modified: UPDATED },
      'i10.s0.r0': { hash: '0000000000000010', sequence: 0, modified: UPDATED },
    };
    const b: EventHistory = { 'i10.s0.r0': a['i10.s0.r0']!, 'i2.s0.r0': a['i2.s0.r0']! };
    const text = serializeEventHistory(a);
    expect(serializeEventHistory(b)).toBe(text);
    expect(text.indexOf('"i10.s0.r0"')).toBeLessThan(text.indexOf('"i2.s0.r0"'));
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('refuses one ledger key with two contents', () => {
    expect(() =>
      stampHistory(
        [
          { ledgerKey: 'k', hash: '0000000000000001' },
          { ledgerKey: 'k', hash: '0000000000000002' },
        ],
        undefined,
        UPDATED,
      ),
    ).toThrow(/two different contents/);
  });
});

describe('data/event-history.json', () => {
  it('is up to date with the bundled data (npx tsx scripts/stamp-history.ts)', async () => {
    const { next, current } = await stampLedger('plan.json', 'data');
    expect(current).toBe(next);
  });
});
