import ICAL from 'ical.js';
import ical, { ICalAlarmType, ICalEvent, foldLines as icalGeneratorFold } from 'ical-generator';
import { afterEach, describe, expect, it } from 'vitest';
import type { Audience, Series, WeeklySeries } from '../src/domain/model.js';
import { ALL_DUTIES, DEFAULT_FEED_OPTIONS, type FeedOptions } from '../src/render/feed-options.js';
import { alarmYearsOf } from '../src/render/ics/alarm.js';
import { createFeedRenderer } from '../src/render/ics/calendar.js';
import { PUBLIC_URL_PLACEHOLDER, eventData, eventSpecs, eventTexts } from '../src/render/ics/event.js';
import {
  FIXTURE_SERIES,
  HOSTILE,
  PUBLIC_URL,
  SCHOOL_DAYS,
  UPDATED,
  contentLines,
  eventBlocks,
  expectedTriggers,
  fixtureDataset,
  fixtureSource,
  parseFeed,
  propertyValue,
  rfcProblems,
  unescapeText,
} from './helpers/ics.js';

const data = fixtureDataset();
// The fixture has no production calendars or school years: alarms only in the year it was updated.
const ALARM_YEARS = alarmYearsOf(data);

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

const GENERAL: Audience = { kind: 'type', type: 'general' };
const ORG: Audience = { kind: 'organization', organization: HOSTILE };
const AUDIENCES: Audience[] = [{ kind: 'all' }, GENERAL, { kind: 'type', type: 'preschool' }, ORG];
const OPTIONS: FeedOptions[] = [
  DEFAULT_FEED_OPTIONS,
  { reminders: [0, 1, 7], daily: true },
  { reminders: [3], daily: false },
  { reminders: [], daily: true, items: [3, 19] },
];

function render(audience: Audience, options: FeedOptions = ALL_DUTIES, series?: readonly Series[]): string {
  return createFeedRenderer(fixtureSource(series)).render(data, audience, options, { publicUrl: PUBLIC_URL });
}

function block(text: string, uidStart: string): string[] {
  const found = eventBlocks(text).find((lines) => lines[1]?.startsWith(`UID:${uidStart}`));
  if (found === undefined) throw new Error(`no event ${uidStart}`);
  return found;
}

describe('renderFeed on hand-made series', () => {
  for (const audience of AUDIENCES) {
    for (const options of OPTIONS) {
      it(`passes the RFC checklist: ${audience.kind} ${JSON.stringify(options)}`, () => {
        expect(rfcProblems(render(audience, options))).toEqual([]);
      });
    }
  }

  it('writes the calendar properties a subscription needs', () => {
    const lines = contentLines(render(ORG, { reminders: [1, 7], daily: true }));
    const head = lines.slice(0, lines.indexOf('BEGIN:VTIMEZONE'));
    expect(head).toContain('VERSION:2.0');
    expect(head).toContain('PRODID:-//Inta education department//eo-calendar//RU');
    expect(head).toContain('CALSCALE:GREGORIAN');
    expect(head).toContain('METHOD:PUBLISH');
    expect(head).toContain(`URL;VALUE=URI:${PUBLIC_URL}/organizations/hostile-1`);
    expect(head).toContain(`SOURCE;VALUE=URI:${PUBLIC_URL}/feeds/organizations/hostile-1.ics?reminders=1,7`);
    expect(head).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT12H');
    expect(head).toContain('X-PUBLISHED-TTL:PT12H');
    expect(head).toContain('X-WR-TIMEZONE:Europe/Moscow');
    expect(head).toContain('LAST-MODIFIED:20261129T000000Z');
    expect(contentLines(render(GENERAL))).toContain(`URL;VALUE=URI:${PUBLIC_URL}/`);
  });

  it('escapes a hostile organization name in NAME, X-WR-CALNAME, DESCRIPTION and X-WR-CALDESC', () => {
    const text = render(ORG);
    const lines = contentLines(text);
    const name = 'ГИС ЭО: СОШ\\; №5\\, \\\\ «Инта»\\nномер два';
    expect(lines).toContain(`NAME:${name}`);
    expect(lines).toContain(`X-WR-CALNAME:${name}`);
    const escapedFullName = 'МБОУ «СОШ\\; №5\\, \\\\ г. Инта»\\nвторая строка\\nтретья 🎓';
    expect(propertyValue(lines, 'DESCRIPTION')).toContain(escapedFullName);
    expect(propertyValue(lines, 'X-WR-CALDESC')).toContain(escapedFullName);

    // ical.js knows DESCRIPTION as TEXT and unescapes it; NAME (RFC 7986) and X- properties it
    // returns raw, so they are unescaped here.
    const calendar = parseFeed(text);
    const raw = (name: string) => unescapeText(String(calendar.getFirstPropertyValue(name)));
    expect(raw('name')).toBe(`ГИС ЭО: ${HOSTILE.shortName}`);
    expect(raw('x-wr-calname')).toBe(`ГИС ЭО: ${HOSTILE.shortName}`);
    expect(raw('x-wr-caldesc')).toContain(HOSTILE.name.replace('\r\n', '\n'));
    expect(calendar.getFirstPropertyValue('description')).toContain(HOSTILE.name.replace('\r\n', '\n'));
  });

  it('leaves no unescaped comma, semicolon or backslash in any TEXT value', () => {
    const textProperties = /^(NAME|X-WR-CALNAME|DESCRIPTION|X-WR-CALDESC|SUMMARY|CATEGORIES):(.*)$/;
    for (const audience of AUDIENCES) {
      for (const line of contentLines(render(audience, { reminders: [1], daily: true }))) {
        const match = textProperties.exec(line);
        if (match) expect(match[2], line).toMatch(/^(?:[^\\;,]|\\[\\;,n])*$/);
      }
    }
  });

  it('writes yearly deadlines as all-day DATE events with an exclusive end and FREQ=YEARLY', () => {
    const text = render(GENERAL);
    const january = block(text, 'i1.s0.r0.m1.general');
    expect(january).toContain('DTSTART;VALUE=DATE:20250101');
    expect(january).toContain('DTEND;VALUE=DATE:20250201');
    expect(january).toContain('RRULE:FREQ=YEARLY');
    expect(january).toContain('SUMMARY:п. 1. Организационно-распорядительные документы — январь');
    const february = block(text, 'i3.s0.r0.general');
    expect(february).toContain('DTSTART;VALUE=DATE:20250201');
    expect(february).toContain('DTEND;VALUE=DATE:20250202');
    expect(february).toContain('TRANSP:TRANSPARENT');
    expect(february).toContain('CLASS:PUBLIC');
    expect(february).toContain('CATEGORIES:ГИС ЭО');
    expect(february).toContain('X-PLAN-ITEM:3');
    expect(february).toContain(`URL;VALUE=URI:${PUBLIC_URL}/plan#item-3`);
    expect(february).toContain('DTSTAMP:20261129T000000Z');
    expect(february.some((line) => line.startsWith('RRULE:') && /COUNT|UNTIL/.test(line))).toBe(false);
  });

  it('writes a school-calendar deadline as one all-day event with its year, flagged provisional', () => {
    const quarter = block(render(GENERAL), 'i19.s0.r0.quarters.2025-2026.t2.general');
    expect(quarter).toContain('DTSTART;VALUE=DATE:20251230');
    expect(quarter).toContain('DTEND;VALUE=DATE:20251231');
    expect(quarter.some((line) => line.startsWith('RRULE'))).toBe(false);
    expect(quarter).toContain('SUMMARY:п. 19. Итоговые оценки — 2-я четверть 2025/26 (предварительно)');
    const description = unescapeText(propertyValue(quarter, 'DESCRIPTION') ?? '');
    expect(description).toContain('Выставление итоговых оценок (подсистема СГО)');
    expect(description).toContain('Срок: По окончании учебного периода');
    expect(description).toContain('Дата предварительная.');
    expect(description).toContain('Ответственные: общеобразовательные организации');
    expect(description).toContain('Подсистемы: СГО');
    expect(description).toContain(`${PUBLIC_URL}/plan#item-19`);
  });

  it('puts the item text, its documents and footnote-free details into the description', () => {
    const description = unescapeText(propertyValue(block(render(GENERAL), 'i1.s0.r0.m1.general'), 'DESCRIPTION') ?? '');
    expect(description).toContain('Разработка и утверждение документов:\n• приказ о ведении ГИС ЭО\n• план работы; с точкой с запятой, и запятой');
    expect(description).toContain('Срок: Январь или Сентябрь');
    // only the feed's own types: the schedule also names preschools, this general feed does not
    expect(description).toContain('Ответственные: общеобразовательные организации\n');
    expect(description).not.toContain('дошкольные образовательные организации');
  });

  it('writes a daily duty as a weekly timed series in Moscow with UTC UNTIL, EXDATEs and separate extra days', () => {
    const text = render(GENERAL);
    const daily = block(text, 'i18.s0.r0.quarters.2025-2026.general');
    expect(daily).toContain('DTSTART;TZID=Europe/Moscow:20250901T150000');
    expect(daily).toContain('DTEND;TZID=Europe/Moscow:20250901T153000');
    expect(daily).toContain('RRULE:FREQ=WEEKLY;UNTIL=20260526T123000Z;BYDAY=MO,TU,WE,TH,FR');
    const exdate = propertyValue(daily, 'EXDATE');
    expect(daily.find((line) => line.startsWith('EXDATE'))).toMatch(/^EXDATE;TZID=Europe\/Moscow:/);
    expect(exdate?.split(',')).toHaveLength(SCHOOL_DAYS.exdates.length);
    expect(exdate?.split(',')[0]).toBe('20251027T150000');
    expect(daily.some((line) => line.startsWith('RDATE'))).toBe(false);

    const extra = block(text, 'i18.s0.r0.quarters.2025-2026.20251101.general');
    expect(extra).toContain('DTSTART;TZID=Europe/Moscow:20251101T150000');
    expect(extra).toContain('DTEND;TZID=Europe/Moscow:20251101T153000');
    expect(extra.some((line) => line.startsWith('RRULE'))).toBe(false);

    const lines = contentLines(text);
    expect(lines.filter((line) => line === 'BEGIN:VTIMEZONE')).toHaveLength(1);
    expect(lines).toContain('TZOFFSETTO:+0300');
  });

  it('leaves out the VTIMEZONE when no event is timed', () => {
    const text = render(GENERAL, { reminders: [], daily: false });
    expect(text).not.toContain('VTIMEZONE');
    expect(text).not.toContain('TZID');
    expect(text).not.toContain('i18.');
  });

  it('keeps only the chosen items and says so in the calendar description', () => {
    const text = render(GENERAL, { reminders: [], daily: true, items: [3, 19] });
    const items = eventBlocks(text).map((lines) => propertyValue(lines, 'X-PLAN-ITEM'));
    expect(new Set(items)).toEqual(new Set(['3', '19']));
    expect(unescapeText(propertyValue(contentLines(text), 'DESCRIPTION') ?? '')).toContain('В календаре только пп. 3, 19.');
  });

  it('lists standing duties and missing school years in the calendar description', () => {
    const description = unescapeText(propertyValue(contentLines(render(GENERAL)), 'X-WR-CALDESC') ?? '');
    expect(description).toContain('Источник: приказ от 04.09.2019 № 143, Отдел образования; «Инта».');
    expect(description).toContain('п. 12 Актуализация данных — в течение 3 рабочих дней в случае изменения информации');
    expect(description).toContain('п. 22 Обучение работников — по мере необходимости');
    expect(description).toContain('2026/27 учебный год: учебные периоды (четверти) — пп. 18, 19');
  });

  it('adds display alarms at 09:00 Moscow N days before the last day of all-day deadlines, every year to the data horizon, none on daily slots', () => {
    const reminders = [0, 1, 7];
    const text = render(GENERAL, { reminders, daily: true });
    const calendar = parseFeed(text);
    let checked = 0;
    for (const vevent of calendar.getAllSubcomponents('vevent')) {
      const event = new ICAL.Event(vevent);
      const alarms = vevent.getAllSubcomponents('valarm');
      if (!event.startDate.isDate) {
        expect(alarms).toHaveLength(0);
        continue;
      }
      for (const alarm of alarms) {
        expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
        expect(alarm.getFirstPropertyValue('description')).toBe(event.summary);
        expect(alarm.getFirstProperty('trigger')?.type).toBe('date-time');
      }
      const fired = alarms.map((alarm) => (alarm.getFirstPropertyValue('trigger') as ICAL.Time).toICALString()).sort();
      expect(fired).toEqual(expectedTriggers(event, reminders, ALARM_YEARS).sort());
      checked += 1;
    }
    expect(checked).toBeGreaterThan(3);
    expect(ALARM_YEARS).toEqual({ first: 2026, last: 2026 });
    // Item 3 (fixture: 1 February every year): on the day, the day before and a week before, 09:00 Moscow.
    expect(block(text, 'i3.s0.r0.general').filter((line) => line.startsWith('TRIGGER'))).toEqual([
      'TRIGGER;VALUE=DATE-TIME:20260201T060000Z',
      'TRIGGER;VALUE=DATE-TIME:20260131T060000Z',
      'TRIGGER;VALUE=DATE-TIME:20260125T060000Z',
    ]);
  });

  it('gives every event a stable UID of its series key and the feed scope', () => {
    const uids = (audience: Audience) => eventBlocks(render(audience)).map((lines) => propertyValue(lines, 'UID'));
    expect(uids(GENERAL)).toContain('i3.s0.r0.general@eo-calendar');
    expect(uids({ kind: 'all' })).toContain('i3.s0.r0.all@eo-calendar');
    expect(uids(ORG)).toContain('i3.s0.r0.org-hostile-1@eo-calendar');
    expect(uids(GENERAL)).toEqual(uids(GENERAL));
  });

  it('names the organization types when one deadline appears twice for different school calendars', () => {
    const halfYears: WeeklySeries = { ...SCHOOL_DAYS, key: 'i18.s0.r0.halfYears.2025-2026', organizationTypes: ['additional'], extraDates: [] };
    const text = render({ kind: 'all' }, ALL_DUTIES, [...FIXTURE_SERIES, halfYears]);
    expect(propertyValue(block(text, 'i18.s0.r0.quarters.2025-2026.all'), 'SUMMARY')).toBe(
      'п. 18. Текущие оценки — учебные дни 2025/26 (общеобразовательные организации)',
    );
    expect(propertyValue(block(text, 'i18.s0.r0.halfYears.2025-2026.all'), 'SUMMARY')).toBe(
      'п. 18. Текущие оценки — учебные дни 2025/26 (организации дополнительного образования)',
    );
    expect(propertyValue(block(text, 'i3.s0.r0.all'), 'SUMMARY')).toBe('п. 3. Подготовка к зачислению в 1-е классы');
  });

  it('reassembles each event exactly as ical-generator renders the whole event', () => {
    const reminders = [1, 7];
    const text = render(GENERAL, { reminders, daily: true });
    const items = new Map(data.plan.items.map((item) => [item.number, item]));
    let compared = 0;
    for (const series of FIXTURE_SERIES) {
      const texts = eventTexts(series, { items, policy: 'previousWorkingDay', fromYear: 2025 });
      for (const spec of eventSpecs(series, texts)) {
        const event = new ICalEvent(
          {
            ...eventData(spec, spec.texts === undefined ? texts : { ...texts, ...spec.texts }, UPDATED),
            id: `${spec.key}.general@eo-calendar`,
            lastModified: new Date(UPDATED),
          },
          ical(),
        );
        if (spec.allDay) {
          const lastDay = spec.end.minus({ days: 1 });
          const years = spec.repeating === undefined ? [lastDay.year].filter((year) => year >= ALARM_YEARS.first) : range(Math.max(lastDay.year, ALARM_YEARS.first), ALARM_YEARS.last);
          for (const days of reminders) {
            for (const year of years) {
              const trigger = lastDay.set({ year, hour: 9 }).minus({ days }).toJSDate();
              event.createAlarm({ type: ICalAlarmType.display, trigger, description: texts.summary });
            }
          }
        }
        const expected = icalGeneratorFold(event.toString().replaceAll(PUBLIC_URL_PLACEHOLDER, PUBLIC_URL));
        expect(text).toContain(expected);
        compared++;
      }
    }
    expect(compared).toBe(FIXTURE_SERIES.length + 1);
  });
});

describe('determinism', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTz;
  });

  it('gives the same bytes twice, from a cold and a warm cache, in any machine time zone', () => {
    const options: FeedOptions = { reminders: [1, 7], daily: true };
    const renderer = createFeedRenderer(fixtureSource());
    const first = renderer.render(data, ORG, options, { publicUrl: PUBLIC_URL });
    expect(renderer.render(data, ORG, options, { publicUrl: PUBLIC_URL })).toBe(first);
    for (const [zone, offset] of [['Asia/Tokyo', -540], ['America/Los_Angeles', 480], ['Europe/Moscow', -180]] as const) {
      process.env.TZ = zone;
      expect(new Date(Date.UTC(2025, 0, 1)).getTimezoneOffset()).toBe(offset);
      expect(render(ORG, options)).toBe(first);
    }
  });

  it('depends on the public URL only where the site is linked', () => {
    const a = render(GENERAL);
    const b = createFeedRenderer(fixtureSource()).render(data, GENERAL, ALL_DUTIES, { publicUrl: 'https://other.example/' });
    expect(b.replace(/\r\n /g, '').replaceAll('https://other.example', PUBLIC_URL)).toBe(a.replace(/\r\n /g, ''));
  });
});
