/** Security primitives shared by every module: field encryption, password hashing, tokens. */
export {
  /** Parse DATA_ENCRYPTION_KEY (`kid:base64key,…`; the first key encrypts). */
  parseKeyring,
  /** A new keyring spec with one random key. */
  generateKeyringSpec,
  /** AES-256-GCM field cipher with key ids, bound context and blind indexes. */
  createFieldCipher,
  /** Thrown when a ciphertext is tampered, from an unknown key or another field. */
  DecryptionError,
  type Keyring,
  type FieldCipher,
} from './field-encryption.js';
export { hashPassword, verifyPassword, needsRehash, dummyVerify, validatePasswordStrength } from './passwords.js';
export {
  generateToken,
  hashToken,
  generateApiToken,
  safeEqual,
  hmacSign,
  hmacVerify,
  generateConfirmationCode,
} from './tokens.js';
