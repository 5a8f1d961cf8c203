/** Who may do what with pre-registration in the console. */
import { allowRoles, type PolicyCheck } from '../platform/auth/index.js';

/** The list, its counts and the matching runs. */
export const canViewPrereg: PolicyCheck = allowRoles('admin', 'site-manager', 'analyst');
/** Phases, eligibility and "run matching now". */
export const canManagePrereg: PolicyCheck = allowRoles('admin', 'site-manager');
/** Registering a phone caller. */
export const canRegisterCallers: PolicyCheck = allowRoles('admin', 'site-manager', 'call-agent');
/** The console entry: anyone above. */
export const canOpenPrereg: PolicyCheck = allowRoles('admin', 'site-manager', 'analyst', 'call-agent');
