import { DateTime } from 'luxon';
import { ExportError } from './errors.js';

/** Midnight in Moscow starting `date`: the app's clock for the pages and the data's load time. */
export function exportClock(date: string): () => Date {
  const start = DateTime.fromISO(date, { zone: 'Europe/Moscow' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !start.isValid) throw new ExportError(`Неверная дата «${date}»: ожидается ГГГГ-ММ-ДД`);
  const at = start.startOf('day').toJSDate();
  return () => at;
}
