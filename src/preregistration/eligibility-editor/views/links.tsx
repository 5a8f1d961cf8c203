/** The editor's entries on the module's console pages (the dashboard and the programs list). */
import type { PageContext } from '../../../platform/views/index.js';
import { editorMessages } from '../messages.js';
import { editorBase, STAFF_BASE } from './common.js';

/** On a program's dashboard, for staff who manage pre-registration. */
export function EligibilityLinks({ ctx, programId }: { ctx: PageContext; programId: string }) {
  const t = editorMessages.for(ctx.locale);
  return (
    <ul class="usa-list margin-bottom-4">
      <li>
        <a class="usa-link" href={editorBase(programId)}>
          {t('links.eligibility')}
        </a>
      </li>
      <li>
        <a class="usa-link" href={`${editorBase(programId)}/zip-weights`}>
          {t('links.weights')}
        </a>
      </li>
    </ul>
  );
}

/** On the programs list: set up pre-registration for a program that has none. */
export function SetupLink({ ctx }: { ctx: PageContext }) {
  return (
    <p>
      <a class="usa-link" href={`${STAFF_BASE}/setup`}>
        {editorMessages.for(ctx.locale)('links.setup')}
      </a>
    </p>
  );
}
