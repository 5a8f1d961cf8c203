/**
 * The status link a later message carries. The raw status token is shown once (confirmation page and message) and
 * only its hash is kept, so a later message cannot repeat it. Instead it carries a second token derived from a
 * server key: HMAC(index key, registrant id + the current status-token hash). The server can write it again every
 * week without storing anything it could reveal; only its hash is stored (status_link_hash) to find the person.
 * Registering again (a merge) rotates the status token, which changes the derived token too, so old links die
 * together. See docs/decisions/0015-status-link-in-later-messages.md.
 */
import { hashToken, type FieldCipher } from '../platform/crypto/index.js';
import type { Queryable } from '../platform/db/index.js';
import * as repo from './repository.js';

/** The derived status-link token of a registration (stable until the status token changes). */
export const derivedStatusToken = (cipher: FieldCipher, r: { id: string; status_token_hash: string }): string =>
  cipher.blindIndex(`${r.id}:${r.status_token_hash}`, 'prereg.status-link');

/** The derived token for this registration, its hash recorded so the status page opens with it. */
export async function statusLinkToken(
  db: Queryable,
  cipher: FieldCipher,
  r: { id: string; status_token_hash: string; status_link_hash?: string | null | undefined },
): Promise<string> {
  const token = derivedStatusToken(cipher, r);
  const hash = hashToken(token);
  if (r.status_link_hash !== hash) await repo.setStatusLinkHash(db, r.id, hash);
  return token;
}
