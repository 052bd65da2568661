/**
 * Feed naming shared by the iCalendar renderer, the API and the pages: where a feed lives,
 * what it is called, and the links a subscriber copies.
 */
import type { Audience, Dataset } from '../domain/model.js';
import { ORGANIZATION_TYPES } from '../domain/vocabulary.js';
import { feedOptionsKey, type FeedOptions } from './feed-options.js';

const TITLE_PREFIX = 'ГИС ЭО';

/** Path of the feed under the public URL, e.g. `/feeds/general.ics`. */
export function feedPath(audience: Audience): string {
  switch (audience.kind) {
    case 'all':
      return '/feeds/all.ics';
    case 'type':
      return `/feeds/${audience.type}.ics`;
    case 'organization':
      return `/feeds/organizations/${audience.organization.id}.ics`;
  }
}

/** Calendar name a client shows, e.g. «ГИС ЭО: дошкольные организации». */
export function feedTitle(audience: Audience, _data?: Dataset): string {
  switch (audience.kind) {
    case 'all':
      return `${TITLE_PREFIX}: весь план`;
    case 'type':
      return `${TITLE_PREFIX}: ${ORGANIZATION_TYPES[audience.type].shortName}`;
    case 'organization':
      return `${TITLE_PREFIX}: ${audience.organization.shortName}`;
  }
}

/** ASCII file name for downloads, e.g. `gis-eo-general.ics`. */
export function feedFileName(audience: Audience): string {
  switch (audience.kind) {
    case 'all':
      return 'gis-eo-all.ics';
    case 'type':
      return `gis-eo-${audience.type}.ics`;
    case 'organization':
      return `gis-eo-${audience.organization.id}.ics`;
  }
}

/** The site's base URL without a trailing slash, so paths can be appended as they are. */
export function baseUrl(publicUrl: string): string {
  return publicUrl.replace(/\/+$/, '');
}

export interface FeedUrls {
  readonly https: string;
  /** For Apple Calendar and Outlook desktop, which subscribe on `webcal://`. */
  readonly webcal: string;
}

/** Subscription links with the canonical query of the options (equal options, equal links). */
export function feedUrls(audience: Audience, publicUrl: string, options: FeedOptions): FeedUrls {
  const query = feedOptionsKey(options);
  const https = `${baseUrl(publicUrl)}${feedPath(audience)}${query === '' ? '' : `?${query}`}`;
  return { https, webcal: https.replace(/^https?:\/\//i, 'webcal://') };
}
