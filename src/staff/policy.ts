/** Who may do what in the staff console. Every staff route uses one of these through `authorize`. */
import { allowRoles, type PolicyCheck } from '../platform/auth/index.js';

/** Any signed-in staff member may open the console and manage their own password. */
export const canUseConsole: PolicyCheck = () => true;
/** Invite staff, change roles, deactivate accounts. */
export const canManageStaff: PolicyCheck = allowRoles('admin');
/** Create and revoke API tokens for integrations. */
export const canManageTokens: PolicyCheck = allowRoles('admin');
/** Browse the audit log. */
export const canReadAudit: PolicyCheck = allowRoles('admin');
/** See and retry background jobs. */
export const canManageJobs: PolicyCheck = allowRoles('admin');
