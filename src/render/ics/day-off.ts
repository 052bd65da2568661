/**
 * The words of the day-off policy (plan.meta.onDayOff) in events: what the order says, where
 * the calendar put the deadline and why, and when an opening day is a day off.
 */
import { isoWeekday } from '../../domain/dates.js';
import type { DayOffShift, IsoDate } from '../../domain/model.js';
import type { OnDayOff } from '../../domain/schema.js';
import { MONTHS_GENITIVE } from '../../domain/vocabulary.js';

const WEEKDAY_NOMINATIVE = ['понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота', 'воскресенье'] as const;
const WEEKDAY_ACCUSATIVE = ['понедельник', 'вторник', 'среду', 'четверг', 'пятницу', 'субботу', 'воскресенье'] as const;

/** `2026-09-05` → «5 сентября». */
export function dayAndMonth(date: IsoDate): string {
  const [, month, day] = date.split('-').map(Number);
  return `${day ?? ''} ${MONTHS_GENITIVE[(month ?? 1) - 1] ?? ''}`;
}

function weekday(date: IsoDate, names: readonly string[]): string {
  return names[isoWeekday(date) - 1] ?? '';
}

/** «по приказу — до 5 сентября (суббота); срок в календаре перенесён на пятницу, 4 сентября». */
export function shiftLine(shift: DayOffShift): string {
  return (
    `По приказу — до ${dayAndMonth(shift.orderDate)} (${weekday(shift.orderDate, WEEKDAY_NOMINATIVE)}); ` +
    `срок в календаре перенесён на ${weekday(shift.date, WEEKDAY_ACCUSATIVE)}, ${dayAndMonth(shift.date)}.`
  );
}

/** The policy in the yearly event, so the years that are not moved say what happens in the others. */
export function policyLine(policy: OnDayOff): string | undefined {
  switch (policy) {
    case 'previousWorkingDay':
      return 'Когда этот день выходной, срок в календаре стоит на предыдущем рабочем дне (отдельным событием).';
    case 'nextWorkingDay':
      return 'Когда этот день выходной, срок в календаре стоит на следующем рабочем дне (отдельным событием).';
    case 'keep':
      return undefined;
  }
}

/**
 * «Выходной день: 1 апреля 2028 г. — суббота; …» for the days (from the current year on) an
 * `opening` — or a `date` kept by `onDayOff: keep` — stays on although it is a day off.
 */
export function daysOffLine(days: readonly IsoDate[], kind: 'opening' | 'date'): string | undefined {
  if (days.length === 0) return undefined;
  const list = days.map((date) => `${dayAndMonth(date)} ${date.slice(0, 4)} г. — ${weekday(date, WEEKDAY_NOMINATIVE)}`).join('; ');
  const what =
    kind === 'opening'
      ? 'возможность открывается в этот день, работу можно начать в ближайший рабочий день'
      : 'срок в календаре оставлен, как в приказе';
  return `Выходной день: ${list}; ${what}.`;
}
