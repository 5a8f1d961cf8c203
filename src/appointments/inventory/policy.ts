/** Who may see and change the doses at a site. */
import { allowRoles, type PolicyCheck } from '../../platform/auth/index.js';

/** Site staff see the stock they work with. */
export const canViewInventory: PolicyCheck = allowRoles('admin', 'site-manager', 'site-staff');
/** Managers receive, adjust, waste and transfer doses, resolve shortages and import slots. */
export const canManageInventory: PolicyCheck = allowRoles('admin', 'site-manager');
