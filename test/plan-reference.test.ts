/**
 * The plan encoding and the engine against the hand-written reference table: for the school
 * year 2025/26, every item × organization type falls on exactly the expected days, is a
 * standing duty where expected, and is absent for the types the order does not name.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../src/data/load.js';
import { occurrencesFor } from '../src/domain/engine.js';
import type { Dataset, OccurrenceResult } from '../src/domain/model.js';
import { expectationFor, itemsFor, REFERENCE, REFERENCE_PERIOD, REFERENCE_TYPES, type ReferenceType } from './reference/expected.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

let data: Dataset;
const byType = new Map<ReferenceType, OccurrenceResult>();

beforeAll(async () => {
  data = await loadDataset({ planFile: path.join(root, 'plan.json'), dataDir: path.join(root, 'data') });
  for (const type of REFERENCE_TYPES) byType.set(type, occurrencesFor(data, { kind: 'type', type }, REFERENCE_PERIOD));
});

function resultFor(type: ReferenceType): OccurrenceResult {
  const result = byType.get(type);
  if (!result) throw new Error(`no result for ${type}`);
  return result;
}

/** The seed breaks words across lines («законодатель- стве»); the plan may keep or mend that. */
const normalizeWording = (s: string): string =>
  s
    .replace(/(\p{L})- (\p{L})/gu, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();

const range = (o: { start: string; end: string }): string => `${o.start}..${o.end}`;
/** The order's days: a deadline moved off a day off keeps its order date in `orderDate`. */
const orderRange = (o: { start: string; end: string; orderDate?: string }): string =>
  o.orderDate === undefined ? range(o) : `${o.orderDate}..${o.orderDate}`;

describe.each(REFERENCE.map((r) => r.item))('item %i', (item) => {
  it.each(REFERENCE_TYPES)('%s', (type) => {
    const expected = expectationFor(item, type);
    const result = resultFor(type);
    const occurrences = result.occurrences.filter((o) => o.item === item && o.kind !== 'standing');
    const standing = result.standing.filter((s) => s.item === item);
    // the yearly «Постоянные обязанности» event names every standing item of the audience
    const inStandingEvent = result.occurrences.some((o) => o.kind === 'standing' && o.items?.includes(item));
    expect(inStandingEvent, 'standing duty in the agenda').toBe(standing.length > 0);

    if (expected.kind === 'absent') {
      expect(occurrences.map(range), 'occurrences of an item the type is not responsible for').toEqual([]);
      expect(standing, 'standing duties of an item the type is not responsible for').toEqual([]);
      return;
    }

    for (const o of [...occurrences, ...standing]) {
      expect(o.organizationTypes, `organization types of ${item}`).toContain(type);
      expect.soft(normalizeWording(o.wording), `wording of ${item} for ${type}`).toBe(normalizeWording(expected.wording));
    }

    switch (expected.kind) {
      case 'dates':
        expect(occurrences.map(orderRange).sort(), 'all-day occurrences (start..end)').toEqual(expected.dates.map(range).sort());
        expect(occurrences.every((o) => o.allDay)).toBe(true);
        if (expected.standing) expect(standing.length, 'also a standing duty').toBeGreaterThan(0);
        else expect(standing, 'no standing duty').toEqual([]);
        break;
      case 'standing':
        expect(occurrences.map(range), 'a standing duty has no dates').toEqual([]);
        expect(standing.length, 'listed as a standing duty').toBeGreaterThan(0);
        break;
      case 'daily': {
        const days = occurrences.map((o) => o.start).sort();
        const actual = new Set(days);
        const wanted = new Set(expected.all);
        expect(
          { missing: expected.all.filter((d) => !actual.has(d)), extra: days.filter((d) => !wanted.has(d)) },
          `${expected.days} days`,
        ).toEqual({ missing: [], extra: [] });
        expect(days.length, 'count (no day twice)').toBe(expected.count);
        for (const d of expected.includes) expect(days, `includes ${d}`).toContain(d);
        for (const d of expected.excludes) expect(days, `excludes ${d}`).not.toContain(d);
        expect(occurrences.every((o) => !o.allDay && o.start === o.end && o.time !== undefined)).toBe(true);
        expect(standing, 'no standing duty').toEqual([]);
        break;
      }
    }
  });
});

describe('nothing beyond the table', () => {
  it.each(REFERENCE_TYPES)('%s: only its items, and the reference year is complete', (type) => {
    const result = resultFor(type);
    const present = new Set([...result.occurrences.flatMap((o) => o.items ?? [o.item]), ...result.standing.map((o) => o.item)]);
    expect([...present].sort((a, b) => a - b)).toEqual(itemsFor(type));
    expect(result.missing).toEqual([]);
  });
});

describe('an organization that is a school and a kindergarten', () => {
  it('gets the union of its types’ items', () => {
    const organizations = data.registry.organizations.filter((o) => o.types.includes('general') && o.types.includes('preschool'));
    const organization = organizations.find((o) => o.types.length === 2) ?? organizations[0];
    expect(organization, 'a registry organization with types general and preschool').toBeDefined();
    if (!organization) return;
    const registered = data.organizationsById.get(organization.id);
    expect(registered).toBe(organization);

    const result = occurrencesFor(data, { kind: 'organization', organization: organization }, REFERENCE_PERIOD);
    const present = new Set([...result.occurrences.flatMap((o) => o.items ?? [o.item]), ...result.standing.map((o) => o.item)]);
    const expected = new Set(organization.types.flatMap((t) => itemsFor(t)));
    expect([...present].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
    // items only kindergartens have (2, 9, 10) and only schools have (3, 7, 8) are both there
    for (const only of [2, 3, 7, 8, 9, 10]) expect(present, `item ${only}`).toContain(only);
  });
});
