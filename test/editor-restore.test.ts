/** A restore puts back the department's documents and keeps the schools' own settings (src/admin/editor/restore.ts). */
import { describe, expect, it } from 'vitest';
import { keepingCurrentSettings } from '../src/admin/editor/restore.js';
import { signedInEditor } from './helpers/editor.js';

describe('keepingCurrentSettings', () => {
  const restored = {
    removed: [],
    organizations: [
      { id: 'a', name: 'А (старое имя)', settings: { weekDays: 5 } },
      { id: 'b-old', name: 'Б', settings: { weekDays: 5 } },
      { id: 'c', name: 'В' },
      { id: 'gone', name: 'Г', settings: { weekDays: 6 } },
      { id: 'same', name: 'Д', settings: { weekDays: 6 } },
    ],
  };
  const current = {
    organizations: [
      { id: 'a', name: 'А', settings: { weekDays: 6 } },
      { id: 'b', previousIds: ['b-old'], name: 'Б', settings: { dailyTime: '08:30' } },
      { id: 'c', name: 'В', settings: { weekDays: 6 } },
      { id: 'same', name: 'Д', settings: { weekDays: 6 } },
    ],
  };

  it('takes each present organization’s current settings, by id or former id, and nothing else', () => {
    const { organizations, kept } = keepingCurrentSettings(restored, current);
    expect(organizations).toEqual({
      removed: [],
      organizations: [
        { id: 'a', name: 'А (старое имя)', settings: { weekDays: 6 } },
        { id: 'b-old', name: 'Б', settings: { dailyTime: '08:30' } },
        { id: 'c', name: 'В', settings: { weekDays: 6 } },
        { id: 'gone', name: 'Г', settings: { weekDays: 6 } },
        { id: 'same', name: 'Д', settings: { weekDays: 6 } },
      ],
    });
    expect(kept).toEqual(['a', 'b-old', 'c']);
  });

  it('drops settings an organization no longer has, and leaves documents of another shape alone', () => {
    const { organizations } = keepingCurrentSettings({ organizations: [{ id: 'a', settings: { weekDays: 6 } }] }, { organizations: [{ id: 'a' }] });
    expect(organizations).toEqual({ organizations: [{ id: 'a' }] });
    expect(keepingCurrentSettings('broken', current).organizations).toBe('broken');
    expect(keepingCurrentSettings(restored, null).organizations).toBe(restored);
  });
});

describe('restoring from the history page', () => {
  it('publishes a restore once; the same restore again makes no revision and says so', async () => {
    const { editor, agent } = await signedInEditor();
    try {
      // Revision 1 is what is served: restoring it changes nothing.
      const before = await editor.state.revisions.ids();
      const again = await agent.post('/admin/history/1/restore', { _csrf: await agent.csrf('/admin/history') });
      expect(again.statusCode).toBe(303);
      expect(again.headers.location).toMatch(/^\/admin\/history\?unchanged=\d+$/);
      expect(await editor.state.revisions.ids()).toEqual(before);
      expect((await agent.get(String(again.headers.location))).body).toContain('восстанавливать нечего, новая редакция не создана');
    } finally {
      await editor.close();
    }
  });
});
