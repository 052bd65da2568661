/** The feed drops control and bidi characters that slipped past validation (issue 13: second line of defence). */
import { describe, expect, it } from 'vitest';
import type { Audience } from '../src/domain/model.js';
import { createFeedRenderer } from '../src/render/ics/calendar.js';
import { dropControls } from '../src/render/ics/text.js';
import { HOSTILE, PUBLIC_URL, fixtureDataset, fixtureSource, parseFeed } from './helpers/ics.js';

const NASTY = 'A\u0000B\u0007C\u000BD\u000CE\u007FF\u0085G\u009BH\u2028I\u2029J\u202EK\u2066L\u200FM\u061CN';

describe('dropControls', () => {
  it('keeps letters, tab and line feed, drops every other control and bidi character', () => {
    expect(dropControls(NASTY)).toBe('ABCDEFGHIJKLMN');
    expect(dropControls('СОШ\t№ 5\nИнта')).toBe('СОШ\t№ 5\nИнта');
  });
});

describe('a feed for a name with raw control characters', () => {
  it('has none of them in its raw lines and still parses', () => {
    const organization = { ...HOSTILE, name: `Школа ${NASTY}`, shortName: `СОШ ${NASTY}` };
    const data = { ...fixtureDataset(), organizationsById: new Map([[organization.id, organization]]) };
    const audience: Audience = { kind: 'organization', organization };
    const text = createFeedRenderer(fixtureSource()).render(data, audience, { reminders: [1], daily: true }, { publicUrl: PUBLIC_URL });
    const body = text.replaceAll('\r\n', '');
    // eslint-disable-next-line no-control-regex -- the test looks for control characters
    expect(body).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/);
    expect(text).toContain('ABCDEFGHIJKLMN');
    expect(parseFeed(text).getFirstPropertyValue('x-wr-calname')).toContain('ABCDEFGHIJKLMN');
  });
});
