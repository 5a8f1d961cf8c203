/**
 * SMS segment counting: GSM-7 when every character is in the GSM 03.38 basic set (extension characters count
 * twice), otherwise UCS-2 (UTF-16 code units). One segment holds 160 GSM-7 or 70 UCS-2 units; longer messages
 * are split into segments of 153 or 67 units because each carries a concatenation header.
 */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';
const basic = new Set([...GSM_BASIC]);
const extended = new Set([...GSM_EXTENDED]);

export interface SegmentInfo {
  encoding: 'GSM-7' | 'UCS-2';
  /** Units used: septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
  /** Units left in the last segment. */
  remaining: number;
}

export function countSegments(text: string): SegmentInfo {
  let septets = 0;
  let gsm = true;
  for (const ch of text) {
    if (basic.has(ch)) septets += 1;
    else if (extended.has(ch)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  const encoding = gsm ? 'GSM-7' : 'UCS-2';
  const units = gsm ? septets : text.length;
  const single = gsm ? 160 : 70;
  const multi = gsm ? 153 : 67;
  const segments = units === 0 ? 0 : units <= single ? 1 : Math.ceil(units / multi);
  const capacity = segments <= 1 ? single : segments * multi;
  return { encoding, units, segments, remaining: capacity - units };
}
