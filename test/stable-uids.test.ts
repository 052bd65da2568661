/**
 * Issue 10, stable UIDs: entering the real 2027/28 school calendar (a test data set) moves the
 * provisional events instead of duplicating them — same UIDs, higher SEQUENCE, no provisional
 * mark; inserting a rule before another and reordering schedules re-key nothing else, because
 * keys come from plan.json's schedule and rule ids, not from positions. Plus the id checks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Audience, Dataset } from '../src/domain/model.js';
import type { Item, Plan, SchoolYear } from '../src/domain/schema.js';
import { findIssues } from '../src/domain/validate.js';
import { DEFAULT_FEED_OPTIONS } from '../src/render/feed-options.js';
import { historyFor, renderFeed } from '../src/render/ics/index.js';
import { PUBLIC_URL, bundledAudiences, bundledDataset, eventBlocks, propertyValue } from './helpers/ics.js';

/** The real calendar of 2027/28 as the municipality might enter it (dates differ from the pattern's). */
const REAL_2027_28: SchoolYear = {
  id: '2027-2028',
  source: 'тест: утверждённый график',
  systems: {
    quarters: {
      terms: [
        { name: '1-я четверть', start: '2027-09-01', end: '2027-10-22' },
        { name: '2-я четверть', start: '2027-11-01', end: '2027-12-29' },
        { name: '3-я четверть', start: '2028-01-10', end: '2028-03-24' },
        { name: '4-я четверть', start: '2028-04-03', end: '2028-05-25' },
      ],
      holidays: [
        { name: 'осенние каникулы', start: '2027-10-23', end: '2027-10-31' },
        { name: 'зимние каникулы', start: '2027-12-30', end: '2028-01-09' },
        { name: 'весенние каникулы', start: '2028-03-25', end: '2028-04-02' },
      ],
    },
    trimesters: {
      terms: [
        { name: '1-й триместр', start: '2027-09-01', end: '2027-11-12' },
        { name: '2-й триместр', start: '2027-11-22', end: '2028-02-18' },
        { name: '3-й триместр', start: '2028-02-28', end: '2028-05-19' },
      ],
      holidays: [],
    },
    halfYears: {
      terms: [
        { name: '1-е полугодие', start: '2027-09-01', end: '2027-12-29' },
        { name: '2-е полугодие', start: '2028-01-10', end: '2028-05-25' },
      ],
      holidays: [],
    },
  },
  finalAttestation: [{ name: 'ГИА-2028, основной период', end: '2028-07-07' }],
};

let data: Dataset;
beforeAll(async () => {
  const bundled = await bundledDataset();
  // the ledger as `npm run stamp` leaves it for the bundled data
  data = { ...bundled, eventHistory: historyFor(bundled, bundled.eventHistory) };
});

interface Event {
  readonly sequence: number;
  readonly summary: string;
  readonly start: string;
}

function events(d: Dataset, audience: Audience): Map<string, Event> {
  const text = renderFeed(d, audience, DEFAULT_FEED_OPTIONS, { publicUrl: PUBLIC_URL });
  return new Map(
    eventBlocks(text).map((block) => [
      propertyValue(block, 'UID') ?? '',
      { sequence: Number(propertyValue(block, 'SEQUENCE')), summary: propertyValue(block, 'SUMMARY') ?? '', start: propertyValue(block, 'DTSTART') ?? '' },
    ]),
  );
}

const withPlan = (d: Dataset, edit: (items: Item[]) => Item[]): Dataset => {
  const plan: Plan = { ...d.plan, items: edit(structuredClone(d.plan.items)) };
  return { ...d, plan };
};

describe('entering the real 2027/28 dates', () => {
  it('keeps every UID, raises SEQUENCE of the moved events and drops their provisional mark', () => {
    const real: Dataset = {
      ...data,
      plan: { ...data.plan, meta: { ...data.plan.meta, updated: '2026-12-20T00:00:00Z' } },
      schoolYears: { ...data.schoolYears, years: [...data.schoolYears.years, REAL_2027_28] },
    };
    let moved = 0;
    for (const audience of bundledAudiences(data)) {
      const before = events(data, audience);
      const after = events(real, audience);
      const lost = [...before.keys()].filter((uid) => !after.has(uid));
      expect(lost, JSON.stringify(audience.kind === 'organization' ? audience.organization.id : audience)).toEqual([]);
      for (const [uid, old] of before) {
        if (!uid.includes('2027-2028') || !/^(i5|i19|i20)\./.test(uid)) continue;
        const now = after.get(uid) as Event;
        expect(old.summary, uid).toMatch(/\(предварительно\)$|не известны$/);
        expect(now.summary, uid).not.toContain('предварительно');
        if (now.start !== old.start || now.summary !== old.summary) {
          expect(now.sequence, uid).toBe(old.sequence + 1);
          moved++;
        }
      }
    }
    expect(moved).toBeGreaterThan(50);
  });

  it('moves the ГИА notice onto the real date', () => {
    const general: Audience = { kind: 'type', type: 'general' };
    const real: Dataset = { ...data, schoolYears: { ...data.schoolYears, years: [...data.schoolYears.years, REAL_2027_28] } };
    const uid = 'i20.s0.r0.2027-2028.a1.general@eo-calendar';
    expect(events(data, general).get(uid)).toMatchObject({ start: '20280601' });
    expect(events(real, general).get(uid)).toMatchObject({ start: '20280707', summary: 'п. 20. Сведения об итоговой аттестации — ГИА-2028\\, основной период' });
  });
});

describe('editing plan.json', () => {
  const uidsOf = (d: Dataset) => new Map(bundledAudiences(d).flatMap((a) => [...events(d, a)].map(([uid, e]) => [uid, e] as const)));

  it('inserting a rule before another changes no other UID', () => {
    const inserted = withPlan(data, (items) =>
      items.map((item) =>
        item.number !== 12
          ? item
          : { ...item, schedules: item.schedules.map((s) => ({ ...s, rules: [{ id: 'r2', kind: 'month' as const, month: 3 }, ...s.rules] })) },
      ),
    );
    const before = uidsOf(data);
    const after = uidsOf(inserted);
    expect([...before.keys()].filter((uid) => !after.has(uid))).toEqual([]);
    const added = [...after.keys()].filter((uid) => !before.has(uid));
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((uid) => uid.startsWith('i12.s0.r2.'))).toBe(true);
  });

  it('reordering schedules changes no UID', () => {
    const reordered = withPlan(data, (items) => items.map((item) => (item.number === 14 || item.number === 5 ? { ...item, schedules: [...item.schedules].reverse() } : item)));
    expect([...uidsOf(reordered).keys()].sort()).toEqual([...uidsOf(data).keys()].sort());
  });
});

describe('schedule and rule ids', () => {
  const plan = (): Plan => structuredClone(data.plan);
  const issues = (p: Plan, history?: Record<string, unknown>) =>
    findIssues({
      plan: { file: 'plan.json', json: p },
      workingDays: [],
      ...(history === undefined ? {} : { eventHistory: { file: 'data/event-history.json', json: { events: history } } }),
    }).map((i) => `${i.file}: ${i.path}: ${i.message}`);

  it('are unique within their item and schedule', () => {
    const p = plan();
    const item14 = p.items.find((i) => i.number === 14) as Item;
    (item14.schedules[1] as { id: string }).id = 's0';
    const item12 = p.items.find((i) => i.number === 12) as Item;
    (item12.schedules[0]?.rules[1] as { id: string }).id = 'r0';
    expect(issues(p)).toEqual([
      expect.stringMatching(/^plan\.json: \/items\/11\/schedules\/0\/rules\/1\/id: идентификатор правила «r0» уже есть/),
      expect.stringMatching(/^plan\.json: \/items\/13\/schedules\/1\/id: идентификатор срока «s0» уже есть/),
    ]);
  });

  it('are never reused once retired', () => {
    const p = plan();
    const item3 = p.items.find((i) => i.number === 3) as Item & { retiredIds?: string[] };
    item3.retiredIds = ['r0'];
    expect(issues(p)).toEqual([expect.stringMatching(/^plan\.json: \/items\/2\/schedules\/0\/rules\/0\/id: идентификатор «r0» выведен из употребления/)]);
  });

  it('must be retired when a rule with events in the ledger is removed', () => {
    const p = plan();
    const item12 = p.items.find((i) => i.number === 12) as Item & { retiredIds?: string[] };
    const schedule = item12.schedules[0] as { rules: unknown[] };
    schedule.rules = schedule.rules.slice(1);
    const entry = { hash: '0123456789abcdef', sequence: 0, modified: '2026-11-29T00:00:00Z' };
    expect(issues(p, { 'i12.s0.r0': entry, 'i12.s0.r0.2028': entry })).toEqual([
      expect.stringMatching(/^data\/event-history\.json: \/events\/i12\.s0\.r0: в плане у пункта 12 больше нет правила «r0».*retiredIds/),
    ]);
    item12.retiredIds = ['r0'];
    expect(issues(p, { 'i12.s0.r0': entry })).toEqual([]);
  });
});
