/**
 * The calendar's own properties: what clients show as its name and description, where it comes
 * from and how often to refresh it. Every TEXT value is escaped here, because ical-generator
 * leaves NAME, X-WR-CALNAME and X-WR-CALDESC as they are.
 */
import { escape } from 'ical-generator';
import { dropControls } from './text.js';
import type { Audience, Dataset, SeriesResult } from '../../domain/model.js';
import type { FeedOptions } from '../feed-options.js';
import { baseUrl, feedTitle, feedUrls } from '../feeds.js';
import { calendarDescription } from './describe.js';
import { icsUtc } from './event.js';
import { foldLines } from './fold.js';
import { MOSCOW } from './timezone.js';

export const PRODID = '-//Inta education department//eo-calendar//RU';
/** Google polls every 12–24 h whatever we say; Apple and Outlook follow this. */
const REFRESH = 'PT12H';

/** From BEGIN:VCALENDAR to the last calendar property, folded, CRLF after each line. */
export function calendarHeader(
  data: Dataset,
  audience: Audience,
  options: FeedOptions,
  publicUrl: string,
  result: SeriesResult,
): string {
  const base = baseUrl(publicUrl);
  const title = escape(dropControls(feedTitle(audience, data)), false);
  const description = escape(dropControls(calendarDescription(data, audience, options, result.standing, result.missing)), false);
  const page = audience.kind === 'organization' ? `${base}/organizations/${audience.organization.id}` : `${base}/`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `NAME:${title}`,
    `X-WR-CALNAME:${title}`,
    `DESCRIPTION:${description}`,
    `X-WR-CALDESC:${description}`,
    `URL;VALUE=URI:${page}`,
    `SOURCE;VALUE=URI:${feedUrls(audience, publicUrl, options).https}`,
    `REFRESH-INTERVAL;VALUE=DURATION:${REFRESH}`,
    `X-PUBLISHED-TTL:${REFRESH}`,
    `X-WR-TIMEZONE:${MOSCOW}`,
    `LAST-MODIFIED:${icsUtc(data.plan.meta.updated)}`,
    '',
  ];
  return foldLines(lines.join('\r\n'));
}
