/**
 * The second line of defence behind the schema's TEXT_PATTERN: whatever reaches a feed's TEXT
 * value (hand-made data sets, future fields) loses the characters RFC 5545 forbids there —
 * controls other than tab and line feed (a line feed is written as `\n`), DEL, C1, U+2028/U+2029 —
 * and the bidi controls that make one name read as another. Clients reject a whole feed for a
 * raw control character; a dropped character is better than a lost calendar.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

export function dropControls(text: string): string {
  return text.replace(UNSAFE, '');
}
