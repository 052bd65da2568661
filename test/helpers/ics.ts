/**
 * iCalendar test helpers: a small data set with hand-made series (including an organization
 * whose name is hostile to TEXT escaping), the bundled data with its ledger, and an RFC 5545
 * checker that reads feeds both as raw lines and through ical.js.
 */
import { readFile } from 'node:fs/promises';
import ICAL from 'ical.js';
import type { Audience, Dataset, Series, SeriesResult, SingleSeries, WeeklySeries, YearlySeries } from '../../src/domain/model.js';
import type { Item, Organization } from '../../src/domain/schema.js';
import { loadDataset } from '../../src/data/load.js';
import { withIds } from './dataset.js';
import type { EventHistory } from '../../src/render/ics/history.js';
import type { SeriesSource } from '../../src/render/ics/calendar.js';

export const PUBLIC_URL = 'https://eo-calendar.example';
export const UPDATED = '2026-11-29T00:00:00Z';

/** Every TEXT special character, a newline and a CRLF, Cyrillic and an emoji. */
export const HOSTILE: Organization = {
  id: 'hostile-1',
  name: 'МБОУ «СОШ; №5, \\ г. Инта»\nвторая строка\r\nтретья 🎓',
  shortName: 'СОШ; №5, \\ «Инта»\nномер два',
  types: ['general', 'preschool'],
};

const ITEMS: Item[] = withIds([
  {
    number: 1,
    title: 'Организационно-распорядительные документы',
    text: 'Разработка и утверждение документов:',
    source: 'Разработка и утверждение документов: • приказ; • план',
    details: ['приказ о ведении ГИС ЭО', 'план работы; с точкой с запятой, и запятой'],
    subsystems: [],
    schedules: [
      { organizationTypes: ['general', 'preschool'], wording: 'Январь или Сентябрь', rules: [{ kind: 'monthChoice', months: [1, 9] }] },
    ],
  },
  {
    number: 3,
    title: 'Подготовка к зачислению в 1-е классы',
    text: 'Создание программ и классов (подсистема СГО АИС «Е-Услуги»)',
    source: 'Создание программ',
    subsystems: ['e-uslugi'],
    schedules: [{ organizationTypes: ['general'], wording: 'до 1 февраля', rules: [{ kind: 'date', month: 2, day: 1 }] }],
  },
  {
    number: 12,
    title: 'Актуализация данных',
    text: 'Актуализация данных об организации',
    source: 'Актуализация данных',
    subsystems: ['sgo', 'e-uslugi'],
    schedules: [
      {
        organizationTypes: ['general', 'preschool'],
        wording: 'до 10 сентября, в течение 3-х рабочих дней в случае изменения информации',
        rules: [{ kind: 'date', month: 9, day: 10 }, { kind: 'onChange', workingDays: 3 }],
      },
    ],
  },
  {
    number: 18,
    title: 'Текущие оценки',
    text: 'Выставление текущих оценок (подсистема СГО)',
    source: 'Выставление текущих оценок',
    subsystems: ['sgo'],
    schedules: [{ organizationTypes: ['general'], wording: 'ежедневно', rules: [{ kind: 'daily', days: 'school' }] }],
  },
  {
    number: 19,
    title: 'Итоговые оценки',
    text: 'Выставление итоговых оценок (подсистема СГО)',
    source: 'Выставление итоговых оценок',
    subsystems: ['sgo'],
    schedules: [{ organizationTypes: ['general'], wording: 'По окончании учебного периода', rules: [{ kind: 'termEnd' }] }],
  },
  {
    number: 22,
    title: 'Обучение работников',
    text: 'Обучение работников в области эксплуатации ГИС ЭО',
    source: 'Обучение работников',
    subsystems: [],
    footnotes: [{ marker: '²', text: 'Обучение осуществляет КРИРО' }],
    schedules: [
      { organizationTypes: ['general', 'preschool'], wording: 'По мере необходимости', rules: [{ kind: 'asNeeded' }] },
    ],
  },
]);

export function fixtureDataset(history?: EventHistory, items: Item[] = ITEMS): Dataset {
  return {
    plan: {
      meta: {
        title: 'Типовой план (тест)',
        shortTitle: 'Типовой план, тест',
        issuer: 'Отдел образования; «Инта»',
        order: { number: '143', date: '2019-09-04', title: 'Об утверждении', appendixNumber: '113', note: '' },
        timeZone: 'Europe/Moscow',
        firstYear: 2025,
        version: 'test',
        updated: UPDATED,
        footnoteNote: '',
      },
      items,
    },
    registry: { source: { description: 'тест', date: '2026-01-01' }, organizations: [HOSTILE] },
    schoolYears: { defaults: { general: 'quarters', preschool: 'quarters', additional: 'halfYears' }, years: [] },
    workingDays: [],
    organizationsById: new Map([[HOSTILE.id, HOSTILE]]),
    version: 'test-1',
    ...(history === undefined ? {} : { eventHistory: history }),
  };
}

const base = { wording: '', organizationTypes: ['general'] as const };

export const JANUARY: YearlySeries = {
  ...base, key: 'i1.s0.r0.m1', item: 1, schedule: 0, rule: 0, kind: 'monthChoice', wording: 'Январь или Сентябрь',
  shape: 'yearly', firstYear: 2025, start: { month: 1, day: 1 }, end: { month: 1, day: 31 }, label: 'январь',
};
export const FEBRUARY_1: YearlySeries = {
  ...base, key: 'i3.s0.r0', item: 3, schedule: 0, rule: 0, kind: 'date', wording: 'до 1 февраля',
  shape: 'yearly', firstYear: 2025, start: { month: 2, day: 1 }, end: { month: 2, day: 1 },
};
export const SEPTEMBER_10: YearlySeries = {
  ...base, key: 'i12.s0.r0', item: 12, schedule: 0, rule: 0, kind: 'date', wording: 'до 10 сентября',
  shape: 'yearly', firstYear: 2025, start: { month: 9, day: 10 }, end: { month: 9, day: 10 },
};
export const QUARTER_2: SingleSeries = {
  ...base, key: 'i19.s0.r0.quarters.2025-2026.t2', item: 19, schedule: 0, rule: 0, kind: 'termEnd',
  shape: 'single', schoolYear: '2025-2026', start: '2025-12-30', end: '2025-12-30', provisional: true, label: '2-я четверть',
};
export const SCHOOL_DAYS: WeeklySeries = {
  ...base, key: 'i18.s0.r0.quarters.2025-2026', item: 18, schedule: 0, rule: 0, kind: 'daily', wording: 'ежедневно',
  shape: 'weekly', schoolYear: '2025-2026', start: '2025-09-01', until: '2026-05-26',
  weekdays: ['MO', 'TU', 'WE', 'TH', 'FR'],
  exdates: ['2025-10-27', '2025-10-28', '2025-10-29', '2025-10-30', '2025-10-31', '2025-11-03', '2025-11-04',
    '2025-12-31', '2026-01-01', '2026-01-02', '2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09',
    '2026-02-23', '2026-03-09', '2026-03-30', '2026-03-31', '2026-04-01', '2026-04-02', '2026-04-03', '2026-05-01', '2026-05-11'],
  extraDates: ['2025-11-01'], time: '15:00', durationMinutes: 30, provisional: false, label: 'учебные дни 2025/26',
};

export const FIXTURE_SERIES: readonly Series[] = [JANUARY, FEBRUARY_1, SEPTEMBER_10, QUARTER_2, SCHOOL_DAYS];

/** Hand-made series for every audience, filtered as the engine filters them. */
export function fixtureSource(series: readonly Series[] = FIXTURE_SERIES): SeriesSource {
  return (_data, _audience: Audience, options): SeriesResult => ({
    series: series.filter(
      (one) => (options.items === undefined || options.items.includes(one.item)) && (options.daily || one.kind !== 'daily'),
    ),
    standing: [
      { item: 12, schedule: 0, rule: 1, kind: 'onChange', wording: '', organizationTypes: ['general'] },
      { item: 22, schedule: 0, rule: 0, kind: 'asNeeded', wording: 'По мере необходимости', organizationTypes: ['general'] },
    ].filter((duty) => options.items === undefined || options.items.includes(duty.item)) as SeriesResult['standing'],
    missing: [{ schoolYear: '2026-2027', what: 'terms', termSystem: 'quarters', items: [18, 19] }],
  });
}

/** The bundled plan.json and data/, with the committed event ledger attached. */
export async function bundledDataset(): Promise<Dataset> {
  const data = await loadDataset({ planFile: 'plan.json', dataDir: 'data' });
  return { ...data, eventHistory: await committedHistory() };
}

export async function committedHistory(): Promise<EventHistory> {
  const file = JSON.parse(await readFile('data/event-history.json', 'utf8')) as { events: EventHistory };
  return file.events;
}

export function bundledAudiences(data: Dataset): Audience[] {
  return [
    { kind: 'all' },
    { kind: 'type', type: 'general' },
    { kind: 'type', type: 'preschool' },
    { kind: 'type', type: 'additional' },
    ...[...data.organizationsById.values()].map((organization): Audience => ({ kind: 'organization', organization })),
  ];
}

/** Content lines with folding undone. */
export function contentLines(text: string): string[] {
  return text.replace(/\r\n[ \t]/g, '').split('\r\n').slice(0, -1);
}

/** The unfolded VEVENT blocks, each as its content lines. */
export function eventBlocks(text: string): string[][] {
  const blocks: string[][] = [];
  let current: string[] | undefined;
  for (const line of contentLines(text)) {
    if (line === 'BEGIN:VEVENT') current = [];
    if (current !== undefined) current.push(line);
    if (line === 'END:VEVENT' && current !== undefined) {
      blocks.push(current);
      current = undefined;
    }
  }
  return blocks;
}

/** The value of the first content line of `name` (with or without parameters). */
export function propertyValue(lines: readonly string[], name: string): string | undefined {
  const line = lines.find((one) => one.startsWith(`${name}:`) || one.startsWith(`${name};`));
  return line?.slice(line.indexOf(':') + 1);
}

/** Undoes TEXT escaping (RFC 5545 §3.3.11). */
export function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_m, ch: string) => (ch === 'n' || ch === 'N' ? '\n' : ch));
}

export function parseFeed(text: string): ICAL.Component {
  return new ICAL.Component(ICAL.parse(text));
}

const utf8 = new TextEncoder();

/**
 * Everything in shared/reference/ics-interop.md that can be read off a feed, as a list of
 * problems (empty when the feed is fine), so a failure names what is wrong.
 */
export function rfcProblems(text: string): string[] {
  const problems: string[] = [];
  if (!text.endsWith('\r\n')) problems.push('the last line does not end in CRLF');
  if (/(^|[^\r])\n/.test(text)) problems.push('a lone LF');
  if (/\r(?!\n)/.test(text)) problems.push('a lone CR');
  text.split('\r\n').forEach((line, index) => {
    const octets = utf8.encode(line).length;
    if (octets > 75) problems.push(`physical line ${index + 1} has ${octets} octets`);
  });
  const lines = contentLines(text);
  const count = (prefix: string) => lines.filter((line) => line.startsWith(prefix)).length;
  if (lines[0] !== 'BEGIN:VCALENDAR' || lines.at(-1) !== 'END:VCALENDAR') problems.push('not one VCALENDAR');
  if (count('VERSION:') !== 1 || !lines.includes('VERSION:2.0')) problems.push('VERSION:2.0 not exactly once');
  if (count('PRODID:') !== 1) problems.push('PRODID not exactly once');
  if (!lines.includes('METHOD:PUBLISH')) problems.push('no METHOD:PUBLISH');

  let component: ICAL.Component;
  try {
    component = parseFeed(text);
  } catch (error) {
    return [...problems, `ical.js: ${(error as Error).message}`];
  }
  const zones = new Set(component.getAllSubcomponents('vtimezone').map((zone) => String(zone.getFirstPropertyValue('tzid'))));
  for (const match of text.replace(/\r\n[ \t]/g, '').matchAll(/;TZID=([^:;]+)/g)) {
    if (!zones.has(match[1] as string)) problems.push(`TZID ${match[1]} has no VTIMEZONE`);
  }
  const uids = new Set<string>();
  for (const event of component.getAllSubcomponents('vevent')) {
    const uid = String(event.getFirstPropertyValue('uid'));
    const where = `event ${uid}`;
    if (uids.has(uid)) problems.push(`duplicate UID ${uid}`);
    uids.add(uid);
    if (!/^[\w.-]+@eo-calendar$/.test(uid)) problems.push(`${where}: unexpected UID`);
    const stamp = event.getFirstProperty('dtstamp');
    if (stamp === null || stamp.type !== 'date-time' || !(stamp.getFirstValue() as ICAL.Time).toICALString().endsWith('Z')) {
      problems.push(`${where}: DTSTAMP is not UTC`);
    }
    const start = event.getFirstProperty('dtstart');
    const end = event.getFirstProperty('dtend');
    if (start === null) {
      problems.push(`${where}: no DTSTART`);
      continue;
    }
    if (event.getAllProperties('dtend').length + event.getAllProperties('duration').length !== 1) {
      problems.push(`${where}: not exactly one DTEND or DURATION`);
    }
    if (end !== null) {
      if (end.type !== start.type) problems.push(`${where}: DTSTART ${start.type}, DTEND ${end.type}`);
      const startTime = start.getFirstValue() as ICAL.Time;
      const endTime = end.getFirstValue() as ICAL.Time;
      if (endTime.compare(startTime) <= 0) problems.push(`${where}: DTEND not after DTSTART`);
      if (start.type === 'date' && (start.getParameter('tzid') !== undefined || end.getParameter('tzid') !== undefined)) {
        problems.push(`${where}: TZID on a DATE`);
      }
    }
    for (const exdate of event.getAllProperties('exdate')) {
      if (exdate.type !== start.type) problems.push(`${where}: EXDATE ${exdate.type}, DTSTART ${start.type}`);
    }
    const rrule = event.getFirstPropertyValue('rrule') as ICAL.Recur | null;
    if (rrule?.until) {
      if (start.type === 'date' && !rrule.until.isDate) problems.push(`${where}: UNTIL is not a DATE`);
      if (start.type === 'date-time' && start.getParameter('tzid') !== undefined && !rrule.until.toICALString().endsWith('Z')) {
        problems.push(`${where}: UNTIL is not UTC`);
      }
    }
    const sequence = event.getFirstPropertyValue('sequence');
    if (typeof sequence !== 'number' || sequence < 0) problems.push(`${where}: no SEQUENCE`);
    const modified = event.getFirstProperty('last-modified');
    if (modified === null || !(modified.getFirstValue() as ICAL.Time).toICALString().endsWith('Z')) {
      problems.push(`${where}: LAST-MODIFIED is not UTC`);
    }
    for (const alarm of event.getAllSubcomponents('valarm')) {
      for (const name of ['action', 'trigger', 'description']) {
        if (alarm.getFirstProperty(name) === null) problems.push(`${where}: VALARM without ${name.toUpperCase()}`);
      }
    }
  }
  return problems;
}

/** UTC trigger times (ical.js strings) for every instance's last day in `years`, each offset at 09:00 Moscow (06:00Z). */
export function expectedTriggers(event: ICAL.Event, reminders: readonly number[], years: { readonly first: number; readonly last: number }): string[] {
  const horizon = years.last;
  const expected: string[] = [];
  const iterator = event.iterator();
  for (let start = iterator.next(); start !== null && start !== undefined; start = iterator.next()) {
    const last = event.getOccurrenceDetails(start).endDate.clone();
    last.adjust(-1, 0, 0, 0);
    if (last.year > horizon && event.isRecurring()) break;
    if (last.year < years.first) continue;
    for (const days of reminders) {
      const at = last.clone();
      at.isDate = false;
      at.adjust(-days, 6, 0, 0);
      at.zone = ICAL.Timezone.utcTimezone;
      expected.push(at.toICALString());
    }
  }
  return expected;
}
