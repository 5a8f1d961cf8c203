/** Staff password hashing with scrypt (node:crypto), constant-time checks and a strength policy. */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 64;

function scrypt(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  const options: ScryptOptions = { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scryptCb(password.normalize('NFKC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** `scrypt$N$r$p$salt$hash` (base64). */
export async function hashPassword(plain: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(plain, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** True when `plain` matches; false for any malformed encoding. */
export async function verifyPassword(plain: string, encoded: string): Promise<boolean> {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![n, r, p].every((x) => Number.isSafeInteger(x) && x > 0) || n > 2 ** 20 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const expected = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length < 8 || expected.length !== KEY_LENGTH) return false;
  const key = await scrypt(plain, salt, n, r, p);
  return timingSafeEqual(key, expected);
}

/** True when the hash was made with weaker parameters than today's. */
export function needsRehash(encoded: string): boolean {
  const parts = encoded.split('$');
  return parts[0] !== 'scrypt' || Number(parts[1]) < N || Number(parts[2]) < R;
}

const DUMMY_SALT = randomBytes(16);
/** Spend the same time as a real check when there is no account, so timing does not reveal which exist. */
export async function dummyVerify(plain: string): Promise<void> {
  await scrypt(plain, DUMMY_SALT, N, R, P);
}

const COMMON = new Set([
  'password1234',
  'password12345',
  'password123456',
  '123456789012',
  '1234567890123',
  'qwertyuiopas',
  'qwerty123456',
  'iloveyou1234',
  'administrator',
  'letmein12345',
  'welcome12345',
  'changeme1234',
  'passw0rd1234',
  'football1234',
  'baseball1234',
  'sunshine1234',
  'princess1234',
  'trustno11234',
  'abc123456789',
  'monkey123456',
  'dragon123456',
  'master123456',
  'superman1234',
  'starwars1234',
  'whatever1234',
  'qazwsxedcrfv',
  '1q2w3e4r5t6y',
  'zaq12wsxcde3',
  'passwordpassword',
  'frontdoor123',
]);

/** The first rule a new password breaks, or null. */
export function validatePasswordStrength(plain: string): 'too_short' | 'too_long' | 'too_common' | null {
  if (plain.length < 12) return 'too_short';
  if (plain.length > 256) return 'too_long';
  const lower = plain.toLowerCase();
  if (COMMON.has(lower) || /^(.)\1+$/.test(plain) || /^(0123456789|1234567890)+/.test(plain)) return 'too_common';
  return null;
}
