/** Who may set up and run appointments. */
import { allowRoles, type PolicyCheck } from '../platform/auth/index.js';

/** Programs, products, inventory and slots. */
export const canManageCatalog: PolicyCheck = allowRoles('admin', 'site-manager');
/** Check people in at a site. */
export const canCheckIn: PolicyCheck = allowRoles('admin', 'site-manager', 'site-staff');
/** See and change any booking (for a caller, at a site). */
export const canManageBookings: PolicyCheck = allowRoles('admin', 'site-manager', 'site-staff', 'call-agent');
