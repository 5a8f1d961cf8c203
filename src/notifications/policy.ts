/** Who may see messages, contact records and templates. */
import { allowRoles, type PolicyCheck } from '../platform/auth/index.js';

/** The sent-messages log holds personal data: admins only. */
export const canReadMessages: PolicyCheck = allowRoles('admin');
/** Contact records: admins and call agents (who help callers with their messages). */
export const canViewContacts: PolicyCheck = allowRoles('admin', 'call-agent');
/** Template previews and test sends: admins and content editors. */
export const canPreviewTemplates: PolicyCheck = allowRoles('admin', 'content-editor');
