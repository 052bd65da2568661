/** QR codes as inline SVG, drawn on the server by the `qrcode` package (no client library, no image request). */
import QRCode from 'qrcode';
import { raw, escapeHtml, type Html } from './template.js';

/** The QR code of `text`, labelled for screen readers. */
export async function qrSvg(text: string, label: string): Promise<Html> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  if (!svg.startsWith('<svg ')) throw new Error('qrcode: unexpected SVG output');
  return raw(`<svg role="img" aria-label="${escapeHtml(label)}" focusable="false" class="qr" ${svg.slice('<svg '.length).trim()}`);
}
