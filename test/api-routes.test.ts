/** The JSON API's resource routes: shapes against their schemas, headers, caching, errors. */
import { gunzipSync } from 'node:zlib';
import Type from 'typebox';
import { Compile } from 'typebox/compile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataModified } from '../src/domain/model.js';
import { ORGANIZATION_TYPE_IDS } from '../src/domain/schema.js';
import { ProblemDetails } from '../src/api/problem.js';
import { API_SCHEMAS, type ApiSchemaName, type Organization, type OrganizationList, type OrganizationTypeList, type PlanDocument } from '../src/api/schemas/index.js';
import { buildTestApp, PUBLIC_URL, type TestApp } from './helpers/app.js';

type Response = Awaited<ReturnType<TestApp['app']['inject']>>;

const problemValidator = Compile(ProblemDetails);

/** The body, after checking it against the named schema (every error listed on failure). */
function documentOf<T>(res: Response, name: ApiSchemaName): T {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  const body: unknown = res.json();
  const validator = Compile(API_SCHEMAS, Type.Ref(name));
  expect(validator.Errors(body).map((e) => `${e.instancePath} ${e.message}`)).toEqual([]);
  return body as T;
}

function problemOf(res: Response, status: number, parameter?: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toBe('application/problem+json');
  const problem: unknown = res.json();
  expect(problemValidator.Errors(problem)).toEqual([]);
  const checked = problem as ProblemDetails;
  expect(checked.status).toBe(status);
  expect(checked.detail).toMatch(/[а-яё]/i);
  expect(checked.parameter).toBe(parameter);
  return checked;
}

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });

describe('the schemas', () => {
  it('are keyed by their $id, and every reference names one of them', () => {
    const refs = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node !== null && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === '$ref' && typeof value === 'string') refs.add(value);
          else walk(value);
        }
      }
    };
    for (const [name, schema] of Object.entries(API_SCHEMAS)) {
      expect((schema as { $id?: string }).$id).toBe(name);
      walk(schema);
    }
    expect([...refs].filter((ref) => !(ref in API_SCHEMAS))).toEqual([]);
  });
});

describe('GET /api/plan', () => {
  it('gives every item with its schedules and rules, the standing duties and the feed', async () => {
    const plan = documentOf<PlanDocument>(await get('/api/plan'), 'PlanDocument');
    const data = t.store.current;
    expect(plan.dataVersion).toBe(data.version);
    expect(plan.meta.firstYear).toBe(data.plan.meta.firstYear);
    expect(plan.items.map((item) => item.number)).toEqual(data.plan.items.map((item) => item.number));
    for (const [index, item] of plan.items.entries()) {
      const source = data.plan.items[index];
      expect(item.schedules).toEqual(source?.schedules);
      expect(item.details).toEqual(source?.details ?? []);
      expect(item.footnotes).toEqual(source?.footnotes ?? []);
    }
    // Item 12: «до 10 сентября, в течение 3-х рабочих дней…» is a date rule and a standing duty.
    expect(plan.items.find((item) => item.number === 12)?.schedules[0]?.rules.map((rule) => rule.kind)).toEqual(['date', 'onChange']);
    expect(plan.standing.some((duty) => duty.item === 12 && duty.kind === 'onChange' && duty.title !== '')).toBe(true);
    expect(plan.feed).toEqual({ https: `${PUBLIC_URL}/feeds/all.ics`, webcal: 'webcal://eo.example.test/feeds/all.ics' });
    expect(plan.subsystems.map((subsystem) => subsystem.id)).toEqual(['sgo', 'e-uslugi']);
  });

  it('is cached with an ETag, answers 304 to it, and is gzip-compressed on request', async () => {
    const first = await get('/api/plan');
    expect(first.headers.etag).toMatch(/^"[\w-]{43}"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=300');
    expect(first.headers.vary).toBe('Accept-Encoding');
    expect(first.headers['last-modified']).toBe(dataModified(t.store.current).toUTCString());
    const again = await get('/api/plan', { 'if-none-match': String(first.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const gz = await get('/api/plan', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.etag).not.toBe(first.headers.etag);
    expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(first.body);
    const gz304 = await get('/api/plan', { 'accept-encoding': 'gzip', 'if-none-match': String(gz.headers.etag) });
    expect(gz304.statusCode).toBe(304);
  });

  it('lets any origin read it', async () => {
    const res = await get('/api/plan', { origin: 'https://school.example.org' });
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(String(res.headers['access-control-expose-headers'])).toContain('ETag');
  });

  it('refuses unknown and repeated parameters with a problem naming them', async () => {
    expect(problemOf(await get('/api/plan?format=xml'), 400, 'format').detail).toContain('не принимает параметров');
    problemOf(await get('/api/organizations?x=1&x=2'), 400, 'x');
  });
});

describe('GET /api/organization-types', () => {
  it('gives the three types with Russian names, their items and feeds', async () => {
    const doc = documentOf<OrganizationTypeList>(await get('/api/organization-types'), 'OrganizationTypeList');
    expect(doc.organizationTypes.map((type) => type.id)).toEqual([...ORGANIZATION_TYPE_IDS]);
    const preschool = doc.organizationTypes.find((type) => type.id === 'preschool');
    expect(preschool?.name).toBe('дошкольные образовательные организации');
    expect(preschool?.feed.https).toBe(`${PUBLIC_URL}/feeds/preschool.ics`);
    expect(preschool?.feed.webcal).toBe('webcal://eo.example.test/feeds/preschool.ics');
    for (const type of doc.organizationTypes) {
      const expected = t.store.current.plan.items
        .filter((item) => item.schedules.some((schedule) => schedule.organizationTypes.includes(type.id)))
        .map((item) => item.number);
      expect(type.items).toEqual(expected);
      expect(type.termSystem).toBe(t.store.current.schoolYears.defaults[type.id]);
    }
  });
});

describe('GET /api/organizations', () => {
  it('lists the registry in order, each organization as /api/organizations/{id} gives it', async () => {
    const list = documentOf<OrganizationList>(await get('/api/organizations'), 'OrganizationList');
    expect(list.organizations.map((o) => o.id)).toEqual(t.store.current.registry.organizations.map((o) => o.id));
    const first = list.organizations[0] as Organization;
    expect(documentOf<Organization>(await get(`/api/organizations/${first.id}`), 'Organization')).toEqual(first);
  });

  it('gives effective settings: default term system, 5-day week, month choices left open', async () => {
    const org = documentOf<Organization>(await get('/api/organizations/sosh-6'), 'Organization');
    expect(org.types).toEqual(['general', 'preschool']);
    expect(org.settings).toEqual({
      termSystem: 'quarters',
      weekDays: 5,
      dailyTime: '15:00',
      schoolHolidays: false,
      monthChoices: [{ item: 1, months: [1, 9], chosen: false }],
    });
    expect(org.feed).toEqual({ https: `${PUBLIC_URL}/feeds/organizations/sosh-6.ics`, webcal: 'webcal://eo.example.test/feeds/organizations/sosh-6.ics' });
  });

  it('gives the registry’s own choices: a chosen month, trimesters, a 6-day week', async () => {
    const sosh5 = documentOf<Organization>(await get('/api/organizations/sosh-5'), 'Organization');
    expect(sosh5.settings.monthChoices).toEqual([{ item: 1, months: [9], chosen: true }]);
    const gymnasium = documentOf<Organization>(await get('/api/organizations/gimnaziya-3'), 'Organization');
    expect(gymnasium.settings.termSystem).toBe('trimesters');
    // no trimester calendar in the data after 2025/26: provisional ones of that system, with the reason
    expect(gymnasium.schoolYears.map((y) => [y.schoolYear, y.source, y.termSystem, y.provisionalReason])).toEqual([
      ['2025-2026', 'municipal', 'trimesters', undefined],
      ['2026-2027', 'municipal', 'trimesters', 'учебный график 2026/27 ещё не утверждён'],
      ['2027-2028', 'municipal', 'trimesters', 'учебный график 2027/28 ещё не утверждён'],
      ['2028-2029', 'municipal', 'trimesters', 'учебный график 2028/29 ещё не утверждён'],
    ]);
    // the modular system: five one-week breaks
    expect(gymnasium.schoolYears[0]?.holidays.filter((h) => h.grades === undefined)).toHaveLength(5);
    const evening = documentOf<Organization>(await get('/api/organizations/ososh'), 'Organization');
    expect(evening.settings).toMatchObject({ weekDays: 6, dailyTime: '20:30' });
    const centre = documentOf<Organization>(await get('/api/organizations/cvr'), 'Organization');
    expect(centre.settings).toMatchObject({ weekDays: 6, schoolHolidays: true });
  });

  it('gives the municipal calendar per school year with terms, holidays and provisional flags', async () => {
    const org = documentOf<Organization>(await get('/api/organizations/licey-1'), 'Organization');
    expect(org.schoolYears.map((y) => [y.schoolYear, y.source, y.termSystem, y.provisional])).toEqual([
      ['2025-2026', 'municipal', 'quarters', false],
      ['2026-2027', 'municipal', 'quarters', true],
      ['2027-2028', 'municipal', 'quarters', true],
      ['2028-2029', 'municipal', 'quarters', true],
    ]);
    const [current, next] = org.schoolYears;
    expect(current?.terms.map((term) => term.name)).toEqual(['1-я четверть', '2-я четверть', '3-я четверть', '4-я четверть']);
    expect(current?.terms[0]).toMatchObject({ start: '2025-09-01', end: '2025-10-24', provisional: false });
    expect(current?.holidays.some((holiday) => holiday.grades?.includes(1))).toBe(true);
    expect(current?.finalAttestation.length).toBeGreaterThan(0);
    // Every date of a provisional school year is provisional.
    expect(next?.terms.every((term) => term.provisional)).toBe(true);
  });

  it('answers 404 problems for an unknown or malformed id', async () => {
    const unknown = problemOf(await get('/api/organizations/sosh-999'), 404);
    expect(unknown.detail).toContain('«sosh-999»');
    expect(unknown.detail).toContain(`${PUBLIC_URL}/api/organizations`);
    problemOf(await get('/api/organizations/SOSH_6'), 404);
  });
});

describe('an organization with its own school calendar', () => {
  let own: TestApp;
  beforeAll(async () => {
    own = await buildTestApp();
    await own.copy.editJson('data/organizations.json', (json) => {
      const organizations = json.organizations as { id: string; settings?: Record<string, unknown> }[];
      const target = organizations.find((o) => o.id === 'sosh-8');
      if (target === undefined) throw new Error('sosh-8 is not in the sample registry');
      target.settings = {
        schoolYears: {
          '2025-2026': {
            terms: [
              { name: '1-е полугодие', start: '2025-09-01', end: '2025-12-26' },
              { name: '2-е полугодие', start: '2026-01-12', end: '2026-05-29', provisional: true },
            ],
            holidays: [{ name: 'зимние каникулы', start: '2025-12-27', end: '2026-01-11' }],
          },
        },
      };
    });
    const result = await own.store.reload();
    expect(result.ok).toBe(true);
  });
  afterAll(async () => own.close());

  it('says the calendar is its own, and keeps the municipal one for the years it has none for', async () => {
    const res = await own.app.inject({ url: '/api/organizations/sosh-8' });
    const org = documentOf<Organization>(res, 'Organization');
    const [current, next] = org.schoolYears;
    expect(current).toMatchObject({ schoolYear: '2025-2026', source: 'own', provisional: false });
    expect(current?.termSystem).toBeUndefined();
    expect(current?.terms.map((term) => [term.name, term.end, term.provisional])).toEqual([
      ['1-е полугодие', '2025-12-26', false],
      ['2-е полугодие', '2026-05-29', true],
    ]);
    expect(next).toMatchObject({ schoolYear: '2026-2027', source: 'municipal', termSystem: 'quarters' });
  });
});
