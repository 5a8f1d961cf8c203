/** Who may see and change the waiting room. */
import { allowRoles, type PolicyCheck } from '../platform/auth/index.js';

/** Operations staff watch the line (its length, the admission rate, the wait). */
export const canWatchWaitingRoom: PolicyCheck = allowRoles('admin', 'site-manager');
/** Admins switch it and set its capacity and rate. */
export const canManageWaitingRoom: PolicyCheck = allowRoles('admin');
