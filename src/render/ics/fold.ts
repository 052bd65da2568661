/**
 * RFC 5545 line folding, byte-identical to ical-generator's exported `foldLines` but without its
 * per-character `TextEncoder` (which is most of ical-generator's render time). Octets are
 * counted from UTF-16 code units: a physical line never splits a UTF-8 sequence or a surrogate
 * pair. Like `foldLines`, the first physical line of a content line holds at most 74 octets and
 * each continuation line a space plus at most 74, so no physical line exceeds 75 octets.
 */

const LIMIT = 74;

/** UTF-8 length of one UTF-16 code unit standing alone (a lone surrogate encodes as U+FFFD). */
function unitOctets(code: number): number {
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  return 3;
}

/**
 * Folds every CRLF-separated line of `text`; the CRLFs themselves are kept as they are. The
 * result is one flat string (joined, not grown by `+=`): feeds keep folded events for reuse, and
 * a rope of slices would be walked again by every feed that joins or encodes it.
 */
export function foldLines(text: string): string {
  const length = text.length;
  const out: string[] = [];
  let segmentStart = 0;
  let octets = 0;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (code === 0x0d && text.charCodeAt(i + 1) === 0x0a) {
      i += 2;
      octets = 0;
      continue;
    }
    let width = 1;
    let size: number;
    if (code >= 0xd800 && code <= 0xdbff) {
      // foldLines takes a high surrogate together with whatever code unit follows it on the
      // same line, valid pair or not, and measures the two as one unit.
      const next = i + 1 < length ? text.charCodeAt(i + 1) : -1;
      const nextEndsLine = next === 0x0d && text.charCodeAt(i + 2) === 0x0a;
      if (next === -1 || nextEndsLine) {
        size = 3;
      } else if (next >= 0xdc00 && next <= 0xdfff) {
        size = 4;
        width = 2;
      } else {
        size = 3 + unitOctets(next);
        width = 2;
      }
    } else {
      size = unitOctets(code);
    }
    octets += size;
    if (octets > LIMIT) {
      out.push(text.slice(segmentStart, i), '\r\n ');
      segmentStart = i;
      octets = size;
    }
    i += width;
  }
  if (out.length === 0) return text;
  out.push(text.slice(segmentStart));
  return out.join('');
}
