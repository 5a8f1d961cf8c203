/** People as the clinic sees them: names and birth date decrypted for staff (each read is audited by the caller). */
import type { FieldCipher } from '../../platform/crypto/index.js';
import type { ClinicBookingRow } from './repository.js';

export interface PersonView {
  givenName: string;
  familyName: string;
  birthDate: string;
}

export function decryptPerson(cipher: FieldCipher, row: ClinicBookingRow): PersonView {
  return {
    givenName: cipher.decrypt(row.given_name_enc, 'person.given_name'),
    familyName: cipher.decrypt(row.family_name_enc, 'person.family_name'),
    birthDate: cipher.decrypt(row.birth_date_enc, 'person.birth_date'),
  };
}

/** A booking with its person decrypted and no ciphertext left on it. */
export interface BookingView {
  id: string;
  personId: string;
  siteId: string;
  productId: string;
  productName: string;
  seriesId: string;
  dose: number;
  channel: ClinicBookingRow['channel'];
  status: ClinicBookingRow['status'];
  code: string;
  startsAt: number;
  endsAt: number;
  person: PersonView;
}

export function bookingView(cipher: FieldCipher, row: ClinicBookingRow): BookingView {
  return {
    id: row.id,
    personId: row.person_id,
    siteId: row.site_id,
    productId: row.product_id,
    productName: row.product_name,
    seriesId: row.series_id,
    dose: row.dose_number,
    channel: row.channel,
    status: row.status,
    code: row.confirmation_code,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    person: decryptPerson(cipher, row),
  };
}
