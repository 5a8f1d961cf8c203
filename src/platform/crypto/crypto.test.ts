import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createFieldCipher,
  DecryptionError,
  generateApiToken,
  generateConfirmationCode,
  generateKeyringSpec,
  hashPassword,
  hashToken,
  hmacSign,
  hmacVerify,
  parseKeyring,
  validatePasswordStrength,
  verifyPassword,
} from './index.js';

describe('field encryption', () => {
  const spec = generateKeyringSpec('k1');
  const cipher = createFieldCipher(parseKeyring(spec));

  it('round-trips, with a fresh IV every time and the key id in the value', () => {
    const a = cipher.encrypt('María José', 'person.given_name');
    const b = cipher.encrypt('María José', 'person.given_name');
    assert.notEqual(a, b);
    assert.match(a, /^fd1\.k1\./);
    assert.equal(cipher.decrypt(a, 'person.given_name'), 'María José');
  });

  it('refuses a value moved to another field, tampered, or from an unknown key', () => {
    const v = cipher.encrypt('1950-02-03', 'person.birth_date');
    assert.throws(() => cipher.decrypt(v, 'person.given_name'), DecryptionError);
    const parts = v.split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    assert.throws(() => cipher.decrypt(parts.join('.')), DecryptionError);
    const short = v.split('.');
    short[3] = Buffer.from(short[3] ?? '', 'base64url')
      .subarray(0, 4)
      .toString('base64url');
    assert.throws(
      () => cipher.decrypt(short.join('.'), 'person.birth_date'),
      DecryptionError,
      'a truncated tag is refused',
    );
    const other = createFieldCipher(parseKeyring(generateKeyringSpec('k9')));
    assert.throws(() => other.decrypt(v, 'person.birth_date'), /unknown key id k1/);
  });

  it('rotates: a new first key encrypts, the old one still decrypts, rotate() re-encrypts', () => {
    const old = cipher.encrypt('555-0100', 'contact.phone');
    const rotated = createFieldCipher(parseKeyring(`${generateKeyringSpec('k2')},${spec}`));
    assert.equal(rotated.decrypt(old, 'contact.phone'), '555-0100');
    assert.equal(rotated.needsRotation(old), true);
    const fresh = rotated.rotate(old, 'contact.phone');
    assert.match(fresh, /^fd1\.k2\./);
    assert.equal(rotated.needsRotation(fresh), false);
    assert.equal(rotated.decrypt(fresh, 'contact.phone'), '555-0100');
  });

  it('blind indexes are stable across key rotation and separated by purpose', () => {
    const rotated = createFieldCipher(parseKeyring(`${generateKeyringSpec('k2')},${spec}`));
    assert.equal(rotated.blindIndex('ana|1950-02-03', 'dedupe'), cipher.blindIndex('ana|1950-02-03', 'dedupe'));
    assert.notEqual(cipher.blindIndex('ana', 'dedupe'), cipher.blindIndex('ana', 'phone'));
  });

  it('explains a bad keyring', () => {
    assert.throws(() => parseKeyring(''), /empty/);
    assert.throws(() => parseKeyring('k1:c2hvcnQ='), /32 bytes/);
    assert.throws(() => parseKeyring(`${spec},${spec}`), /appears twice/);
  });
});

describe('passwords', () => {
  it('hash with scrypt, verify, and reject malformed hashes', async () => {
    const h = await hashPassword('correct horse battery staple');
    assert.match(h, /^scrypt\$32768\$8\$1\$/);
    assert.equal(await verifyPassword('correct horse battery staple', h), true);
    assert.equal(await verifyPassword('correct horse battery stapl', h), false);
    assert.equal(await verifyPassword('x', 'md5$abc'), false);
    assert.equal(await verifyPassword('x', 'scrypt$99999999$8$1$AAAA$BBBB'), false);
  });
  it('enforce length and refuse common choices', () => {
    assert.equal(validatePasswordStrength('short'), 'too_short');
    assert.equal(validatePasswordStrength('x'.repeat(257)), 'too_long');
    assert.equal(validatePasswordStrength('Password1234'), 'too_common');
    assert.equal(validatePasswordStrength('aaaaaaaaaaaaaa'), 'too_common');
    assert.equal(validatePasswordStrength('purple tractor evening'), null);
  });
});

describe('tokens', () => {
  it('API tokens have a recognisable shape and only their hash is kept', () => {
    const t = generateApiToken();
    assert.match(t.token, /^fd_[A-Za-z0-9_-]{40}$/);
    assert.equal(t.prefix, t.token.slice(0, 10));
    assert.equal(t.hash, hashToken(t.token));
    assert.notEqual(t.hash, t.token);
  });
  it('HMAC signatures verify only for the same data and secret', () => {
    const sig = hmacSign('secret', 'position=42');
    assert.equal(hmacVerify('secret', 'position=42', sig), true);
    assert.equal(hmacVerify('secret', 'position=41', sig), false);
    assert.equal(hmacVerify('other', 'position=42', sig), false);
  });
  it('confirmation codes use only unambiguous characters, all of them', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) for (const ch of generateConfirmationCode()) seen.add(ch);
    assert.equal(seen.size, 32);
    for (const bad of ['0', 'O', '1', 'I']) assert.ok(!seen.has(bad));
  });
});
