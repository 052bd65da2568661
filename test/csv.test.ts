/**
 * The CSV documents, read back with a real CSV parser (csv-parse, as Excel and Google Sheets
 * read them: `;`, RFC 4180 quotes, a UTF-8 BOM) and compared row by row with the JSON of the
 * same query; hostile names stay quoted and inert.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inertCell } from '../src/render/csv/table.js';
import type { OccurrencesDocument, OrganizationList, PlanDocument } from '../src/api/schemas/index.js';
import { buildPagesApp, type PagesApp } from './helpers/pages.js';

// Hostile yet valid names (the text rules refuse control characters such as a raw newline):
// what a spreadsheet would run or split on — a leading = + - @, the separator ; and quotes.
const HOSTILE_CSV = {
  id: 'csv-hostile',
  name: '=HYPERLINK("http://evil.example";"жми"); школа "№ 1"',
  shortName: '+SUM(A1:A9);@cmd -1',
};
const HOSTILE_CSV_2 = {
  id: 'csv-hostile-2',
  name: '-2+3; школа «Дефис»',
  shortName: '@SUM(1;2)',
};

let pages: PagesApp;

beforeAll(async () => {
  pages = await buildPagesApp();
  await pages.copy.editJson('data/organizations.json', (json) => {
    (json['organizations'] as unknown[]).push({ ...HOSTILE_CSV, types: ['general'] }, { ...HOSTILE_CSV_2, types: ['general'] });
  });
  await pages.app.dataStore.reload();
});

afterAll(async () => {
  await pages?.close();
});

async function csvAndJson(path: string, jsonPath: string) {
  const csv = await pages.app.inject({ url: path });
  const json = await pages.app.inject({ url: jsonPath });
  expect(csv.statusCode, csv.body.slice(0, 300)).toBe(200);
  expect(json.statusCode).toBe(200);
  return { csv, json };
}

function rows(body: string): Record<string, string>[] {
  expect(body.startsWith('\uFEFF')).toBe(true);
  return parse(body, { bom: true, delimiter: ';', columns: true, relax_quotes: false, record_delimiter: '\r\n' });
}

/** What a spreadsheet cell holds for a JSON value. */
function cell(value: unknown): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.join(', ');
  return inertCell(typeof value === 'object' ? JSON.stringify(value) : (value as string | number | boolean));
}

describe('CSV', () => {
  it.each([
    'from=2025-09-01&to=2026-08-31&type=general',
    'from=2025-09-01&to=2025-09-30&organization=sosh-6&daily=1',
    'from=2026-01-01&to=2026-12-31&items=1,19,24',
  ])('/api/occurrences.csv?%s has the JSON occurrences, row by row', async (query) => {
    const { csv, json } = await csvAndJson(`/api/occurrences.csv?${query}`, `/api/occurrences?${query}`);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(csv.headers['etag']).toBeDefined();
    const document = json.json<OccurrencesDocument>();
    const parsed = rows(csv.body);
    expect(parsed.length).toBeGreaterThan(0);
    expect(parsed).toHaveLength(document.occurrences.length);
    const columns = Object.keys(parsed[0] ?? {});
    expect(columns).toEqual(['item', 'title', 'kind', 'start', 'end', 'allDay', 'time', 'wording', 'organizationTypes', 'label', 'provisional']);
    document.occurrences.forEach((o, i) => {
      const row = parsed[i] ?? {};
      for (const column of columns) expect(row[column], `${i} ${column}`).toBe(cell((o as Record<string, unknown>)[column]));
    });
  });

  it('/api/plan.csv has one row per schedule of every item, the JSON field names as columns', async () => {
    const { csv, json } = await csvAndJson('/api/plan.csv', '/api/plan');
    const plan = json.json<PlanDocument>();
    const expected = plan.items.flatMap((item) =>
      item.schedules.map((s) => ({ number: String(item.number), title: item.title, text: item.text, subsystems: cell(item.subsystems), organizationTypes: cell(s.organizationTypes), wording: s.wording })),
    );
    expect(rows(csv.body)).toEqual(expected);
  });

  it('hostile organization names come out quoted and inert', async () => {
    const { csv, json } = await csvAndJson('/api/organizations.csv', '/api/organizations');
    const list = json.json<OrganizationList>();
    const parsed = rows(csv.body);
    expect(parsed.map((r) => r['id'])).toEqual(list.organizations.map((o) => o.id));
    const hostile = parsed.find((r) => r['id'] === HOSTILE_CSV.id);
    // A spreadsheet keeps these as text: a leading = + - @ gets an apostrophe.
    expect(hostile?.['name']).toBe(`'${HOSTILE_CSV.name}`);
    expect(hostile?.['shortName']).toBe(`'${HOSTILE_CSV.shortName}`);
    const second = parsed.find((r) => r['id'] === HOSTILE_CSV_2.id);
    expect(second?.['name']).toBe(`'${HOSTILE_CSV_2.name}`);
    expect(second?.['shortName']).toBe(`'${HOSTILE_CSV_2.shortName}`);
    // On the wire: ; and " are inside one quoted field, quotes doubled.
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil.example"";""жми""); школа ""№ 1""";`);
    expect(csv.body).toContain(`;"'@SUM(1;2)";"'-2+3; школа «Дефис»";`);
    expect(csv.body).toContain(`;"'+SUM(A1:A9);@cmd -1";`);
    for (const row of parsed) for (const value of Object.values(row)) expect(value).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('refuses a bad query as the JSON route does', async () => {
    const res = await pages.app.inject({ url: '/api/occurrences.csv?from=2025-09-01&to=2025-08-01' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.json<{ parameter: string }>().parameter).toBe('to');
  });

  it('prefixes only what a spreadsheet would run', () => {
    expect(['=1', '+1', '-1', '@a', '\tx', 'a=b', '2026-09-01', '', 7, true].map((v) => inertCell(v))).toEqual([
      "'=1", "'+1", "'-1", "'@a", "'\tx", 'a=b', '2026-09-01', '', '7', 'true',
    ]);
  });
});
