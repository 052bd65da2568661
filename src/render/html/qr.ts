/** QR codes as inline SVG, drawn on the server by the `qrcode` package (no client library, no image request). */
import { LRUCache } from 'lru-cache';
import QRCode from 'qrcode';
import { raw, escapeHtml, type Html } from './template.js';

/**
 * The drawn symbols by text, bounded in characters (a page's symbol is about 10 kB): an
 * organization's page and its memo show the same URL's code, and `qrcode` spent 7 % of the static
 * export's CPU drawing each one twice (it scores all eight masks every time).
 */
const drawn = new LRUCache<string, string>({ maxSize: 2_000_000, sizeCalculation: (svg, text) => svg.length + text.length });

async function draw(text: string): Promise<string> {
  const known = drawn.get(text);
  if (known !== undefined) return known;
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  if (!svg.startsWith('<svg ')) throw new Error('qrcode: unexpected SVG output');
  const attributes = svg.slice('<svg '.length).trim();
  drawn.set(text, attributes);
  return attributes;
}

/** The QR code of `text`, labelled for screen readers. */
export async function qrSvg(text: string, label: string): Promise<Html> {
  return raw(`<svg role="img" aria-label="${escapeHtml(label)}" focusable="false" class="qr" ${await draw(text)}`);
}
