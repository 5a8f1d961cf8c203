/** Who may see and change a site's schedule. */
import { allowRoles, type PolicyCheck } from '../../platform/auth/index.js';

/** Site staff see the schedule and the calendar. */
export const canViewSchedule: PolicyCheck = allowRoles('admin', 'site-manager', 'site-staff');
/** Site managers and admins change templates, closures, slots and capacity. */
export const canEditSchedule: PolicyCheck = allowRoles('admin', 'site-manager');
