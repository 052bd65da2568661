/**
 * A feed: the calendar properties, the Moscow VTIMEZONE when a timed event needs it, and the
 * events of the audience's series. Output is a pure function of (data, audience, options,
 * public URL): the clock, randomness and the machine's zone never enter.
 *
 * Work shared between feeds is cached per data set: each distinct series is rendered by
 * ical-generator once, folded once per public URL, and reused by every feed that carries it
 * (10 000 organization feeds on the municipal calendar share nearly all their events).
 */
import { escape } from 'ical-generator';
import { LRUCache } from 'lru-cache';
import { changeNote } from '../../domain/change-log.js';
import type { Audience, Dataset, SeriesResult, Series } from '../../domain/model.js';
import { ORGANIZATION_TYPE_IDS, type Item } from '../../domain/schema.js';
import type { FeedOptions } from '../feed-options.js';
import { baseUrl } from '../feeds.js';
import { schoolYearOf } from '../../domain/dates.js';
import { ambiguousSeries } from './describe.js';
import { calendarHeader } from './header.js';
import { alarmYearsOf, instanceLastDays, renderAlarms, type AlarmYears } from './alarm.js';
import { EVENT_END, PUBLIC_URL_PLACEHOLDER, UID_DOMAIN, icsUtc, renderSeriesEvents, type EventContent } from './event.js';
import { foldLines } from './fold.js';
import { resolveStamp, type LedgerEvent } from './history.js';
import { MOSCOW_VTIMEZONE } from './timezone.js';


export interface SeriesOptions {
  readonly daily: boolean;
  readonly items?: readonly number[];
}

/** Where series come from: the engine in production, hand-made series in unit tests. */
export type SeriesSource = (data: Dataset, audience: Audience, options: SeriesOptions) => SeriesResult;

export interface RenderContext {
  /** The site's public base URL, e.g. `https://eo-calendar.example`. */
  readonly publicUrl: string;
}

/** An event's text folded for one public URL. */
interface FoldedContent {
  readonly body: string;
  readonly tail: string;
  readonly stampLine: string;
}

/**
 * Folded alarm blocks by event content and ONE offset, so a reminder list is a concatenation
 * and the memo grows with events × offsets, not with the lists clients invent; bounded in
 * bytes all the same (issue 13: one entry per list grew the heap by 500 MB).
 */
export const ALARM_MEMO_BYTES = 8 * 1024 * 1024;

interface DatasetState {
  readonly items: ReadonlyMap<number, Item>;
  /** `JSON.stringify(series)` → its events: equal series render equally. */
  readonly contents: Map<string, readonly EventContent[]>;
  /**
   * The same by series object and naming: the engine hands audiences with equal types and
   * settings one series object, and hashing the fingerprint (a kilobyte of JSON) on every feed
   * cost more than the lookup saved. Weak: it lives as long as the engine's series.
   */
  readonly bySeries: WeakMap<Series, Partial<Record<'-' | 'g' | 'o', readonly EventContent[]>>>;
  /** ambiguousSeries() by series list: the engine's cached lists are shared the same way. */
  readonly ambiguous: WeakMap<readonly Series[], ReadonlySet<Series>>;
  readonly folded: Map<string, WeakMap<EventContent, FoldedContent>>;
  /** The years a yearly event gets alarms for. */
  readonly alarmYears: AlarmYears;
  /** Key → hash of the event the shared feeds (types, then the whole plan) carry; built lazily. */
  canonical?: ReadonlyMap<string, string>;
}

export interface FeedRenderer {
  /** The feed's text: CRLF line ends (the last one too), folded at 75 octets. */
  render(data: Dataset, audience: Audience, options: FeedOptions, ctx: RenderContext): string;
  /** Every event of the audience's full feed with its ledger key and content hash. */
  ledgerEvents(data: Dataset, audience: Audience): LedgerEvent[];
}

/** The part of a UID that keeps the same event in two subscribed calendars apart. */
export function uidScope(audience: Audience): string {
  switch (audience.kind) {
    case 'all':
      return 'all';
    case 'type':
      return audience.type;
    case 'organization':
      return `org-${audience.organization.id}`;
  }
}

const SHARED_AUDIENCES: readonly Audience[] = [
  ...ORGANIZATION_TYPE_IDS.map((type): Audience => ({ kind: 'type', type })),
  { kind: 'all' },
];

const FULL: SeriesOptions = { daily: true };


export function createFeedRenderer(source: SeriesSource): FeedRenderer {
  const states = new WeakMap<Dataset, DatasetState>();
  const alarmMemo = new LRUCache<string, string>({ maxSize: ALARM_MEMO_BYTES, sizeCalculation: (text, key) => 2 * (text.length + key.length) });
  // The engine shares series objects between audiences; stringify each once, not once per feed.
  const texts = new WeakMap<Series, string>();
  const seriesText = (series: Series): string => {
    let text = texts.get(series);
    if (text === undefined) texts.set(series, (text = JSON.stringify(series)));
    return text;
  };

  function stateFor(data: Dataset): DatasetState {
    let state = states.get(data);
    if (state === undefined) {
      state = {
        items: new Map(data.plan.items.map((item) => [item.number, item])),
        contents: new Map(),
        bySeries: new WeakMap(),
        ambiguous: new WeakMap(),
        folded: new Map(),
        alarmYears: alarmYearsOf(data),
      };
      states.set(data, state);
    }
    return state;
  }

  /** `naming`: '-' names no types, 'g' the plan's types, 'o' an organization's parts. */
  function contentsOf(data: Dataset, state: DatasetState, series: Series, naming: '-' | 'g' | 'o'): readonly EventContent[] {
    let byNaming = state.bySeries.get(series);
    if (byNaming === undefined) state.bySeries.set(series, (byNaming = {}));
    return (byNaming[naming] ??= contentsByFingerprint(data, state, series, naming));
  }

  function contentsByFingerprint(data: Dataset, state: DatasetState, series: Series, naming: '-' | 'g' | 'o'): readonly EventContent[] {
    const fingerprint = `${naming}${seriesText(series)}`;
    let contents = state.contents.get(fingerprint);
    if (contents === undefined) {
      const group = naming === '-' ? undefined : { types: series.organizationTypes, withinOrganization: naming === 'o' };
      const { meta } = data.plan;
      const context = {
        items: state.items,
        group,
        policy: meta.onDayOff ?? 'previousWorkingDay',
        fromYear: Number(schoolYearOf(meta.updated.slice(0, 10)).slice(0, 4)),
        changeNote: (s: Series) => changeNote(data.changeLog, s, meta.updated),
      };
      contents = renderSeriesEvents(series, context, meta.updated);
      state.contents.set(fingerprint, contents);
    }
    return contents;
  }

  /** The events of a feed's series, in the engine's order. */
  function eventsOf(data: Dataset, state: DatasetState, series: readonly Series[], audience: Audience): EventContent[] {
    let ambiguous = state.ambiguous.get(series);
    if (ambiguous === undefined) state.ambiguous.set(series, (ambiguous = ambiguousSeries(series)));
    const named = audience.kind === 'organization' ? 'o' : 'g';
    return series.flatMap((one) => contentsOf(data, state, one, ambiguous.has(one) ? named : '-'));
  }

  function canonicalOf(data: Dataset, state: DatasetState): ReadonlyMap<string, string> {
    if (state.canonical === undefined) {
      const canonical = new Map<string, string>();
      for (const audience of SHARED_AUDIENCES) {
        for (const content of eventsOf(data, state, source(data, audience, FULL).series, audience)) {
          if (!canonical.has(content.key)) canonical.set(content.key, content.hash);
        }
      }
      state.canonical = canonical;
    }
    return state.canonical;
  }

  function sharedKeyOf(ledgerKey: string, content: EventContent): string | undefined {
    return ledgerKey === content.key ? undefined : content.key;
  }

  /**
   * The series key when the event is the shared one; scoped when this feed's own data shaped it.
   * Once scoped, always scoped: an event that returns to the shared content keeps its own entry,
   * because the shared entry's SEQUENCE may be lower than the one its subscribers hold, and
   * clients ignore an event whose SEQUENCE went back.
   */
  function ledgerKeyOf(history: Dataset['eventHistory'], canonical: ReadonlyMap<string, string>, content: EventContent, scope: string): string {
    const scoped = `${content.key}.${scope}`;
    const shared = canonical.get(content.key) === content.hash;
    return shared && (history === undefined || !Object.hasOwn(history, scoped)) ? content.key : scoped;
  }

  function foldedOf(state: DatasetState, content: EventContent, publicUrl: string): FoldedContent {
    let byContent = state.folded.get(publicUrl);
    if (byContent === undefined) {
      byContent = new WeakMap();
      state.folded.set(publicUrl, byContent);
    }
    let folded = byContent.get(content);
    if (folded === undefined) {
      const url = escape(baseUrl(publicUrl), false);
      folded = {
        stampLine: foldLines(content.stampLine),
        body: foldLines(content.body.replaceAll(PUBLIC_URL_PLACEHOLDER, url)),
        tail: foldLines(content.tail.replaceAll(PUBLIC_URL_PLACEHOLDER, url)),
      };
      byContent.set(content, folded);
    }
    return folded;
  }

  function alarmsOf(state: DatasetState, content: EventContent, reminders: readonly number[]): string {
    // Alarms on daily slots would ring every school day: noise, not a reminder.
    if (!content.allDay || reminders.length === 0) return '';
    let text = '';
    for (const days of reminders) {
      // The hash covers the summary and the dates; the alarm years decide a yearly event's instances.
      const years = content.yearly ? `${state.alarmYears.first}-${state.alarmYears.last}` : '';
      const key = `${content.key}\0${content.hash}\0${content.lastDay ?? ''}\0${years}\0${days}`;
      let block = alarmMemo.get(key);
      if (block === undefined) {
        block = foldLines(renderAlarms(content.summary, instanceLastDays(content, state.alarmYears), days));
        alarmMemo.set(key, block);
      }
      text += block;
    }
    return text;
  }

  function render(data: Dataset, audience: Audience, options: FeedOptions, ctx: RenderContext): string {
    if (/[\r\n]/.test(ctx.publicUrl)) throw new Error('publicUrl must be a single line');
    const result = source(data, audience, { daily: options.daily, ...(options.items === undefined ? {} : { items: options.items }) });
    const state = stateFor(data);
    const canonical = canonicalOf(data, state);
    const scope = uidScope(audience);
    const updated = data.plan.meta.updated;
    // Pieces joined once at the end: a string grown by `+=` is a rope of a few thousand pieces,
    // and encoding it as UTF-8 walks the rope first (feeds took 2.3 times as long to encode).
    const events: string[] = [];
    let timed = false;
    for (const content of eventsOf(data, state, result.series, audience)) {
      const folded = foldedOf(state, content, ctx.publicUrl);
      const ledgerKey = ledgerKeyOf(data.eventHistory, canonical, content, scope);
      const stamp = resolveStamp(data.eventHistory, ledgerKey, content.hash, updated, sharedKeyOf(ledgerKey, content));
      events.push(
        'BEGIN:VEVENT\r\n',
        foldLines(`UID:${content.key}.${scope}@${UID_DOMAIN}\r\n`),
        `SEQUENCE:${stamp.sequence}\r\n`,
        folded.stampLine,
        folded.body,
        alarmsOf(state, content, options.reminders),
        folded.tail,
        `LAST-MODIFIED:${icsUtc(stamp.modified)}\r\n`,
        EVENT_END,
      );
      timed ||= !content.allDay;
    }
    return [calendarHeader(data, audience, options, ctx.publicUrl, result), timed ? MOSCOW_VTIMEZONE : '', ...events, 'END:VCALENDAR\r\n'].join('');
  }

  function ledgerEvents(data: Dataset, audience: Audience): LedgerEvent[] {
    const state = stateFor(data);
    const canonical = canonicalOf(data, state);
    const scope = uidScope(audience);
    return eventsOf(data, state, source(data, audience, FULL).series, audience).map((content) => {
      const ledgerKey = ledgerKeyOf(data.eventHistory, canonical, content, scope);
      const sharedKey = sharedKeyOf(ledgerKey, content);
      return { ledgerKey, hash: content.hash, ...(sharedKey === undefined ? {} : { sharedKey }) };
    });
  }

  return { render, ledgerEvents };
}
