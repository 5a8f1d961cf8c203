import type { Locale } from '../i18n/index.js';
import { platformMessages } from '../i18n/messages.js';
import { Alert } from './alert/index.js';

/**
 * Said on a console page that lists sites when the reader's role works at assigned sites and none are assigned
 * (ADR 0019): they see nothing, and this says why, instead of an empty list.
 */
export function NoSitesAssigned({ locale }: { locale: Locale }) {
  return <Alert type="info">{platformMessages.for(locale)('console.noSites')}</Alert>;
}
