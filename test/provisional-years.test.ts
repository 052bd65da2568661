/**
 * Issue 10, «calendars for every year»: every bundled feed (each type, each organization of
 * the sample registry), expanded by ical.js, and the JSON API date items 5, 18, 19 and 24 in
 * 2026/27, 2027/28 and 2028/29; what comes from provisional data says so in the title and in
 * the JSON; and every item an audience has is named by an X-PLAN-ITEM in each of those years.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Audience, Dataset } from '../src/domain/model.js';
import { DEFAULT_FEED_OPTIONS } from '../src/render/feed-options.js';
import { renderFeed } from '../src/render/ics/index.js';
import { occurrencesDocument } from '../src/render/json/occurrences.js';
import { agenda, schoolYearRange, type AgendaEntry } from './helpers/agenda.js';
import { PUBLIC_URL, bundledAudiences, bundledDataset } from './helpers/ics.js';

const YEARS = ['2026-2027', '2027-2028', '2028-2029'] as const;
const MARK = '(предварительно)';

let data: Dataset;
const agendas = new Map<Audience, AgendaEntry[]>();

beforeAll(async () => {
  data = await bundledDataset();
  for (const audience of bundledAudiences(data).filter((a) => a.kind !== 'all')) {
    agendas.set(audience, agenda(renderFeed(data, audience, DEFAULT_FEED_OPTIONS, { publicUrl: PUBLIC_URL }), '2029-08-31'));
  }
});

const name = (a: Audience) => (a.kind === 'type' ? a.type : a.kind === 'organization' ? a.organization.id : 'all');
const typesOf = (a: Audience) => (a.kind === 'type' ? [a.type] : a.kind === 'organization' ? a.organization.types : []);

/** Items the plan gives the audience's types (dated or standing). */
function itemsOf(audience: Audience): number[] {
  const types = typesOf(audience);
  return data.plan.items.filter((i) => i.schedules.some((s) => s.organizationTypes.some((t) => types.includes(t)))).map((i) => i.number);
}

describe('items 5, 18, 19 and 24 in every school year up to 2028/29', () => {
  it('are in every feed and in the JSON, provisional ones marked in both', () => {
    for (const [audience, entries] of agendas) {
      const wanted = [5, 18, 19, 24].filter((n) => itemsOf(audience).includes(n));
      for (const year of YEARS) {
        const { from, to } = schoolYearRange(year);
        const json = occurrencesDocument(data, audience, { from, to }, { daily: true }).occurrences.filter((o) => wanted.includes(o.item));
        const feed = entries.filter((e) => e.day >= from && e.day <= to && e.items.some((n) => wanted.includes(n)));
        const where = `${name(audience)} ${year}`;
        expect([...new Set(json.map((o) => o.item))].sort((a, b) => a - b), `${where} JSON`).toEqual(wanted);
        expect([...new Set(feed.flatMap((e) => e.items))].sort((a, b) => a - b), `${where} feed`).toEqual(wanted);
        // the same days, and the same provisional flag: SUMMARY mark in the feed, provisional + reason in the JSON
        const feedDays = new Map(feed.map((e) => [`${e.items[0]}|${e.day}`, e.summary.endsWith(MARK)]));
        for (const o of json) {
          const key = `${o.item}|${o.start.slice(0, 10)}`;
          expect(feedDays.get(key), `${where} ${key}`).toBe(o.provisional);
          if (o.provisional) expect(o.provisionalReason, `${where} ${key}`).toMatch(/ещё не утверждён|не сверен/);
        }
        // nothing after 2026/27 is in the data: every school-calendar date there is generated
        if (year !== '2026-2027') {
          for (const o of json.filter((one) => one.item !== 5 || one.kind === 'schoolYearEnd')) {
            expect(o.provisional, `${where} item ${o.item} ${o.start}`).toBe(true);
          }
        }
      }
    }
  });

  it('names the generated school year in the reason', () => {
    const general: Audience = { kind: 'type', type: 'general' };
    const doc = occurrencesDocument(data, general, schoolYearRange('2028-2029'), { daily: false, items: [19] });
    expect(doc.occurrences.map((o) => o.provisionalReason)).toEqual(Array(4).fill('учебный график 2028/29 ещё не утверждён'));
    expect(doc.missing).toEqual([]);
  });
});

describe('every item of an audience is in its agenda in every school year', () => {
  it('standing duties and not-yet-known dates (item 20) included', () => {
    for (const [audience, entries] of agendas) {
      for (const year of YEARS) {
        const { from, to } = schoolYearRange(year);
        const named = new Set(entries.filter((e) => e.day >= from && e.day <= to).flatMap((e) => e.items));
        const missing = itemsOf(audience).filter((n) => !named.has(n));
        expect(missing, `${name(audience)} ${year}`).toEqual([]);
      }
    }
  });

  it('says that the ГИА dates are not known yet, in an event', () => {
    const entries = agendas.get([...agendas.keys()].find((a) => a.kind === 'type' && a.type === 'general') as Audience) ?? [];
    expect(entries.filter((e) => e.items.includes(20) && e.day >= '2026-10-01').map((e) => [e.day, e.summary])).toEqual([
      ['2027-06-01', 'п. 20. Сведения об итоговой аттестации — ГИА-2027: сроки пока не известны'],
      ['2028-06-01', 'п. 20. Сведения об итоговой аттестации — ГИА-2028: сроки пока не известны'],
      ['2029-06-01', 'п. 20. Сведения об итоговой аттестации — ГИА-2029: сроки пока не известны'],
    ]);
  });

  it('lists the standing duties once per school year, one X-PLAN-ITEM each', () => {
    const preschool = [...agendas].find(([a]) => a.kind === 'type' && a.type === 'preschool')?.[1] ?? [];
    const standing = preschool.filter((e) => e.summary.startsWith('Постоянные обязанности по ГИС ЭО'));
    expect(standing.map((e) => [e.day, e.items])).toEqual([
      ['2025-09-01', [9, 10, 12, 17, 21, 22, 23, 26]],
      ['2026-09-01', [9, 10, 12, 17, 21, 22, 23, 26]],
      ['2027-09-01', [9, 10, 12, 17, 21, 22, 23, 26]],
      ['2028-09-01', [9, 10, 12, 17, 21, 22, 23, 26]],
    ]);
  });
});
