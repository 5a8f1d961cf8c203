/** Who may see and change what in feedback. */
import { allowRoles, ROLES, type PolicyCheck } from '../platform/auth/index.js';

/** Analysts (and admins) see the insight, the comments and the exports, and pull the A-11 export by API. */
export const canAnalyseFeedback: PolicyCheck = allowRoles('admin', 'analyst');
/** The CX team sets each program's form, wording, triggers and custom questions. */
export const canManageSurveys: PolicyCheck = allowRoles('admin', 'analyst', 'content-editor');
/** Every staff member can answer the pulse. */
export const canAnswerPulse: PolicyCheck = allowRoles(...ROLES);
/** Pulse results (groups of 5 or more only). */
export const canViewPulse: PolicyCheck = allowRoles('admin', 'analyst');
/**
 * The contact details of residents who asked to be contacted about their answers: the analyst role only (not even
 * admins), on the comments view.
 */
export const canSeeResidentContacts: PolicyCheck = allowRoles('analyst');
