/**
 * The one time zone the feeds use. Moscow has had no clock changes since 26.10.2014, so a
 * single STANDARD observance with no RRULE describes every date the plan can produce; Outlook
 * needs the block to exist for every TZID it meets, or it shifts the events.
 */
export const MOSCOW = 'Europe/Moscow';

export const MOSCOW_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${MOSCOW}`,
  `X-LIC-LOCATION:${MOSCOW}`,
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0300',
  'TZOFFSETTO:+0300',
  'TZNAME:MSK',
  'DTSTART:19700101T000000',
  'END:STANDARD',
  'END:VTIMEZONE',
  '',
].join('\r\n');
