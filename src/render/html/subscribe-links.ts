/**
 * Every way to subscribe to one feed (`ics-interop.md`, «Subscribe links»): webcal for Apple
 * Calendar and desktop Outlook, addfromweb for Outlook.com and Microsoft 365, the plain https
 * link for Google Calendar (pasted into its «From URL» page), a download, and the QR code's URL.
 */
import type { Audience, Dataset } from '../../domain/model.js';
import type { FeedOptions } from '../feed-options.js';
import { feedFileName, feedTitle, feedUrls } from '../feeds.js';

export const GOOGLE_ADD_BY_URL = 'https://calendar.google.com/calendar/u/0/r/settings/addbyurl';

export interface SubscribeLinks {
  /** The calendar's name, as Outlook shows it after adding. */
  readonly name: string;
  readonly https: string;
  readonly webcal: string;
  readonly outlookLive: string;
  readonly outlookOffice: string;
  readonly google: string;
  readonly fileName: string;
}

function addFromWeb(host: string, https: string, name: string): string {
  return `https://${host}/calendar/0/addfromweb?url=${encodeURIComponent(https)}&name=${encodeURIComponent(name)}`;
}

export function subscribeLinks(audience: Audience, data: Dataset, publicUrl: string, options: FeedOptions): SubscribeLinks {
  const { https, webcal } = feedUrls(audience, publicUrl, options);
  const name = feedTitle(audience, data);
  return {
    name,
    https,
    webcal,
    outlookLive: addFromWeb('outlook.live.com', https, name),
    outlookOffice: addFromWeb('outlook.office.com', https, name),
    google: GOOGLE_ADD_BY_URL,
    fileName: feedFileName(audience),
  };
}
