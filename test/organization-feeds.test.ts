/**
 * Issue 10, «per organization, per type»: the school-day slot follows the organization's
 * settings over the municipal defaults per type; an organization with two types gets distinct
 * titles for the schedules of items 5, 6 and 14; «Ответственные» names only its own types.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Audience, Dataset } from '../src/domain/model.js';
import { DEFAULT_FEED_OPTIONS } from '../src/render/feed-options.js';
import { renderFeed } from '../src/render/ics/index.js';
import { occurrencesDocument } from '../src/render/json/occurrences.js';
import { agenda } from './helpers/agenda.js';
import { PUBLIC_URL, bundledDataset, eventBlocks, propertyValue, unescapeText } from './helpers/ics.js';

let data: Dataset;
beforeAll(async () => {
  data = await bundledDataset();
});

const org = (id: string): Audience => {
  const organization = data.organizationsById.get(id);
  if (organization === undefined) throw new Error(id);
  return { kind: 'organization', organization };
};
const feed = (audience: Audience) => renderFeed(data, audience, DEFAULT_FEED_OPTIONS, { publicUrl: PUBLIC_URL });
const AUTUMN_2025 = { from: '2025-10-25', to: '2025-11-08' };

function slots(audience: Audience): { day: string; time: string }[] {
  return occurrencesDocument(data, audience, AUTUMN_2025, { daily: true, items: [18] })
    .occurrences.filter((o) => o.kind === 'daily')
    .map((o) => ({ day: o.start.slice(0, 10), time: o.time ?? '' }));
}

describe('the school-day slot (item 18)', () => {
  it('a school: 15:00, Monday to Friday, not in the school holidays', () => {
    expect(slots(org('licey-1'))).toEqual([
      { day: '2025-11-05', time: '15:00' },
      { day: '2025-11-06', time: '15:00' },
      { day: '2025-11-07', time: '15:00' },
    ]);
  });

  it('the evening school: its own time and a six-day week', () => {
    expect(slots(org('ososh'))).toEqual([
      { day: '2025-11-05', time: '20:30' },
      { day: '2025-11-06', time: '20:30' },
      { day: '2025-11-07', time: '20:30' },
      { day: '2025-11-08', time: '20:30' },
    ]);
  });

  it('an additional-education centre: Saturdays and the school holidays, by the municipal default', () => {
    const days = slots(org('cvr'));
    expect(days.every((d) => d.time === '18:00')).toBe(true);
    // 25.10 (Saturday, in the autumn holidays), the holiday weekdays, 1.11 (a working Saturday); not 3–4.11 (days off) or Sundays
    expect(days.map((d) => d.day)).toEqual([
      '2025-10-25', '2025-10-27', '2025-10-28', '2025-10-29', '2025-10-30', '2025-10-31', '2025-11-01',
      '2025-11-05', '2025-11-06', '2025-11-07', '2025-11-08',
    ]);
    // the feed, as ical.js expands it, says the same
    const fromFeed = agenda(feed(org('cvr')), AUTUMN_2025.to)
      .filter((e) => e.items[0] === 18 && e.day >= AUTUMN_2025.from)
      .map((e) => e.day)
      .sort();
    expect(fromFeed).toEqual(days.map((d) => d.day));
  });
});

describe('an organization with two types (СОШ № 6)', () => {
  it('titles the schedules of items 5, 6 and 14 by whom they are for', () => {
    const summaries = new Map(eventBlocks(feed(org('sosh-6'))).map((b) => [propertyValue(b, 'UID') ?? '', propertyValue(b, 'SUMMARY') ?? '']));
    expect(summaries.get('i6.s0.r0.org-sosh-6@eo-calendar')).toBe('п. 6. Приказы о выпускниках — школа');
    expect(summaries.get('i6.s1.r0.org-sosh-6@eo-calendar')).toBe('п. 6. Приказы о выпускниках — дошкольные группы');
    expect(summaries.get('i14.s0.r0.org-sosh-6@eo-calendar')).toBe('п. 14. Закрытие учебного года — дошкольные группы');
    expect(summaries.get('i14.s1.r0.org-sosh-6@eo-calendar')).toBe('п. 14. Закрытие учебного года — школа');
    expect(summaries.get('i5.s1.r0.org-sosh-6@eo-calendar')).toBe('п. 5. Приказ о переводе на следующий учебный год — дошкольные группы');
    expect(summaries.get('i5.s0.r0.quarters.2025-2026.org-sosh-6@eo-calendar')).toBe(
      'п. 5. Приказ о переводе на следующий учебный год — завершение 2025/26 учебного года\\, школа',
    );
  });

  it('names only its own types as responsible', () => {
    for (const block of eventBlocks(feed(org('sosh-6')))) {
      const description = unescapeText(propertyValue(block, 'DESCRIPTION') ?? '');
      expect(description, propertyValue(block, 'UID')).not.toContain('дополнительного образования');
    }
    const item12 = eventBlocks(feed(org('sosh-6'))).find((b) => b.includes('UID:i12.s0.r0.org-sosh-6@eo-calendar')) ?? [];
    expect(unescapeText(propertyValue(item12, 'DESCRIPTION') ?? '')).toContain(
      'Ответственные: общеобразовательные организации; дошкольные образовательные организации\n',
    );
  });
});
