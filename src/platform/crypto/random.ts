/**
 * Cryptographically secure random bytes, drawn from a 4 KiB buffer filled by the CSPRNG at once. Each call to
 * `crypto.randomBytes` costs a call into OpenSSL (microseconds each on a small VM); a booking needs several (three
 * IVs, a token), so bytes are taken from a pool and the pool is refilled when it runs out — what Node itself does for
 * `randomUUID`. Bytes are handed out once and copied, so no two callers ever share or see each other's bytes; the
 * pool is replaced, never rewritten, on refill.
 */
import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
/** Larger requests (keys) go straight to the CSPRNG. */
const MAX_POOLED = 256;

let pool = Buffer.alloc(0);
let offset = 0;

/** `n` fresh random bytes, never handed out before. */
export function secureRandomBytes(n: number): Buffer {
  const out = Buffer.allocUnsafe(n);
  if (n > MAX_POOLED) return randomFillSync(out);
  if (offset + n > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
    offset = 0;
  }
  pool.copy(out, 0, offset, offset + n);
  // What was handed out is wiped from the pool: a later heap snapshot cannot recover an issued token from it.
  pool.fill(0, offset, offset + n);
  offset += n;
  return out;
}
