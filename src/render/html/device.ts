/** Which calendar app a visitor most likely uses, from the User-Agent: it decides which subscribe choice comes first. */

export type Device = 'apple' | 'android' | 'windows' | 'other';

export const DEVICES: readonly Device[] = ['apple', 'android', 'windows', 'other'];

/** iPhone/iPad/Mac → Apple Calendar; Android → Google Calendar; Windows → Outlook; else none in particular. */
export function deviceOf(userAgent: string | undefined): Device {
  const ua = userAgent ?? '';
  // Android first: some Android browsers say "like Mac OS X"; iPadOS says "Macintosh".
  if (/Android/i.test(ua)) return 'android';
  if (/iPhone|iPad|iPod|Macintosh|Mac OS X/i.test(ua)) return 'apple';
  if (/Windows/i.test(ua)) return 'windows';
  return 'other';
}
