/** `/api/occurrences`: what it returns for each audience and option, and every way a query is refused. */
import Type from 'typebox';
import { Compile } from 'typebox/compile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { occurrencesFor } from '../src/domain/engine.js';
import { ProblemDetails } from '../src/api/problem.js';
import { API_SCHEMAS, type OccurrencesDocument } from '../src/api/schemas/index.js';
import { MAX_RANGE_DAYS } from '../src/api/schemas/occurrences.js';
import { occurrencesDocument, occurrencesDocumentText } from '../src/render/json/occurrences.js';
import { buildTestApp, type TestApp } from './helpers/app.js';

type Response = Awaited<ReturnType<TestApp['app']['inject']>>;

const documentValidator = Compile(API_SCHEMAS, Type.Ref('OccurrencesDocument'));
const problemValidator = Compile(ProblemDetails);

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t.close());

const get = (query: string) => t.app.inject({ url: `/api/occurrences?${query}` });

async function occurrences(query: string): Promise<OccurrencesDocument> {
  const res = await get(query);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  const body: unknown = res.json();
  expect(documentValidator.Errors(body).map((e) => `${e.instancePath} ${e.message}`)).toEqual([]);
  return body as OccurrencesDocument;
}

function expectProblem(res: Response, status: number, parameter: string): ProblemDetails {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toBe('application/problem+json');
  const body: unknown = res.json();
  expect(problemValidator.Errors(body)).toEqual([]);
  const problem = body as ProblemDetails;
  expect(problem).toMatchObject({ status, parameter });
  expect(problem.detail).toMatch(/[а-яё]/i);
  return problem;
}

describe('occurrences of one type', () => {
  it('gives all-day deadlines with the last day inclusive and daily duties as Moscow date-times', async () => {
    const doc = await occurrences('from=2025-09-01&to=2025-09-30&type=general&daily=1');
    expect(doc).toMatchObject({ from: '2025-09-01', to: '2025-09-30', audience: { kind: 'type', type: 'general' }, daily: true });
    expect(doc.dataVersion).toBe(t.store.current.version);
    const september = doc.occurrences.find((o) => o.item === 15);
    expect(september).toMatchObject({ kind: 'month', start: '2025-09-01', end: '2025-09-30', allDay: true, wording: 'сентябрь' });
    expect(september?.time).toBeUndefined();
    const daily = doc.occurrences.find((o) => o.item === 18 && o.start.startsWith('2025-09-01'));
    expect(daily).toMatchObject({
      kind: 'daily',
      start: '2025-09-01T15:00:00+03:00',
      end: '2025-09-01T15:30:00+03:00',
      allDay: false,
      time: '15:00',
      organizationTypes: ['general'],
    });
    expect(daily?.title).toBe(t.store.current.plan.items.find((item) => item.number === 18)?.title);
  });

  it('is sorted by start and has exactly the engine’s occurrences', async () => {
    const doc = await occurrences('from=2025-09-01&to=2026-08-31&type=preschool');
    const starts = doc.occurrences.map((o) => o.start.slice(0, 10));
    expect(starts).toEqual([...starts].sort());
    // Daily duties are in by default, in the API as in the feeds.
    const engine = occurrencesFor(t.store.current, { kind: 'type', type: 'preschool' }, { from: '2025-09-01', to: '2026-08-31' }, { daily: true });
    expect(doc.occurrences.map((o) => `${o.item} ${o.start.slice(0, 10)} ${o.label ?? ''}`)).toEqual(
      engine.occurrences.map((o) => `${o.item} ${o.start} ${o.label ?? ''}`),
    );
    expect(doc.standing.map((duty) => duty.item)).toEqual(engine.standing.map((duty) => duty.item));
  });

  it('includes an occurrence that spans the start of the range', async () => {
    const doc = await occurrences('from=2026-08-15&to=2026-08-16&type=general');
    // Item 7, «Июнь-Август»: 1 June – 31 August.
    expect(doc.occurrences.find((o) => o.item === 7)).toMatchObject({ start: '2026-06-01', end: '2026-08-31' });
  });
});

describe('options', () => {
  it('leaves out daily duties with daily=0 and keeps only the listed items with items=', async () => {
    const noDaily = await occurrences('from=2025-09-01&to=2025-12-31&daily=0');
    expect(noDaily.daily).toBe(false);
    expect(noDaily.occurrences.length).toBeGreaterThan(0);
    expect(noDaily.occurrences.some((o) => !o.allDay || o.kind === 'daily')).toBe(false);
    const some = await occurrences('from=2025-09-01&to=2025-12-31&items=19,3,19');
    expect(some.items).toEqual([3, 19]);
    expect(new Set(some.occurrences.map((o) => o.item))).toEqual(new Set([19]));
    expect(some.standing).toEqual([]);
  });

  it('serves equal queries from one cached representation', async () => {
    const a = await get('from=2025-09-01&to=2025-12-31&items=19,3');
    const b = await get('items=3,19&to=2025-12-31&from=2025-09-01');
    expect(a.statusCode).toBe(200);
    expect(b.headers.etag).toBe(a.headers.etag);
    expect((await t.app.inject({ url: '/api/occurrences?from=2025-09-01&to=2025-12-31&items=3,19', headers: { 'if-none-match': String(a.headers.etag) } })).statusCode).toBe(304);
  });
});

describe('an organization', () => {
  it('gets the month it chose, its types’ duties and its standing duties', async () => {
    const doc = await occurrences('from=2026-01-01&to=2026-12-31&organization=sosh-5');
    expect(doc.audience).toEqual({ kind: 'organization', organization: 'sosh-5' });
    expect(doc.occurrences.filter((o) => o.item === 1).map((o) => o.start)).toEqual(['2026-09-01']);
    expect(doc.standing.some((duty) => duty.item === 12 && duty.kind === 'onChange')).toBe(true);
    const both = await occurrences('from=2026-01-01&to=2026-12-31&organization=sosh-6');
    expect(both.occurrences.filter((o) => o.item === 1).map((o) => o.start)).toEqual(['2026-01-01', '2026-09-01']);
    expect(new Set(both.occurrences.flatMap((o) => o.organizationTypes))).toEqual(new Set(['general', 'preschool']));
  });
});

describe('missing school years', () => {
  it('dates the school years the data lacks provisionally; only ГИА stays missing, said so in an occurrence', async () => {
    const doc = await occurrences('from=2027-09-01&to=2028-08-31&type=general');
    expect(doc.missing).toEqual([{ schoolYear: '2027-2028', what: 'finalAttestation', items: [20] }]);
    const terms = doc.occurrences.filter((o) => o.item === 19);
    expect(terms).toHaveLength(4);
    expect(terms.every((o) => o.provisional && o.provisionalReason === 'учебный график 2027/28 ещё не утверждён')).toBe(true);
    expect(doc.occurrences.find((o) => o.item === 20)).toMatchObject({ dateUnknown: true, provisional: true, label: 'ГИА-2028: сроки пока не известны' });
    // Yearly deadlines do not need a school calendar; 1.02.2028 is a Tuesday.
    expect(doc.occurrences.find((o) => o.item === 3)).toMatchObject({ start: '2028-02-01', orderDate: '2028-02-01', provisional: false });
    expect((await occurrences('from=2025-09-01&to=2026-08-31&type=general')).missing).toEqual([]);
    // beyond the horizon (current school year and two more) nothing is generated
    const later = await occurrences('from=2029-09-01&to=2029-12-31&type=general');
    expect(later.missing.find((m) => m.what === 'terms')).toMatchObject({ schoolYear: '2029-2030', termSystem: 'quarters' });
  });
});

describe('the range', () => {
  it(`accepts exactly ${MAX_RANGE_DAYS} days and refuses one more`, async () => {
    // 2025-09-01 … 2028-08-31: three school years, 29 February 2028 included.
    const longest = await occurrences('from=2025-09-01&to=2028-08-31&daily=0');
    const starts = longest.occurrences.map((o) => o.start);
    expect(starts[0]).toBe('2025-09-01');
    expect(starts.at(-1)).toBe('2028-08-01');
    const problem = expectProblem(await get('from=2025-09-01&to=2028-09-01'), 400, 'to');
    expect(problem.detail).toContain(String(MAX_RANGE_DAYS));
    expect((await get('from=2026-01-01&to=2026-01-01')).statusCode).toBe(200);
  });

  it('refuses a reversed range', async () => {
    expectProblem(await get('from=2026-01-02&to=2026-01-01'), 400, 'to');
  });

  it.each([
    ['from=2026-02-30&to=2026-03-31', 'from'],
    ['from=2026-02-01&to=2026-02-29', 'to'],
    ['from=2025-9-1&to=2026-01-01', 'from'],
    ['from=2025-09-01&to=tomorrow', 'to'],
    ['from=&to=2026-01-01', 'from'],
    ['to=2026-01-01', 'from'],
    ['from=2025-09-01', 'to'],
    ['', 'from'],
  ])('refuses %s, naming %s', async (query, parameter) => {
    expectProblem(await get(query), 400, parameter);
  });
});

describe('other refused queries', () => {
  const range = 'from=2025-09-01&to=2025-12-31';

  it('refuses type and organization together', async () => {
    const problem = expectProblem(await get(`${range}&type=general&organization=sosh-6`), 400, 'organization');
    expect(problem.detail).toContain('type');
  });

  it('answers 404 for an unknown organization and 400 for a malformed id', async () => {
    const problem = expectProblem(await get(`${range}&organization=sosh-999`), 404, 'organization');
    expect(problem.detail).toContain('«sosh-999»');
    expectProblem(await get(`${range}&organization=СОШ 6`), 400, 'organization');
  });

  it.each([
    ['type=schools', 'type'],
    ['items=99', 'items'],
    ['items=three', 'items'],
    ['daily=2', 'daily'],
    ['reminders=1', 'reminders'],
    ['from=2025-10-01', 'from'],
  ])('refuses %s, naming %s', async (extra, parameter) => {
    expectProblem(await get(`${range}&${extra}`), 400, parameter);
  });
});

describe('occurrencesDocumentText', () => {
  it('is byte for byte JSON.stringify of the document, on a first and a repeated call', async () => {
    const data = t.store.current;
    const organization = data.organizationsById.get('sosh-6');
    if (organization === undefined) throw new Error('sosh-6 missing from the bundled registry');
    for (const audience of [{ kind: 'all' } as const, { kind: 'organization', organization } as const]) {
      for (const options of [{ daily: true }, { daily: false, items: [5, 18, 19] }]) {
        const range = { from: '2025-09-01', to: '2028-08-30' };
        const expected = JSON.stringify(occurrencesDocument(data, audience, range, options));
        expect(occurrencesDocumentText(data, audience, range, options)).toBe(expected);
        expect(occurrencesDocumentText(data, audience, range, options)).toBe(expected);
      }
    }
  });
});
