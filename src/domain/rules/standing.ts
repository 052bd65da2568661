/**
 * Standing duties in the agenda: once per school year, an all-day event on the first working
 * day of September lists every duty without a date of its own, so a subscriber meets them
 * where Outlook and Google show things (the calendar's description is invisible there).
 */
import { shortSchoolYear } from '../dates.js';
import type { SingleSeries, StandingDuty } from '../model.js';
import type { WorkingCalendar } from '../working-days.js';
import { canonicalTypes } from '../audience.js';

/** The title of the yearly standing-duties event, in feeds and in the JSON. */
export const STANDING_TITLE = 'Постоянные обязанности по ГИС ЭО';
export const STANDING_WORDING = 'Постоянные обязанности: по мере необходимости и при изменении данных';

/** The year's standing-duties event, or `undefined` when the audience has none. */
export function standingSeries(standing: readonly StandingDuty[], schoolYearId: string, working: WorkingCalendar): SingleSeries | undefined {
  if (standing.length === 0) return undefined;
  const items = [...new Set(standing.map((duty) => duty.item))].sort((a, b) => a - b);
  const date = working.nearestWorkingDay(`${schoolYearId.slice(0, 4)}-09-01`, 1);
  return {
    key: `standing.${schoolYearId}`,
    item: items[0] as number,
    schedule: 0,
    rule: 0,
    kind: 'standing',
    wording: STANDING_WORDING,
    organizationTypes: canonicalTypes(standing.flatMap((duty) => duty.organizationTypes)),
    label: `постоянные обязанности ${shortSchoolYear(schoolYearId)}`,
    shape: 'single',
    schoolYear: schoolYearId,
    start: date,
    end: date,
    provisional: false,
    items,
  };
}
