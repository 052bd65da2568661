/**
 * The school-year form of the department's editor: one term system of one school year, as rows
 * of terms and holidays, read from and written into the draft's `schoolYears` document. Pure.
 * «Confirmed» means entered from the Ministry's recommendation: the calendar loses its
 * provisional marks (and a year-wide mark moves onto the systems not confirmed yet).
 */
import { provisionalTermCalendar } from '../../domain/provisional/school-year.js';
import type { DateRange, TermSystemId } from '../../domain/schema.js';
import { TERM_SYSTEMS } from '../../domain/vocabulary.js';

const TERM_SYSTEM_IDS = Object.keys(TERM_SYSTEMS) as TermSystemId[];

type Json = Record<string, unknown>;
export type FormBody = Record<string, string | undefined>;

export interface Row {
  readonly name: string;
  readonly start: string;
  readonly end: string;
  readonly grades?: string;
  /**
   * `start/end` of a row the data holds without a provisional mark. While its dates stay these,
   * it stays unmarked even when the calendar as a whole is not confirmed (trimesters partly
   * derived): saving an unchanged form must not mark confirmed dates provisional.
   */
  readonly confirmedDates?: string;
}

/** A period of the final attestation (ГИА): the year's, shared by all its term systems. */
export interface AttestationRow {
  readonly name: string;
  readonly end: string;
  readonly source: string;
  readonly provisional: boolean;
}

export interface SchoolYearForm {
  readonly year: string;
  readonly system: TermSystemId;
  readonly terms: readonly Row[];
  readonly holidays: readonly Row[];
  readonly confirmed: boolean;
  readonly exists: boolean;
  /** Absent when the submitted form had no ГИА section: the year's periods stay as they are. */
  readonly attestation?: readonly AttestationRow[];
}

const objects = (value: unknown): Json[] => (Array.isArray(value) ? value.filter((v): v is Json => v !== null && typeof v === 'object') : []);
const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

export function yearsOf(schoolYears: unknown): Json[] {
  return objects((schoolYears as Json | null)?.['years']);
}

export function isSystem(value: string | undefined): value is TermSystemId {
  return (TERM_SYSTEM_IDS as readonly string[]).includes(value ?? '');
}

export function formOf(schoolYears: unknown, year: string, system: TermSystemId): SchoolYearForm {
  const entry = yearsOf(schoolYears).find((y) => y['id'] === year);
  const calendar = (entry?.['systems'] as Json | undefined)?.[system] as Json | undefined;
  const wholeProvisional = entry?.['provisional'] === true || calendar?.['provisional'] === true;
  const rows = (list: unknown): Row[] =>
    objects(list).map((r) => ({
      name: text(r['name']),
      start: text(r['start']),
      end: text(r['end']),
      ...(Array.isArray(r['grades']) ? { grades: (r['grades'] as unknown[]).join(',') } : {}),
      ...(wholeProvisional || r['provisional'] === true ? {} : { confirmedDates: `${text(r['start'])}/${text(r['end'])}` }),
    }));
  const terms = rows(calendar?.['terms']);
  const holidays = rows(calendar?.['holidays']);
  const provisional = wholeProvisional || [...objects(calendar?.['terms']), ...objects(calendar?.['holidays'])].some((r) => r['provisional'] === true);
  const attestation = objects(entry?.['finalAttestation']).map((p) => ({ name: text(p['name']), end: text(p['end']), source: text(p['source']), provisional: p['provisional'] === true }));
  return { year, system, terms, holidays, confirmed: calendar !== undefined && !provisional, exists: calendar !== undefined, attestation };
}

function rowsFrom(body: FormBody, prefix: string): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < 40; i += 1) {
    const name = (body[`${prefix}.${i}.name`] ?? '').trim();
    const start = (body[`${prefix}.${i}.start`] ?? '').trim();
    const end = (body[`${prefix}.${i}.end`] ?? '').trim();
    const grades = (body[`${prefix}.${i}.grades`] ?? '').trim();
    const confirmedDates = body[`${prefix}.${i}.confirmedDates`];
    if (name === '' && start === '' && end === '') continue;
    rows.push({ name, start, end, ...(grades ? { grades } : {}), ...(confirmedDates ? { confirmedDates } : {}) });
  }
  return rows;
}

function attestationFrom(body: FormBody): AttestationRow[] {
  const rows: AttestationRow[] = [];
  for (let i = 0; i < 20; i += 1) {
    const [name, end, source] = ['name', 'end', 'source'].map((f) => (body[`gia.${i}.${f}`] ?? '').trim()) as [string, string, string];
    if (name === '' && end === '') continue;
    rows.push({ name, end, source, provisional: body[`gia.${i}.provisional`] === 'on' });
  }
  return rows;
}

export function formFromBody(body: FormBody, year: string, system: TermSystemId): SchoolYearForm {
  const attestation = body['gia'] === 'shown' ? { attestation: attestationFrom(body) } : {};
  return { year, system, terms: rowsFrom(body, 'terms'), holidays: rowsFrom(body, 'holidays'), confirmed: body['confirmed'] === 'on', exists: true, ...attestation };
}

function rowJson(row: Row, confirmed: boolean): Json {
  const provisional = !confirmed && row.confirmedDates !== `${row.start}/${row.end}`;
  const grades = row.grades?.split(',').map((g) => Number(g.trim())).filter((g) => Number.isInteger(g));
  return { name: row.name, start: row.start, end: row.end, ...(grades && grades.length > 0 ? { grades } : {}), ...(provisional ? { provisional: true } : {}) };
}

/** The draft's `schoolYears` with this form's calendar in place (the year added, in order, when new). */
export function withForm(schoolYears: unknown, form: SchoolYearForm): unknown {
  const document = structuredClone(schoolYears) as Json;
  const years = yearsOf(document);
  let entry = years.find((y) => y['id'] === form.year);
  if (!entry) {
    entry = { id: form.year, source: 'Внесено в редакторе календаря', systems: {} };
    years.push(entry);
    years.sort((a, b) => text(a['id']).localeCompare(text(b['id'])));
  }
  const systems = (entry['systems'] ?? {}) as Json;
  if (form.confirmed && entry['provisional'] === true) {
    // The year-wide mark stays true of the other systems, now each marked on its own.
    delete entry['provisional'];
    for (const [id, calendar] of Object.entries(systems)) if (id !== form.system) (calendar as Json)['provisional'] = true;
  }
  // What the form does not show (the calendar's source) is kept, in its place in the file.
  const calendar: Json = { ...((systems[form.system] ?? {}) as Json), terms: form.terms.map((r) => rowJson(r, form.confirmed)), holidays: form.holidays.map((r) => rowJson(r, form.confirmed)) };
  if (form.confirmed) delete calendar['provisional'];
  systems[form.system] = calendar;
  entry['systems'] = systems;
  if (form.attestation && form.attestation.length > 0) {
    entry['finalAttestation'] = form.attestation.map((p) => ({ name: p.name, end: p.end, ...(p.source ? { source: p.source } : {}), ...(p.provisional ? { provisional: true } : {}) }));
  } else if (form.attestation) delete entry['finalAttestation'];
  return { ...document, years };
}

function shiftYear(date: string): string {
  const match = /^(\d{4})(-\d{2}-\d{2})$/.exec(date);
  if (!match) return date;
  const shifted = `${Number(match[1]) + 1}${match[2]}`;
  // 29 February has no next-year twin.
  return shifted.endsWith('-02-29') ? shifted.replace(/-29$/, '-28') : shifted;
}

/** The previous school year's calendar of this system, every date a year later: a start to edit. */
export function copiedFromPrevious(schoolYears: unknown, year: string, system: TermSystemId): SchoolYearForm | undefined {
  const first = Number(year.slice(0, 4));
  const previous = formOf(schoolYears, `${first - 1}-${first}`, system);
  if (!previous.exists) return undefined;
  // Shifted dates are a guess: none of them is confirmed.
  const shift = (rows: readonly Row[]) => rows.map(({ confirmedDates: _confirmed, ...r }) => ({ ...r, start: shiftYear(r.start), end: shiftYear(r.end) }));
  // ГИА dates are the Ministry's each year: never guessed from the previous one.
  const own = formOf(schoolYears, year, system).attestation ?? [];
  return { year, system, terms: shift(previous.terms), holidays: shift(previous.holidays), confirmed: false, exists: false, attestation: own };
}

const rowsOfRanges = (ranges: readonly DateRange[]): Row[] =>
  ranges.map((r) => ({ name: r.name, start: r.start, end: r.end, ...(r.grades ? { grades: r.grades.join(',') } : {}) }));

/**
 * The provisional calendar the feeds show today for a year nobody entered (the pattern of past
 * federal recommendations), as a start to correct against the Ministry's recommendation.
 */
export function fromProvisional(schoolYears: unknown, year: string, system: TermSystemId): SchoolYearForm {
  const calendar = provisionalTermCalendar(year, system);
  const own = formOf(schoolYears, year, system).attestation ?? [];
  return { year, system, terms: rowsOfRanges(calendar.terms), holidays: rowsOfRanges(calendar.holidays), confirmed: false, exists: false, attestation: own };
}
