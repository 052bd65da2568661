/**
 * Property tests (fast-check, bounded runs). The engine over random ranges and audiences of the
 * bundled data; arbitrary organization names through the registry's validation into a feed
 * (read back with ical.js) and into the organization page (read back by decoding the HTML).
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import ICAL from 'ical.js';
import { typography } from '../src/render/html/format.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadDataset } from '../src/data/load.js';
import type { DataStore } from '../src/data/store.js';
import { occurrencesFor } from '../src/domain/engine.js';
import type { Audience, Dataset, Occurrence } from '../src/domain/model.js';
import { ORGANIZATION_TYPE_IDS, TEXT_PATTERN, type Organization, type OrganizationTypeId, type Rule } from '../src/domain/schema.js';
import { buildDataset, type JsonFile } from '../src/domain/validate.js';
import { buildApp } from '../src/http/app.js';
import { DEFAULT_FEED_OPTIONS } from '../src/render/feed-options.js';
import { renderFeed } from '../src/render/ics/index.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const LOCATION = { planFile: path.join(ROOT, 'plan.json'), dataDir: path.join(ROOT, 'data') };
const TODAY = new Date('2026-02-03T09:00:00Z');

let data: Dataset;

beforeAll(async () => {
  data = await loadDataset(LOCATION);
});

// ---------------------------------------------------------------------------------------------
// The engine
// ---------------------------------------------------------------------------------------------

const FIRST_DAY = Date.UTC(2020, 0, 1);
const LAST_DAY = Date.UTC(2028, 11, 31);
const DAY = 86_400_000;

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Ranges within 2020..2028, up to about three years long; empty ranges (from = to) included. */
const rangeArb = fc
  .tuple(fc.integer({ min: 0, max: (LAST_DAY - FIRST_DAY) / DAY }), fc.integer({ min: 0, max: 1100 }))
  .map(([start, length]) => ({ from: isoDay(FIRST_DAY + start * DAY), to: isoDay(Math.min(LAST_DAY, FIRST_DAY + (start + length) * DAY)) }));

function audienceArb(): fc.Arbitrary<Audience> {
  return fc.oneof(
    fc.constant<Audience>({ kind: 'all' }),
    fc.constantFrom(...ORGANIZATION_TYPE_IDS).map((type): Audience => ({ kind: 'type', type })),
    fc.constantFrom(...data.registry.organizations).map((organization): Audience => ({ kind: 'organization', organization })),
  );
}

function typesOf(audience: Audience): readonly OrganizationTypeId[] {
  if (audience.kind === 'all') return ORGANIZATION_TYPE_IDS;
  return audience.kind === 'type' ? [audience.type] : audience.organization.types;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Where each annual rule starts in `year`, read from plan.json itself (not from the engine's
 * series): the day of a date or opening, the first of a month or of each month still to choose,
 * the first day of a span.
 */
function annualStarts(rule: Rule, year: number, chosen: number | undefined): string[] {
  switch (rule.kind) {
    case 'date':
    case 'opening':
      return [`${year}-${pad(rule.month)}-${pad(rule.day)}`];
    case 'month':
      return [`${year}-${pad(rule.month)}-01`];
    case 'span':
      return [`${year}-${pad(rule.start.month)}-${pad(rule.start.day)}`];
    case 'monthChoice':
      return (chosen !== undefined && rule.months.includes(chosen) ? [chosen] : rule.months).map((m) => `${year}-${pad(m)}-01`);
    default:
      return [];
  }
}

function compareOccurrences(a: Occurrence, b: Occurrence): number {
  const text = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return text(a.start, b.start) || a.item - b.item || a.schedule - b.schedule || a.rule - b.rule || text(a.key, b.key);
}

describe('engine over random ranges and audiences', () => {
  it('occurrences overlap the range, are sorted, unique, and every annual item appears in each full year', () => {
    fc.assert(
      fc.property(rangeArb, audienceArb(), fc.boolean(), (range, audience, daily) => {
        const { occurrences } = occurrencesFor(data, audience, range, { daily });
        const keys = new Set<string>();
        occurrences.forEach((occurrence, index) => {
          expect(occurrence.start <= range.to && occurrence.end >= range.from, `${occurrence.key} outside ${range.from}..${range.to}`).toBe(true);
          expect(occurrence.start <= occurrence.end).toBe(true);
          if (!daily) expect(occurrence.kind).not.toBe('daily');
          const previous = occurrences[index - 1];
          if (previous !== undefined) expect(compareOccurrences(previous, occurrence), `${previous.key} before ${occurrence.key}`).toBeLessThan(0);
          expect(keys.has(occurrence.key), `duplicate key ${occurrence.key}`).toBe(false);
          keys.add(occurrence.key);
        });

        // a deadline moved off a day off keeps the order's day in orderDate
        const present = new Set(occurrences.map((o) => `${o.item}/${o.schedule}/${o.rule}/${o.orderDate ?? o.start}`));
        const types = typesOf(audience);
        const choices = audience.kind === 'organization' ? audience.organization.settings?.monthChoices : undefined;
        const firstFull = Number(range.from.slice(0, 4)) + (range.from.endsWith('-01-01') ? 0 : 1);
        const lastFull = Number(range.to.slice(0, 4)) - (range.to.endsWith('-12-31') ? 0 : 1);
        for (let year = Math.max(firstFull, data.plan.meta.firstYear); year <= lastFull; year++) {
          for (const item of data.plan.items) {
            item.schedules.forEach((schedule, s) => {
              if (!schedule.organizationTypes.some((t) => types.includes(t))) return;
              schedule.rules.forEach((rule, r) => {
                for (const start of annualStarts(rule, year, choices?.[String(item.number)])) {
                  expect(present.has(`${item.number}/${s}/${r}/${start}`), `item ${item.number} (${rule.kind}) on ${start}`).toBe(true);
                }
              });
            });
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Arbitrary organization names: feed and page
// ---------------------------------------------------------------------------------------------

/**
 * What registries really contain and what breaks formats: TEXT specials, markup, quotes, emoji.
 * Raw line breaks, tabs and other controls are refused by the schema (TEXT_PATTERN; see
 * test/validate-text.test.ts), so names here are the valid ones.
 */
const SPECIALS = [';', ',', '\\', '"', "'", '`', '<', '>', '&', ':', ' ', '\u00A0', '«', '»', '№', '🎓', '👩🏽‍🏫', 'Ё', '&lt;', '\\n', '<script>', '</h1>'];
const VALID_TEXT = new RegExp(TEXT_PATTERN);

function nameArb(maxLength: number): fc.Arbitrary<string> {
  const unit = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...SPECIALS) },
    { weight: 5, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }) },
    { weight: 2, arbitrary: fc.constantFrom('Школа', 'МБОУ', 'СОШ', 'детский сад', 'г. Инта') },
  );
  return fc
    .array(unit, { minLength: 1, maxLength: 120 })
    .map((parts) => parts.join('').slice(0, maxLength))
    // Never half a surrogate pair after the cut, and never nothing but blanks.
    .map((name) => (/[\uD800-\uDBFF]$/.test(name) ? name.slice(0, -1) : name))
    .filter((name) => VALID_TEXT.test(name));
}

/** Long names are the rule in registries («Муниципальное бюджетное общеобразовательное учреждение…»): reach the limit. */
const fullNameArb = fc.oneof(nameArb(500), nameArb(500).map((name) => name.repeat(Math.ceil(500 / name.length)).slice(0, 500).replace(/[\uD800-\uDBFF]$/, '')));

interface RawFiles {
  readonly plan: JsonFile;
  readonly registry: JsonFile;
  readonly schoolYears: JsonFile;
  readonly workingDays: JsonFile[];
  readonly eventHistory: JsonFile;
}

async function readJson(file: string): Promise<JsonFile> {
  return { file: path.relative(ROOT, file), json: JSON.parse(await readFile(file, 'utf8')) as unknown };
}

async function rawFiles(): Promise<RawFiles> {
  const workingDir = path.join(LOCATION.dataDir, 'working-days');
  const years = (await readdir(workingDir)).filter((n) => n.endsWith('.json')).sort();
  return {
    plan: await readJson(LOCATION.planFile),
    registry: await readJson(path.join(LOCATION.dataDir, 'organizations.json')),
    schoolYears: await readJson(path.join(LOCATION.dataDir, 'school-years.json')),
    workingDays: await Promise.all(years.map((n) => readJson(path.join(workingDir, n)))),
    eventHistory: await readJson(path.join(LOCATION.dataDir, 'event-history.json')),
  };
}

const NAMED_ID = 'named-by-property';
let version = 0;

/** The bundled data with one more organization, through the same validation the loader runs. */
function withOrganization(files: RawFiles, name: string, shortName: string): { dataset: Dataset; organization: Organization } {
  const registry = structuredClone(files.registry.json) as { organizations: unknown[] };
  registry.organizations.push({ id: NAMED_ID, name, shortName, types: ['general', 'preschool'], settings: { weekDays: 6 } });
  const dataset = buildDataset({ ...files, registry: { file: files.registry.file, json: registry } }, `property-${++version}`);
  const organization = dataset.organizationsById.get(NAMED_ID);
  if (organization === undefined) throw new Error('organization missing after validation');
  return { dataset, organization };
}

/** RFC 5545 §3.3.11 TEXT, written out here rather than taken from the renderer it checks. */
function escapeIcsText(text: string): string {
  return text.replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/** iCalendar TEXT has one line break (`\n`): CRLF and a lone CR come back as LF. */
function asIcsText(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** The characters an HTML parser would read from the source, outside tags. */
function decodeHtml(source: string): string {
  return source
    .replace(/<[^>]*>/g, '\u0000')
    .replace(/&(?:#(\d+)|#x([0-9a-f]+)|([a-z]+));/gi, (whole, dec: string | undefined, hex: string | undefined, named: string | undefined) => {
      if (dec !== undefined) return String.fromCodePoint(Number(dec));
      if (hex !== undefined) return String.fromCodePoint(Number.parseInt(hex, 16));
      return ENTITIES[(named ?? '').toLowerCase()] ?? whole;
    });
}

/**
 * ical.js reads NAME (RFC 7986) and X- properties as raw values; calendar clients read them as
 * TEXT. Teach this test's ical.js the same, so it unescapes them by its own TEXT rules.
 */
function readCalendarNamesAsText(): void {
  const properties = ICAL.design.icalendar.property as Record<string, { defaultType: string }>;
  properties['name'] = { defaultType: 'text' };
  properties['x-wr-calname'] = { defaultType: 'text' };
}

describe('arbitrary organization names', () => {
  let files: RawFiles;
  let app: FastifyInstance;
  let current: Dataset;

  beforeAll(async () => {
    readCalendarNamesAsText();
    files = await rawFiles();
    current = data;
    // One app whose data set each case replaces: representations are keyed by version, so no case sees another's page.
    const store: DataStore = {
      get current() {
        return current;
      },
      get snapshot() {
        return { dataset: current, loadedAt: TODAY };
      },
      lastReloadError: undefined,
      reload: async () => ({ ok: true, version: current.version, changed: false }),
    };
    app = await buildApp({ store, config: { publicUrl: 'https://eo.example.test', ...LOCATION, cacheEntries: 10 }, clock: () => TODAY });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('survive the feed: the raw NAME and X-WR-CALNAME lines are the name as RFC 5545 TEXT, and ical.js reads it back', () => {
    fc.assert(
      fc.property(fullNameArb, nameArb(200), (name, shortName) => {
        const { dataset, organization } = withOrganization(files, name, shortName);
        const audience: Audience = { kind: 'organization', organization };
        const text = renderFeed(dataset, audience, DEFAULT_FEED_OPTIONS, { publicUrl: 'https://eo.example.test' });
        const title = asIcsText(`ГИС ЭО: ${shortName}`);
        const physical = text.split('\r\n');
        expect(physical.at(-1)).toBe('');
        for (const line of physical) {
          // A name's line break never breaks the content line; a fold never splits a character.
          expect(line).not.toMatch(/[\r\n]/);
          expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
          expect(line).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
        }
        const logical = text.replace(/\r\n[ \t]/g, '').split('\r\n');
        for (const property of ['NAME', 'X-WR-CALNAME']) {
          const lines = logical.filter((line) => line.startsWith(`${property}:`));
          expect(lines, property).toHaveLength(1);
          const value = (lines[0] ?? '').slice(property.length + 1);
          // RFC 5545 §3.3.11: only escaped backslashes, semicolons, commas and line breaks, no
          // control character but HTAB.
          // eslint-disable-next-line no-control-regex -- finding control characters is the point
          expect(value).toMatch(/^(?:[^\\;,\x00-\x08\x0a-\x1f\x7f]|\\[\\;,nN])*$/);
          expect(value).toBe(escapeIcsText(title));
        }
        const calendar = new ICAL.Component(ICAL.parse(text));
        expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(title);
        expect(calendar.getFirstPropertyValue('name')).toBe(title);
        // Every event survived too: the feed is one calendar with all its events, none cut short by the name.
        expect(calendar.getAllSubcomponents('vevent').length).toBeGreaterThan(10);
      }),
      { numRuns: 40 },
    );
  });

  it('survive the organization page: escaped in the source, the same text once decoded', async () => {
    await fc.assert(
      fc.asyncProperty(fullNameArb, nameArb(200), async (name, shortName) => {
        const { dataset } = withOrganization(files, name, shortName);
        current = dataset;
        const response = await app.inject({ method: 'GET', url: `/organizations/${NAMED_ID}` });
        expect(response.statusCode).toBe(200);
        const source = response.body;
        const decoded = decodeHtml(source);
        // Names pass through the pages' typography (no-break space after «№», „inner“ quotes).
        expect(decoded).toContain(typography(name));
        expect(decoded).toContain(typography(shortName));
        for (const text of [name, shortName]) {
          // Markup in a name must arrive as text: a raw name with `<` never appears in the source.
          // (Not so for `&` alone: a raw «Школа&» is a prefix of the escaped «Школа&amp;»; the
          // decoded comparison above covers `&`.)
          if (text.includes('<') && text.length >= 6) expect(source.includes(text), `raw ${JSON.stringify(text.slice(0, 40))}`).toBe(false);
        }
        expect(source).not.toMatch(/<script>(?!<\/script>)/);
      }),
      { numRuns: 25 },
    );
  });
});
