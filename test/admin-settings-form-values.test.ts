/** The settings form sends its values back into the data: they must come back as they were. */
import { describe, expect, it } from 'vitest';
import { settingsForm } from '../src/admin/pages/settings-form.js';
import { toDocument } from '../src/render/html/template.js';

const ctx = {
  base: '',
  siteTitle: 'Календарь',
  assets: { css: '/a.css', js: '/a.js' },
  identity: { department: 'Отдел', updated: '2026-12-01', version: '1', sampleRegistry: false },
};

describe('settings form values', () => {
  it('keep a term or holiday name verbatim: no no-break spaces or „inner“ quotes from the page typography', () => {
    const name = 'каникулы «Зима «31 декабря»» № 2 до 2027 г.';
    const page = toDocument(
      settingsForm(ctx, {
        action: '/admin/organizations/x',
        csrf: 't',
        version: 'v',
        values: {},
        monthChoices: [],
        year: '2026-2027',
        years: ['2026-2027'],
        calendar: { terms: [{ name: '1-я четверть', start: '2026-09-01', end: '2026-10-30' }], holidays: [{ name, start: '2026-12-31', end: '2027-01-11' }] },
        ownCalendar: true,
        calendarConfirmed: true,
        problems: [],
      }),
    );
    const value = /name="holidays\.0\.name" value="([^"]*)"/.exec(page)?.[1];
    expect(value).toBe(name);
    expect(value).not.toContain('\u00a0');
    // The visible label still gets the typography.
    expect(page).toContain('31\u00a0декабря');
  });
});
