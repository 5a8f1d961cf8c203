/**
 * Every migration, in order. One set runs on both SQLite and PostgreSQL; a migration receives the dialect so
 * it can use the helpers in src/platform/db/schema-helpers.ts. Never edit a migration that has shipped: add one.
 */
import type { Migration } from 'kysely';
import type { DialectName } from '../src/platform/db/index.js';
import { platform0001 } from './0001-platform.js';
import { staff0002 } from './0002-staff.js';
import { sites0003 } from './0003-sites.js';
import { notifications0004 } from './0004-notifications.js';
import { appointments0005 } from './0005-appointments.js';
import { siteCoordinates0006 } from './0006-site-coordinates.js';
import { siteServices0007 } from './0007-site-services.js';
import { scheduleTemplates0008 } from './0008-schedule-templates.js';
import { administrations0010 } from './0010-administrations.js';
import { feedback0011 } from './0011-feedback.js';
import { bookingRevision0013 } from './0013-booking-revision.js';
import { seatHolds0014 } from './0014-seat-holds.js';
import { preregistration0015 } from './0015-preregistration.js';
import { preregStandby0017 } from './0017-prereg-standby.js';
import { feedbackContactPulse0018 } from './0018-feedback-contact-pulse.js';
import { waitingRoom0019 } from './0019-waiting-room.js';
import { onePersonPerIdentity0020 } from './0020-one-person-per-identity.js';
import { staffSiteAssignments0021 } from './0021-staff-site-assignments.js';
import { personalDataAtRest0022 } from './0022-personal-data-at-rest.js';
import { retentionAndRights0023 } from './0023-retention-and-rights.js';
import { smsInboundReceipts0024 } from './0024-sms-inbound-receipts.js';
import { identityKeys0025 } from './0025-identity-keys-in-every-script.js';

export type MigrationFactory = (dialect: DialectName) => Migration;

export const migrations: Record<string, MigrationFactory> = {
  '0001-platform': platform0001,
  '0002-staff': staff0002,
  '0003-sites': sites0003,
  '0004-notifications': notifications0004,
  '0005-appointments': appointments0005,
  '0006-site-coordinates': siteCoordinates0006,
  '0007-site-services': siteServices0007,
  '0008-schedule-templates': scheduleTemplates0008,
  '0010-administrations': administrations0010,
  '0011-feedback': feedback0011,
  '0013-booking-revision': bookingRevision0013,
  '0014-seat-holds': seatHolds0014,
  '0015-preregistration': preregistration0015,
  '0017-prereg-standby': preregStandby0017,
  '0018-feedback-contact-pulse': feedbackContactPulse0018,
  '0019-waiting-room': waitingRoom0019,
  '0020-one-person-per-identity': onePersonPerIdentity0020,
  '0021-staff-site-assignments': staffSiteAssignments0021,
  '0022-personal-data-at-rest': personalDataAtRest0022,
  '0023-retention-and-rights': retentionAndRights0023,
  '0024-sms-inbound-receipts': smsInboundReceipts0024,
  '0025-identity-keys-in-every-script': identityKeys0025,
};
