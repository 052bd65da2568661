/**
 * Golden feeds from the bundled plan.json + data/ and the committed event ledger, compared byte
 * for byte (CRLF kept: test/golden/*.ics is `-text` in .gitattributes). After an intended
 * change, regenerate with `UPDATE_GOLDEN=1 npx vitest run test/ics-golden.test.ts` and review
 * the diff.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Audience, Dataset } from '../src/domain/model.js';
import { ALL_DUTIES, type FeedOptions } from '../src/render/feed-options.js';
import { renderFeed } from '../src/render/ics/index.js';
import { PUBLIC_URL, bundledDataset } from './helpers/ics.js';

const DIR = 'test/golden';
const UPDATE = process.env.UPDATE_GOLDEN === '1';

let data: Dataset;
beforeAll(async () => {
  data = await bundledDataset();
});

const GOLDEN: { file: string; audience: (data: Dataset) => Audience; options: FeedOptions }[] = [
  { file: 'general.ics', audience: () => ({ kind: 'type', type: 'general' }), options: ALL_DUTIES },
  { file: 'preschool.ics', audience: () => ({ kind: 'type', type: 'preschool' }), options: ALL_DUTIES },
  { file: 'additional.ics', audience: () => ({ kind: 'type', type: 'additional' }), options: ALL_DUTIES },
  {
    // A school with preschool groups: two types, two sets of schedules, and reminders.
    file: 'organization-sosh-6.ics',
    audience: (data) => {
      const organization = data.organizationsById.get('sosh-6');
      if (organization === undefined) throw new Error('sosh-6 is not in the bundled registry');
      expect(organization.types).toEqual(['general', 'preschool']);
      return { kind: 'organization', organization };
    },
    options: { reminders: [1, 7], daily: true },
  },
];

describe('golden feeds', () => {
  for (const { file, audience, options } of GOLDEN) {
    it(`renders ${file} byte for byte`, () => {
      const text = renderFeed(data, audience(data), options, { publicUrl: PUBLIC_URL });
      const path = `${DIR}/${file}`;
      if (UPDATE || !existsSync(path)) {
        if (!UPDATE) throw new Error(`${path} is missing: run UPDATE_GOLDEN=1 npx vitest run test/ics-golden.test.ts`);
        mkdirSync(DIR, { recursive: true });
        writeFileSync(path, text);
      }
      const golden = readFileSync(path, 'utf8');
      expect(golden).toMatch(/\r\n$/);
      expect(text).toBe(golden);
    });
  }
});
