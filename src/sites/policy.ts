/** Who may see and change sites. */
import { allowRoles, type PolicyCheck } from '../platform/auth/index.js';

/** Staff who work with sites may see them. */
export const canViewSites: PolicyCheck = allowRoles('admin', 'site-manager', 'site-staff', 'call-agent');
/** Admins and site managers add and edit sites. */
export const canManageSites: PolicyCheck = allowRoles('admin', 'site-manager');
