/**
 * Strict UTF-8 for data files. A registry saved by Notepad or Excel as Windows-1251 used to be
 * read as UTF-8 with every Cyrillic letter turned into U+FFFD, silently (issue 13); now it is
 * refused, and when the bytes read as Cyrillic in Windows-1251 the message says so.
 */
const UTF8 = new TextDecoder('utf-8', { fatal: true });
const CP1251 = new TextDecoder('windows-1251');

export type Decoded = { readonly text: string } | { readonly message: string };

/** Offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629), or -1. */
function firstInvalidByte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    const second = bytes[i + 1] as number;
    // Overlong forms, surrogates and code points above U+10FFFF are ruled out by the second byte.
    const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k++) {
      const next = bytes[i + k] as number;
      if (next < 0x80 || next > 0xbf) return i;
    }
    i += length;
  }
  return -1;
}

// Cyrillic letters (А–я, Ё, ё) and what Russian text around them uses in Windows-1251:
// « » № – — “ ” and the no-break space.
function isCp1251Russian(byte: number): boolean {
  return byte >= 0xc0 || [0xa8, 0xb8, 0xab, 0xbb, 0xb9, 0x96, 0x97, 0x93, 0x94, 0xa0].includes(byte);
}

/** True when most non-ASCII bytes are Russian text in Windows-1251 (and there are some). */
export function looksLikeCp1251(bytes: Uint8Array): boolean {
  let high = 0;
  let russian = 0;
  for (const byte of bytes) {
    if (byte < 0x80) continue;
    high += 1;
    if (isCp1251Russian(byte)) russian += 1;
  }
  return high > 0 && russian / high >= 0.9;
}

function lineOf(bytes: Uint8Array, offset: number): { number: number; start: number; end: number } {
  let number = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      number += 1;
      start = i + 1;
    }
  }
  const newline = bytes.indexOf(0x0a, offset);
  return { number, start, end: newline < 0 ? bytes.length : newline };
}

/** The text of a data file (a leading byte-order mark dropped), or why it is not UTF-8, in Russian. */
export function decodeUtf8(bytes: Uint8Array): Decoded {
  try {
    return { text: UTF8.decode(bytes) };
  } catch {
    const offset = Math.max(0, firstInvalidByte(bytes));
    const line = lineOf(bytes, offset);
    if (looksLikeCp1251(bytes)) {
      const shown = CP1251.decode(bytes.subarray(line.start, line.end)).trim();
      const sample = shown.length > 60 ? `${shown.slice(0, 59)}…` : shown;
      return {
        message:
          `файл не в кодировке UTF-8 (строка ${line.number}: «${sample}» в Windows-1251); ` +
          'файл, похоже, сохранён в кодировке Windows-1251 — сохраните его как UTF-8',
      };
    }
    return {
      message: `файл не в кодировке UTF-8: неверная последовательность байтов в строке ${line.number} (байт ${offset + 1}) — сохраните файл как UTF-8`,
    };
  }
}
