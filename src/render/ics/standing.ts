/**
 * The texts of the yearly «Постоянные обязанности по ГИС ЭО» event: every duty without a date
 * of its own that the feed's audience has, each with the order's wording, so the duties appear
 * in the agenda and not only in the calendar's (invisible) description.
 */
import type { SingleSeries } from '../../domain/model.js';
import { STANDING_TITLE } from '../../domain/rules/standing.js';
import type { Item } from '../../domain/schema.js';
import { ORGANIZATION_TYPES } from '../../domain/vocabulary.js';
import { shortSchoolYear, standingDutyText } from './describe.js';

/** The order's line-break hyphens («законодатель- стве») mended for reading; plan.json keeps them verbatim. */
function mended(wording: string): string {
  return wording.replace(/(\p{Ll})- (\p{Ll})/gu, '$1$2');
}

export function standingSummary(series: SingleSeries): string {
  return `${STANDING_TITLE} — ${shortSchoolYear(series.schoolYear)}`;
}

/** One line per standing rule of the listed items that applies to the series' types. */
export function standingDescription(series: SingleSeries, items: ReadonlyMap<number, Item>, planLink: string, namesTypes: boolean): string {
  const lines = [
    `Обязанности без своей даты на ${shortSchoolYear(series.schoolYear)} учебный год: выполняются по мере необходимости или в течение нескольких рабочих дней после изменения данных.`,
    '',
  ];
  for (const number of series.items ?? []) {
    const item = items.get(number);
    if (item === undefined) continue;
    for (const schedule of item.schedules) {
      const types = schedule.organizationTypes.filter((type) => series.organizationTypes.includes(type));
      if (types.length === 0) continue;
      for (const rule of schedule.rules) {
        if (rule.kind !== 'onChange' && rule.kind !== 'asNeeded') continue;
        const who = namesTypes ? ` (${types.map((type) => ORGANIZATION_TYPES[type].shortName).join(', ')})` : '';
        lines.push(`• п. ${item.number}. ${item.title} — ${standingDutyText(rule)}${who}. Срок по приказу: «${mended(schedule.wording)}».`);
      }
    }
  }
  lines.push('', `План: ${planLink}`);
  return lines.join('\n');
}
