/** Random tokens, their hashes, HMAC signatures and human-friendly confirmation codes. */
import { createHash, createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { secureRandomBytes } from './random.js';

/** A random URL-safe token with `bytes` of entropy. */
export function generateToken(bytes = 32): string {
  return secureRandomBytes(bytes).toString('base64url');
}

/** SHA-256 of a high-entropy token (session ids, API tokens, links): a fast hash is right for those. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** An API token `fd_…`, its display prefix and its hash (the only part stored). */
export function generateApiToken(): { token: string; prefix: string; hash: string } {
  const token = `fd_${secureRandomBytes(30).toString('base64url')}`;
  return { token, prefix: token.slice(0, 10), hash: hashToken(token) };
}

/** Constant-time string comparison. */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

export function hmacSign(secret: string, data: string): string {
  return createHmac('sha256', secret).update(data, 'utf8').digest('base64url');
}

export function hmacVerify(secret: string, data: string, signature: string): boolean {
  return safeEqual(hmacSign(secret, data), signature);
}

const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** An unambiguous uppercase code (no 0/O or 1/I), uniformly drawn. */
export function generateConfirmationCode(length = 8): string {
  let out = '';
  for (let i = 0; i < length; i++) out += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return out;
}
