/**
 * Field-level encryption of personal data: AES-256-GCM, a random 96-bit IV per value, the column's name bound
 * as additional authenticated data, and a key id in every ciphertext so keys can rotate:
 * `fd1.<kid>.<iv>.<tag>.<ciphertext>` (base64url). The first key of the keyring encrypts; all decrypt.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { secureRandomBytes } from './random.js';

export interface Keyring {
  activeKid: string;
  keys: Map<string, Buffer>;
  /** The key blind indexes are derived from: the oldest key, so indexes survive adding keys. */
  indexKid: string;
}

export class DecryptionError extends Error {
  constructor(reason: string) {
    super(`Cannot decrypt field: ${reason}`);
    this.name = 'DecryptionError';
  }
}

const KID = /^[A-Za-z0-9_-]{1,32}$/;

function decodeKey(text: string, label: string): Buffer {
  const key = Buffer.from(text.trim(), /[-_]/.test(text) ? 'base64url' : 'base64');
  if (key.length !== 32)
    throw new Error(`DATA_ENCRYPTION_KEY entry ${label}: the key must be 32 bytes in base64 (got ${key.length})`);
  return key;
}

/** Parse `kid:base64key[,kid:base64key…]` (or one bare base64 key, kid `k1`). */
export function parseKeyring(spec: string): Keyring {
  const entries = spec
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new Error('DATA_ENCRYPTION_KEY is empty');
  const keys = new Map<string, Buffer>();
  entries.forEach((entry, i) => {
    const colon = entry.indexOf(':');
    const kid = colon === -1 && entries.length === 1 ? 'k1' : entry.slice(0, colon);
    if (!KID.test(kid))
      throw new Error(`DATA_ENCRYPTION_KEY entry ${i + 1}: expected kid:base64key with kid of letters, digits, - or _`);
    if (keys.has(kid)) throw new Error(`DATA_ENCRYPTION_KEY entry ${i + 1}: key id "${kid}" appears twice`);
    keys.set(kid, decodeKey(colon === -1 ? entry : entry.slice(colon + 1), `${i + 1} (${kid})`));
  });
  const kids = [...keys.keys()];
  return { activeKid: kids[0] ?? 'k1', keys, indexKid: kids.at(-1) ?? 'k1' };
}

/** A new keyring spec with one random key (development bootstrap). */
export function generateKeyringSpec(kid = 'k1'): string {
  return `${kid}:${randomBytes(32).toString('base64')}`;
}

export interface FieldCipher {
  encrypt(plaintext: string, context?: string): string;
  decrypt(ciphertext: string, context?: string): string;
  needsRotation(ciphertext: string): boolean;
  rotate(ciphertext: string, context?: string): string;
  /** A keyed hash for equality lookups (e.g. duplicate detection) without storing the value. */
  blindIndex(value: string, purpose: string): string;
}

export function createFieldCipher(keyring: Keyring): FieldCipher {
  const keyFor = (kid: string) => {
    const k = keyring.keys.get(kid);
    if (!k) throw new DecryptionError(`unknown key id ${kid}`);
    return k;
  };
  const indexKeys = new Map<string, Buffer>();
  const indexKey = (purpose: string) => {
    let k = indexKeys.get(purpose);
    if (!k) {
      k = Buffer.from(
        hkdfSync('sha256', keyFor(keyring.indexKid), Buffer.alloc(0), `frontdoor:blind-index:${purpose}`, 32),
      );
      indexKeys.set(purpose, k);
    }
    return k;
  };
  const cipher: FieldCipher = {
    encrypt(plaintext, context = '') {
      const iv = secureRandomBytes(12);
      const c = createCipheriv('aes-256-gcm', keyFor(keyring.activeKid), iv);
      c.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
      return [
        'fd1',
        keyring.activeKid,
        iv.toString('base64url'),
        c.getAuthTag().toString('base64url'),
        body.toString('base64url'),
      ].join('.');
    },
    decrypt(ciphertext, context = '') {
      const [v, kid, iv, tag, body] = ciphertext.split('.');
      if (v !== 'fd1' || !kid || iv === undefined || tag === undefined || body === undefined)
        throw new DecryptionError('not a Frontdoor ciphertext');
      try {
        const authTag = Buffer.from(tag, 'base64url');
        // A shortened tag would make forgery easier: only the full 16-byte tag is accepted.
        if (authTag.length !== 16) throw new DecryptionError('authentication tag has the wrong length');
        const d = createDecipheriv('aes-256-gcm', keyFor(kid), Buffer.from(iv, 'base64url'), { authTagLength: 16 });
        d.setAAD(Buffer.from(context, 'utf8'));
        d.setAuthTag(authTag);
        return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString('utf8');
      } catch (err) {
        if (err instanceof DecryptionError) throw err;
        throw new DecryptionError('authentication failed (tampered, wrong key or wrong field)');
      }
    },
    needsRotation: (ciphertext) => ciphertext.split('.')[1] !== keyring.activeKid,
    rotate: (ciphertext, context) => cipher.encrypt(cipher.decrypt(ciphertext, context), context),
    blindIndex: (value, purpose) => createHmac('sha256', indexKey(purpose)).update(value, 'utf8').digest('base64url'),
  };
  return cipher;
}
