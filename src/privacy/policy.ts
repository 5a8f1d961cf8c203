/** Who may handle a person's rights and see how long data is kept. */
import { allowRoles, type PolicyCheck } from '../platform/auth/index.js';

/**
 * Find, export, correct and erase everything held about a person: admins only. These pages reach every module's
 * personal data at once (ADR 0021); no other role sees that much, and a dedicated privacy-officer role would need a
 * new role in every policy and in the staff tables (see the ADR's options).
 */
export const canHandlePersonalData: PolicyCheck = allowRoles('admin');
