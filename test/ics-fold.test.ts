import fc from 'fast-check';
import { foldLines as icalGeneratorFold } from 'ical-generator';
import { describe, expect, it } from 'vitest';
import { foldLines } from '../src/render/ics/fold.js';

const octets = (text: string) => new TextEncoder().encode(text).length;

describe('foldLines', () => {
  const cases: Record<string, string> = {
    empty: '',
    short: 'SUMMARY:short',
    'exactly 74 ASCII octets': `X:${'a'.repeat(72)}`,
    'exactly 75 ASCII octets': `X:${'a'.repeat(73)}`,
    'exactly 76 ASCII octets': `X:${'a'.repeat(74)}`,
    'long ASCII': `DESCRIPTION:${'0123456789'.repeat(40)}`,
    'Cyrillic straddling the boundary': `SUMMARY:${'ж'.repeat(33)}x${'ж'.repeat(60)}`,
    'Cyrillic with an odd offset': `X:a${'Ы'.repeat(200)}`,
    'three-octet characters': `X:${'€—«»'.repeat(40)}`,
    'emoji (surrogate pairs)': `X:${'🎓'.repeat(40)}ab${'😀x'.repeat(30)}`,
    'several lines': `A:${'я'.repeat(80)}\r\nB:${'b'.repeat(200)}\r\nC:\r\n`,
    'lone LF and CR count as one octet': `X:${'a'.repeat(70)}\n\r${'b'.repeat(10)}`,
    'lone high surrogate at the end': `X:${'a'.repeat(72)}\uD83C`,
    'lone high surrogate before CRLF': `X:${'a'.repeat(72)}\uD83C\r\nY:z`,
    'high surrogate followed by a non-surrogate': `X:${'a'.repeat(70)}\uD83Cяяя`,
    'two high surrogates': `X:${'a'.repeat(70)}\uD83C\uD83Caaa`,
    'lone low surrogate': `X:${'a'.repeat(72)}\uDF93bbb`,
    'CRLF only': '\r\n\r\n',
  };
  for (const [name, input] of Object.entries(cases)) {
    it(`matches ical-generator's foldLines: ${name}`, () => {
      expect(foldLines(input)).toBe(icalGeneratorFold(input));
    });
  }

  it('matches ical-generator on arbitrary text (property test)', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 120 }),
      fc.string({ unit: 'binary', maxLength: 120 }),
      fc.constantFrom('\r\n', '\r', '\n', 'ж', '🎓', '€', '\uD83C', '\uDF93', ' '),
      fc.stringMatching(/^[a-zа-я]{60,160}$/),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const input = pieces.join('');
        expect(foldLines(input)).toBe(icalGeneratorFold(input));
      }),
      { numRuns: 3000 },
    );
  });

  it('never makes a physical line longer than 75 octets nor splits a character', () => {
    const input = `DESCRIPTION:${'Актуализация данных об организации 🎓, '.repeat(30)}`;
    const folded = foldLines(input);
    for (const line of folded.split('\r\n')) {
      expect(octets(line)).toBeLessThanOrEqual(75);
      expect(line).not.toMatch(/\uFFFD/);
    }
    expect(folded.replace(/\r\n /g, '')).toBe(input);
  });
});
