import { describe, expect, it } from 'vitest';
import { formatDate, formatRange, formatReminder, moscowDate, plural } from '../src/render/html/format.js';
import { parsePageOptions } from '../src/render/html/options.js';
import { matchesSearch, normalizeSearch } from '../src/render/html/search.js';
import { escapeHtml, html, join, raw, toDocument } from '../src/render/html/template.js';

const LIMITS = { offsets: [0, 1, 2, 3, 5, 7, 14, 30], maxCount: 3 };

describe('html template', () => {
  it('escapes every interpolated string for text and attribute contexts', () => {
    const hostile = `<script>alert("x")</script> & 'y' \`z\``;
    const out = html`<p title="${hostile}">${hostile}</p>`.value;
    expect(out).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; &#96;z&#96;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; &#96;z&#96;</p>',
    );
  });

  it('inserts nested templates and lists as markup, skips empty values, and escapes numbers as text', () => {
    const items = ['a<b', 'c&d'].map((s) => html`<li>${s}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${false}${3}`.value).toBe('<ul><li>a&lt;b</li><li>c&amp;d</li></ul>3');
  });

  it('inserts raw markup only when marked', () => {
    expect(html`${raw('<svg></svg>')}${'<svg></svg>'}`.value).toBe('<svg></svg>&lt;svg&gt;&lt;/svg&gt;');
  });

  it('joins with an escaped separator and leaves out empty parts', () => {
    expect(join(['a', '', html`<i>b</i>`], ' & ').value).toBe('a &amp; <i>b</i>');
  });

  it('escapes the five characters a browser could read as markup and leaves Cyrillic alone', () => {
    expect(escapeHtml('«Школа» № 5 <>&"\'')).toBe('«Школа» № 5 &lt;&gt;&amp;&quot;&#39;');
    expect(toDocument(html`<html lang="ru"></html>`)).toBe('<!DOCTYPE html>\n<html lang="ru"></html>');
  });
});

describe('Russian dates', () => {
  it('writes a day with the genitive month and the year', () => {
    expect(formatDate('2027-02-01')).toBe('1\u00a0февраля 2027\u00a0г.');
    expect(formatDate('2026-12-31')).toBe('31\u00a0декабря 2026\u00a0г.');
  });

  it('shortens ranges where month or year agree', () => {
    expect(formatRange('2027-01-01', '2027-01-31')).toBe('1–31\u00a0января 2027\u00a0г.');
    expect(formatRange('2025-10-25', '2025-11-02')).toBe('25\u00a0октября – 2\u00a0ноября 2025\u00a0г.');
    expect(formatRange('2025-12-31', '2026-01-11')).toBe('31\u00a0декабря 2025\u00a0г. – 11\u00a0января 2026\u00a0г.');
    expect(formatRange('2026-09-05', '2026-09-05')).toBe('5\u00a0сентября 2026\u00a0г.');
  });

  it('takes today in Moscow, not in the machine zone', () => {
    expect(moscowDate(new Date('2026-08-19T20:59:59Z'))).toBe('2026-08-19');
    expect(moscowDate(new Date('2026-08-19T21:00:00Z'))).toBe('2026-08-20');
  });

  it('declines counts', () => {
    expect([1, 2, 5, 11, 21, 22, 25, 112].map((n) => plural(n, 'день', 'дня', 'дней'))).toEqual([
      'день', 'дня', 'дней', 'дней', 'день', 'дня', 'дней', 'дней',
    ]);
    expect(formatReminder(7)).toBe('за 7\u00a0дней');
    expect(formatReminder(1)).toBe('за 1\u00a0день');
    expect(formatReminder(3)).toBe('за 3\u00a0дня');
    expect(formatReminder(0)).toBe('в день срока');
  });
});

describe('page options from the query', () => {
  it('reads the form shape (repeated reminders) and the feed shape (a list) to the same canonical options', () => {
    const form = parsePageOptions({ reminders: ['7', '1'], daily: '0' }, LIMITS);
    const link = parsePageOptions({ reminders: '1,7,7', daily: '0' }, LIMITS);
    expect(form).toEqual({ ok: true, options: { reminders: [1, 7], daily: false } });
    expect(link).toEqual(form);
    // Daily duties are in by default; daily=1 from older links means the same as no parameter.
    expect(parsePageOptions({}, LIMITS)).toEqual({ ok: true, options: { reminders: [], daily: true } });
    expect(parsePageOptions({ daily: '1' }, LIMITS)).toEqual(parsePageOptions({}, LIMITS));
  });

  it('ignores parameters it does not know (tracking tags)', () => {
    expect(parsePageOptions({ utm_source: 'vk', daily: '1' }, LIMITS)).toEqual({ ok: true, options: { reminders: [], daily: true } });
  });

  it.each([
    [{ reminders: 'abc' }, 'Напоминание «abc»'],
    [{ reminders: '61' }, 'за 0, 1, 2, 3, 5, 7, 14 или 30 дн.'],
    [{ reminders: '4' }, 'Напоминание «4» не подходит'],
    [{ reminders: '-1' }, 'Напоминание «-1»'],
    [{ reminders: '1.5' }, 'Напоминание «1.5»'],
    [{ reminders: '1,2,3,5' }, 'не более 3'],
    [{ daily: '2' }, 'daily'],
    [{ daily: ['0', '1'] }, 'daily'],
  ])('refuses %j with a Russian message', (query, fragment) => {
    const result = parsePageOptions(query, LIMITS);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(fragment);
  });
});

describe('organization search', () => {
  it('normalizes case, ё and punctuation', () => {
    expect(normalizeSearch('МБОУ «СОШ № 5»')).toBe('мбоу сош 5');
    expect(normalizeSearch('Ёлочка')).toBe('елочка');
  });

  it('matches when every word of the query occurs', () => {
    const text = normalizeSearch('МБДОУ «Детский сад № 16 «Ручеек»»');
    expect(matchesSearch(text, 'ручеёк')).toBe(true);
    expect(matchesSearch(text, 'сад 16')).toBe(true);
    expect(matchesSearch(text, 'сад 17')).toBe(false);
    expect(matchesSearch(text, '  ')).toBe(true);
  });
});
