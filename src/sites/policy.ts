/** Who may see and change sites. */
import { allowRoles, type PolicyCheck } from '../platform/auth/index.js';

/** Staff who work with sites may see them. */
export const canViewSites: PolicyCheck = allowRoles('admin', 'site-manager', 'site-staff', 'call-agent');
/** Admins and site managers edit sites (site managers only their own: ADR 0019). */
export const canManageSites: PolicyCheck = allowRoles('admin', 'site-manager');
/** Adding sites (form, CSV import, API) is county-wide work: admins only, who then assign them to staff. */
export const canAddSites: PolicyCheck = allowRoles('admin');
