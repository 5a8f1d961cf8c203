/**
 * The confirmation's QR code, drawn on our server as SVG (no third-party image service, no script). It encodes
 * only the confirmation code — no name, no date, nothing personal — which check-in accepts scanned or typed.
 */
import QRCode from 'qrcode';

/** An SVG (hidden from assistive technology: the code is printed next to it as text). */
export async function confirmationQrSvg(code: string): Promise<string> {
  const svg = await QRCode.toString(code, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, width: 200 });
  return svg.replace('<svg ', '<svg aria-hidden="true" focusable="false" class="fd-qr__image" ');
}
