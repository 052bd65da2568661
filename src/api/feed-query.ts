/**
 * The feed's query string as the API documents it (validation, OpenAPI) and the limits it
 * states; its meaning (FeedOptions) is read by src/render/feed-options.ts.
 */
import Type, { type Static } from 'typebox';

/**
 * The reminder offsets a feed offers, in days before a deadline (its last day for a multi-day
 * duty). A fixed set, at most three at once: 92 lists per feed instead of 61^5, so the variants
 * a client can make the service render and keep stay few (issue 13), and these cover what a
 * school asks for — the day itself, a few days, a week, two weeks, a month.
 */
export const REMINDER_OFFSETS: readonly number[] = [0, 1, 2, 3, 5, 7, 14, 30];
export const MAX_REMINDERS = 3;
export const MAX_REMINDER_DAYS = Math.max(...REMINDER_OFFSETS);

/** `0, 1, 2, 3, 5, 7, 14 или 30`: the offsets as a message names them. */
export function offeredDaysText(offsets: readonly number[]): string {
  return `${offsets.slice(0, -1).join(', ')} или ${offsets.at(-1) ?? 0}`;
}
export const REMINDER_OFFSETS_TEXT = offeredDaysText(REMINDER_OFFSETS);

const NUMBER_LIST = '^\\d{1,4}(,\\d{1,4})*$';

// The descriptions double as the hint in a 400 problem's detail: they say what a valid value is.
export const FeedQuery = Type.Object(
  {
    reminders: Type.Optional(
      Type.String({
        pattern: NUMBER_LIST,
        description: `Напоминания в 09:00 по Москве: за сколько дней до срока (у многодневного дела — до его последнего дня), ${REMINDER_OFFSETS_TEXT}, через запятую, не более ${MAX_REMINDERS}, например reminders=1,7.`,
        examples: ['1,7'],
      }),
    ),
    daily: Type.Optional(
      Type.Union([Type.Literal('0'), Type.Literal('1')], {
        description: 'Ежедневные обязанности (пп. 18 и 24: короткое событие в каждый учебный или рабочий день): 1 — включать (по умолчанию; так же, как без параметра), 0 — только сроки.',
      }),
    ),
    items: Type.Optional(
      Type.String({
        pattern: NUMBER_LIST,
        description: 'Только эти пункты плана: номера пунктов через запятую, например items=3,8,12.',
        examples: ['3,8,12'],
      }),
    ),
  },
  { additionalProperties: false },
);
export type FeedQuery = Static<typeof FeedQuery>;
