/** The engine over the real plan.json and data/: consistency and cost at registry scale. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../src/data/load.js';
import { checkCalendarRules, occurrencesFor, seriesFor } from '../src/domain/engine.js';
import type { Audience, Dataset } from '../src/domain/model.js';
import type { Organization, TermCalendar } from '../src/domain/schema.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const YEAR = { from: '2025-09-01', to: '2026-08-31' };

let data: Dataset;
beforeAll(async () => {
  data = await loadDataset({ planFile: path.join(root, 'plan.json'), dataDir: path.join(root, 'data') });
});

const audiences = (): Audience[] => [
  { kind: 'all' },
  { kind: 'type', type: 'general' },
  { kind: 'type', type: 'preschool' },
  { kind: 'type', type: 'additional' },
  ...data.registry.organizations.map((organization): Audience => ({ kind: 'organization', organization })),
];

describe('the real data', () => {
  it('passes the calendar-rule checks', () => {
    expect(checkCalendarRules(data)).toEqual([]);
  });

  it('gives every audience sorted, uniquely keyed series and occurrences', () => {
    for (const audience of audiences()) {
      const { series } = seriesFor(data, audience);
      expect(new Set(series.map((s) => s.key)).size).toBe(series.length);
      const { occurrences } = occurrencesFor(data, audience, { from: '2025-01-01', to: '2027-12-31' });
      expect(new Set(occurrences.map((o) => o.key)).size).toBe(occurrences.length);
      expect(occurrences.map((o) => o.start)).toEqual(occurrences.map((o) => o.start).sort());
    }
  });

  it('puts item 5 for schools on 1 June 2026, and item 19 once per calendar group', () => {
    const all = occurrencesFor(data, { kind: 'all' }, YEAR);
    expect(all.occurrences.filter((o) => o.item === 5 && o.schedule === 0).map((o) => o.start)).toEqual(['2026-06-01']);
    const groups = new Set(all.occurrences.filter((o) => o.item === 19).map((o) => `${o.key.split('.')[3]}:${o.organizationTypes.join('+')}`));
    expect([...groups].sort()).toEqual(['halfYears:additional', 'quarters:general']);
    expect(all.missing).toEqual([]);
  });

  it('honours the sample organizations’ settings', () => {
    const org = (id: string): Audience => {
      const organization = data.organizationsById.get(id);
      if (!organization) throw new Error(id);
      return { kind: 'organization', organization };
    };
    const trimesters = occurrencesFor(data, org('gimnaziya-3'), YEAR, { items: [19] }).occurrences;
    expect(trimesters.map((o) => o.key.split('.')[3])).toEqual(['trimesters', 'trimesters', 'trimesters']);
    expect(occurrencesFor(data, org('sosh-5'), YEAR, { items: [1] }).occurrences.map((o) => o.label)).toEqual(['сентябрь']);
    const six = occurrencesFor(data, org('ososh'), YEAR, { items: [18] }).occurrences;
    expect(six.some((o) => o.start === '2025-09-06')).toBe(true);
  });

  it('marks the guessed 2026/27 calendar provisional and reports what it lacks', () => {
    const next = { from: '2026-09-01', to: '2027-08-31' };
    const general = occurrencesFor(data, { kind: 'type', type: 'general' }, next);
    const termEnds = general.occurrences.filter((o) => o.item === 19);
    expect(termEnds.length).toBeGreaterThan(0);
    expect(termEnds.every((o) => o.provisional)).toBe(true);
    expect(general.missing.map((m) => [m.schoolYear, m.what, m.items])).toContainEqual(['2026-2027', 'finalAttestation', [20]]);
  });
});

describe('at registry scale', () => {
  it('serves 10 000 organizations quickly, sharing the work of equal settings', () => {
    const base = data.registry.organizations;
    const quarters = data.schoolYears.years[0]?.systems.quarters as TermCalendar;
    const organizations: Organization[] = [];
    for (let i = 0; i < 10_000; i++) {
      const template = base[i % base.length] as Organization;
      // every 50th has its own calendar (a different last day), the rest share municipal ones
      const own = i % 50 === 0 ? { schoolYears: { '2025-2026': { ...quarters, terms: quarters.terms.map((t, k, a) => (k === a.length - 1 ? { ...t, end: `2026-05-${String(20 + (i % 7)).padStart(2, '0')}` } : t)) } } } : {};
      organizations.push({ ...template, id: `org-${i}`, settings: { ...template.settings, ...own } });
    }
    const started = performance.now();
    let total = 0;
    for (const organization of organizations) total += occurrencesFor(data, { kind: 'organization', organization }, YEAR).occurrences.length;
    const elapsed = performance.now() - started;
    expect(total).toBeGreaterThan(10_000 * 100);
    // generous for slow CI machines; measured locally well below
    expect(elapsed).toBeLessThan(20_000);
    console.log(`10 000 organizations: ${Math.round(elapsed)} ms, ${total} occurrences`);
  });
});
