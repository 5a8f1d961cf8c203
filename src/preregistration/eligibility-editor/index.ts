/**
 * The eligibility editor of pre-registration: staff define a program's eligibility in the console without code —
 * settings (age on a reference date, ZIP and county lists, hold window, horizon, SMS "YES", the product), phases and
 * priority groups with self-attested questions in English and Spanish, and the ZIP equity weights (CSV).
 */
/** Register the editor's console pages. */
export { registerEligibilityEditor } from './routes.js';
/** Links to the editor for the module's dashboard and programs list. */
export { EligibilityLinks, SetupLink } from './views/links.js';
/** Clear a program's ZIP equity weights (audited). */
export { clearZipWeights } from './clear-zip-weights.js';
/** Rename or reorder phases; change or reorder groups (audited). */
export { movePhase, renamePhase } from './edit-phase.js';
export { moveGroup, updateGroup } from './edit-group.js';
