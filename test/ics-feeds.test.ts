import { describe, expect, it } from 'vitest';
import type { Audience } from '../src/domain/model.js';
import { DEFAULT_FEED_OPTIONS } from '../src/render/feed-options.js';
import { feedFileName, feedPath, feedTitle, feedUrls } from '../src/render/feeds.js';
import { HOSTILE, fixtureDataset } from './helpers/ics.js';

const ORG: Audience = { kind: 'organization', organization: { ...HOSTILE, id: 'sosh-6', shortName: 'МБОУ «СОШ № 6»' } };
const data = fixtureDataset();

describe('feed naming', () => {
  const cases: [Audience, string, string, string][] = [
    [{ kind: 'all' }, '/feeds/all.ics', 'ГИС ЭО: весь план', 'gis-eo-all.ics'],
    [{ kind: 'type', type: 'general' }, '/feeds/general.ics', 'ГИС ЭО: общеобразовательные организации', 'gis-eo-general.ics'],
    [{ kind: 'type', type: 'preschool' }, '/feeds/preschool.ics', 'ГИС ЭО: дошкольные организации', 'gis-eo-preschool.ics'],
    [
      { kind: 'type', type: 'additional' },
      '/feeds/additional.ics',
      'ГИС ЭО: организации дополнительного образования',
      'gis-eo-additional.ics',
    ],
    [ORG, '/feeds/organizations/sosh-6.ics', 'ГИС ЭО: МБОУ «СОШ № 6»', 'gis-eo-sosh-6.ics'],
  ];
  for (const [audience, path, title, file] of cases) {
    it(`names the ${path} feed`, () => {
      expect(feedPath(audience)).toBe(path);
      expect(feedTitle(audience, data)).toBe(title);
      expect(feedFileName(audience)).toBe(file);
      expect(feedFileName(audience)).toMatch(/^[\x20-\x7e]+$/);
    });
  }

  it('builds https and webcal links with the canonical query', () => {
    expect(feedUrls({ kind: 'type', type: 'general' }, 'https://eo.example/', DEFAULT_FEED_OPTIONS)).toEqual({
      https: 'https://eo.example/feeds/general.ics',
      webcal: 'webcal://eo.example/feeds/general.ics',
    });
    expect(feedUrls(ORG, 'http://localhost:3000', { reminders: [1, 7], daily: false, items: [3, 8] })).toEqual({
      https: 'http://localhost:3000/feeds/organizations/sosh-6.ics?reminders=1,7&daily=0&items=3,8',
      webcal: 'webcal://localhost:3000/feeds/organizations/sosh-6.ics?reminders=1,7&daily=0&items=3,8',
    });
  });
});
