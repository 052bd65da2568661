import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CalendarImportError,
  convertXmlCalendar,
  formatWorkingDaysYear,
} from '../scripts/import-working-days.js';
import { Registry, SchoolYears, WorkingDaysYear, type DateRange } from '../src/domain/schema.js';

const root = resolve(import.meta.dirname, '..');
const fixtures = join(root, 'test/fixtures/xmlcalendar');
const sharedCalendars = resolve(root, 'sources/production-calendar/ru');
const workingDaysDir = join(root, 'data/working-days');

async function convertFixture(name: string, verified = false): Promise<WorkingDaysYear> {
  return convertXmlCalendar(await readFile(join(fixtures, name), 'utf8'), { fileName: name, verified });
}

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8')) as unknown;
}

describe('convertXmlCalendar', () => {
  it('maps day types, holiday titles and transfers, sorted by date', async () => {
    const result = await convertFixture('transfers-2024.xml', true);
    expect(result.year).toBe(2024);
    expect(result.generated).toBe('2023-09-30');
    expect(result.verified).toBe(true);
    expect(result.source).toContain('transfers-2024.xml');
    expect(result.source).toContain('сформирован 30.09.2023');
    expect(result.days).toEqual([
      { date: '2024-01-01', type: 'nonWorking', holiday: 'Новогодние каникулы' },
      { date: '2024-01-07', type: 'nonWorking', holiday: 'Рождество Христово' },
      { date: '2024-02-29', type: 'shortened' },
      { date: '2024-04-27', type: 'working' },
      { date: '2024-04-29', type: 'nonWorking', movedFrom: '2024-04-27' },
      // Moved from a LATER day of the same year: a "far month means previous year" guess would break here.
      { date: '2024-04-30', type: 'nonWorking', movedFrom: '2024-11-02' },
      { date: '2024-05-01', type: 'nonWorking', holiday: 'Праздник Весны и Труда' },
      { date: '2024-11-02', type: 'shortened' },
      { date: '2024-12-31', type: 'nonWorking', movedFrom: '2024-01-07' },
    ]);
    expect(Value.Check(WorkingDaysYear, result)).toBe(true);
  });

  it('reads January transfers in the calendar year (Saturday 3 and Sunday 4 January 2026)', async () => {
    const { days } = await convertFixture('january-transfer-2026.xml');
    expect(days.filter((d) => d.movedFrom)).toEqual([
      { date: '2026-01-09', type: 'nonWorking', movedFrom: '2026-01-03' },
      { date: '2026-12-31', type: 'nonWorking', movedFrom: '2026-01-04' },
    ]);
  });

  it('accepts a file without a generation date and says so', async () => {
    const result = await convertFixture('no-date.xml');
    expect(result.generated).toBeUndefined();
    expect(result.source).toContain('дата формирования не указана');
  });

  it('is deterministic and ends with a newline', async () => {
    const a = formatWorkingDaysYear(await convertFixture('transfers-2024.xml'));
    const b = formatWorkingDaysYear(await convertFixture('transfers-2024.xml'));
    expect(a).toBe(b);
    expect(a.endsWith('}\n')).toBe(true);
  });

  it.each([
    ['not-xml.xml', /некорректный XML/],
    ['no-year.xml', /нет атрибута year/],
    ['bad-d.xml', /d="1\.5" — не день в формате ММ\.ДД/],
    ['impossible-date.xml', /d="02\.30": такого дня нет в 2026 году/],
    ['leap-day-in-common-year.xml', /d="02\.29": такого дня нет в 2025 году/],
    ['bad-type.xml', /t="4"/],
    ['unknown-holiday.xml', /нет праздника с id="9"/],
    ['weekday-transfer.xml', /не суббота и не воскресенье/],
    ['duplicate-day.xml', /указан дважды/],
    ['other-country.xml', /country="by"/],
  ])('rejects %s', async (name, message) => {
    const attempt = convertFixture(name);
    await expect(attempt).rejects.toBeInstanceOf(CalendarImportError);
    await expect(attempt).rejects.toThrow(message);
  });
});

describe('import-working-days command', () => {
  const run = promisify(execFile);
  const tsx = join(root, 'node_modules/.bin/tsx');
  const script = join(root, 'scripts/import-working-days.ts');
  let out: string;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'working-days-'));
  });
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('writes <out>/<year>.json', async () => {
    await run(tsx, [script, join(fixtures, 'transfers-2024.xml'), '--out', out, '--verified'], { cwd: root });
    const written = await readFile(join(out, '2024.json'), 'utf8');
    expect(written).toBe(formatWorkingDaysYear(await convertFixture('transfers-2024.xml', true)));
  });

  it('exits non-zero with the file and the reason on malformed input, writing nothing', async () => {
    const failure = run(tsx, [script, join(fixtures, 'impossible-date.xml'), '--out', out], { cwd: root });
    await expect(failure).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('impossible-date.xml') });
    await expect(failure).rejects.toMatchObject({ stderr: expect.stringContaining('такого дня нет в 2026 году') });
    expect(await readdir(out)).not.toContain('2026.json');
  });
});

describe('data/working-days', () => {
  it('2026: 9 January and 31 December are days off, 12 January is an ordinary working day', async () => {
    const data = (await readJson(join(workingDaysDir, '2026.json'))) as WorkingDaysYear;
    const byDate = new Map(data.days.map((d) => [d.date, d]));
    expect(byDate.get('2026-01-09')).toMatchObject({ type: 'nonWorking', movedFrom: '2026-01-03' });
    expect(byDate.get('2026-12-31')).toMatchObject({ type: 'nonWorking', movedFrom: '2026-01-04' });
    expect(byDate.has('2026-01-12')).toBe(false);
    expect(data.verified).toBe(true);
  });

  it('has 2019–2027, verified except 2027, each valid and every transfer from a weekend day', async () => {
    const files = (await readdir(workingDaysDir)).filter((f) => f.endsWith('.json')).sort();
    expect(files).toEqual(['2019', '2020', '2021', '2022', '2023', '2024', '2025', '2026', '2027'].map((y) => `${y}.json`));
    for (const file of files) {
      const data = await readJson(join(workingDaysDir, file));
      expect(Value.Check(WorkingDaysYear, data), file).toBe(true);
      const year = data as WorkingDaysYear;
      expect(year.verified, file).toBe(year.year !== 2027);
      for (const day of year.days.filter((d) => d.movedFrom)) {
        expect([0, 6], `${file} ${day.date}`).toContain(new Date(`${day.movedFrom}T00:00:00Z`).getUTCDay());
      }
    }
  });

  it('re-importing the xmlcalendar source files reproduces the committed files byte for byte', async () => {
    for (let year = 2019; year <= 2027; year++) {
      const committed = await readFile(join(workingDaysDir, `${year}.json`), 'utf8');
      const xml = await readFile(join(sharedCalendars, `${year}.xml`), 'utf8');
      const converted = convertXmlCalendar(xml, { fileName: `${year}.xml`, verified: year !== 2027 });
      expect(formatWorkingDaysYear(converted), `${year}.json`).toBe(committed);
    }
  });
});

describe('data/organizations.json', () => {
  it('conforms to Registry: 22 organizations, 12 schools, 8 kindergartens, 2 additional, 4 schools with preschool groups', async () => {
    const registry = await readJson(join(root, 'data/organizations.json'));
    expect(Value.Check(Registry, registry)).toBe(true);
    const { organizations } = registry as Registry;
    expect(organizations).toHaveLength(22);
    expect(new Set(organizations.map((o) => o.id)).size).toBe(22);
    const count = (pred: (types: readonly string[]) => boolean) => organizations.filter((o) => pred(o.types)).length;
    expect(count((t) => t.includes('general'))).toBe(12);
    expect(count((t) => t.length === 1 && t[0] === 'preschool')).toBe(8);
    expect(count((t) => t.includes('additional'))).toBe(2);
    expect(organizations.filter((o) => o.types.length === 2).map((o) => o.id).sort()).toEqual(
      ['sosh-6', 'sosh-abez', 'sosh-kosyuvom', 'sosh-petrun'],
    );
    expect(organizations.every((o) => o.types.length === 1 || o.types.join() === 'general,preschool')).toBe(true);
  });
});

describe('data/school-years.json', () => {
  const isRealDate = (iso: string) => new Date(`${iso}T00:00:00Z`).toISOString().startsWith(iso);

  it('conforms to SchoolYears with real dates, ordered non-overlapping terms and holidays inside the year', async () => {
    const data = await readJson(join(root, 'data/school-years.json'));
    expect(Value.Check(SchoolYears, data)).toBe(true);
    for (const year of (data as SchoolYears).years) {
      for (const [system, calendar] of Object.entries(year.systems)) {
        const where = `${year.id} ${system}`;
        const ranges: DateRange[] = [...calendar.terms, ...calendar.holidays];
        for (const r of ranges) {
          expect(isRealDate(r.start) && isRealDate(r.end) && r.start <= r.end, `${where} ${r.name}`).toBe(true);
          if (year.provisional) expect(r.provisional, `${where} ${r.name}`).toBe(true);
        }
        calendar.terms.slice(1).forEach((term, i) => expect(calendar.terms[i]!.end < term.start, `${where} ${term.name}`).toBe(true));
        const first = calendar.terms[0]!.start;
        const last = calendar.terms.at(-1)!.end;
        for (const h of calendar.holidays) expect(h.start > first && h.end < last, `${where} ${h.name}`).toBe(true);
      }
    }
  });

  it('2025-2026 follows the federal recommendation; 2026-2027 is provisional without trimesters or final attestation', async () => {
    const { years } = (await readJson(join(root, 'data/school-years.json'))) as SchoolYears;
    const [y2526, y2627] = years;
    expect(y2526?.systems.quarters?.terms.map((t) => [t.start, t.end])).toEqual([
      ['2025-09-01', '2025-10-24'],
      ['2025-11-03', '2025-12-30'],
      ['2026-01-12', '2026-03-27'],
      ['2026-04-06', '2026-05-26'],
    ]);
    expect(y2526?.systems.trimesters?.terms.at(-1)?.end).toBe('2026-05-22');
    expect(y2526?.finalAttestation?.map((p) => p.end)).toEqual(['2026-07-09', '2026-09-25']);
    expect(y2627?.provisional).toBe(true);
    expect(y2627?.systems.trimesters).toBeUndefined();
    expect(y2627?.finalAttestation).toBeUndefined();
  });
});
