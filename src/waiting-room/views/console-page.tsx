/** The staff console page: the line's figures (updated live with JavaScript) and, for admins, the switch. */
import { Alert, CsrfField, ErrorSummary, TextInput, type PageContext } from '../../platform/views/index.js';
import { waitingRoomMessages, type WaitingRoomKey } from '../messages.js';

export interface Figures {
  state: string;
  queueLength: string;
  serving: string;
  lastPosition: string;
  inFlow: string;
  rate: string;
  etaLast: string;
}

const FIGURES: [keyof Omit<Figures, 'state'>, WaitingRoomKey][] = [
  ['queueLength', 'console.queueLength'],
  ['serving', 'console.serving'],
  ['lastPosition', 'console.lastPosition'],
  ['inFlow', 'console.inFlow'],
  ['rate', 'console.rate'],
  ['etaLast', 'console.etaLast'],
];

const MODES: ['auto' | 'on' | 'off', WaitingRoomKey][] = [
  ['auto', 'settings.mode.auto'],
  ['on', 'settings.mode.on'],
  ['off', 'settings.mode.off'],
];

function SettingsForm(p: { ctx: PageContext; values: Record<string, string>; errors: Record<string, string> }) {
  const t = waitingRoomMessages.for(p.ctx.locale);
  return (
    <form class="usa-form usa-form--large" method="post" action="/staff/waiting-room" novalidate>
      <CsrfField token={p.ctx.csrfToken} />
      <ErrorSummary heading={t('settings.errorHeading')} errors={p.errors} />
      <div class={`usa-form-group${p.errors.mode ? ' usa-form-group--error' : ''}`}>
        <fieldset class="usa-fieldset" aria-describedby={p.errors.mode ? 'mode-error' : undefined}>
          <legend class="usa-legend">{t('settings.mode')}</legend>
          {p.errors.mode && (
            <span class="usa-error-message" id="mode-error" role="alert">
              {p.errors.mode}
            </span>
          )}
          {MODES.map(([mode, key]) => {
            const id = mode === 'auto' ? 'mode' : `mode-${mode}`;
            return (
              <div class="usa-radio" key={mode}>
                <input
                  class="usa-radio__input"
                  id={id}
                  type="radio"
                  name="mode"
                  value={mode}
                  checked={p.values.mode === mode}
                />
                <label class="usa-radio__label" for={id}>
                  {t(key)}
                </label>
              </div>
            );
          })}
        </fieldset>
      </div>
      <TextInput
        name="capacity"
        label={t('settings.capacity')}
        hint={t('settings.capacityHint')}
        value={p.values.capacity}
        error={p.errors.capacity}
        inputMode="numeric"
        width="sm"
      />
      <TextInput
        name="ratePerMinute"
        label={t('settings.rate')}
        hint={t('settings.rateHint')}
        value={p.values.ratePerMinute}
        error={p.errors.ratePerMinute}
        inputMode="numeric"
        width="sm"
      />
      <button class="usa-button" type="submit">
        {t('settings.save')}
      </button>
    </form>
  );
}

export function ConsolePage(p: {
  ctx: PageContext;
  figures: Figures;
  canManage: boolean;
  saved: boolean;
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  const t = waitingRoomMessages.for(p.ctx.locale);
  return (
    <>
      <h1>{t('console.title')}</h1>
      {p.saved && <Alert type="success">{t('settings.saved')}</Alert>}
      <section aria-labelledby="figures-heading" data-waiting-room-console="/staff/waiting-room/figures">
        <h2 id="figures-heading">{t('console.figures')}</h2>
        <p class="text-bold" data-figure="state">
          {p.figures.state}
        </p>
        <dl class="fd-facts">
          {FIGURES.map(([name, key]) => (
            <div key={name}>
              <dt>{t(key)}</dt>
              <dd data-figure={name}>{p.figures[name]}</dd>
            </div>
          ))}
        </dl>
        <p>
          {t('console.live')}{' '}
          <a class="usa-link" href="/staff/waiting-room">
            {t('console.refresh')}
          </a>
        </p>
      </section>
      <section aria-labelledby="settings-heading">
        <h2 id="settings-heading">{t('settings.title')}</h2>
        {p.canManage ? (
          <SettingsForm ctx={p.ctx} values={p.values} errors={p.errors} />
        ) : (
          <p>{t('settings.readOnly')}</p>
        )}
      </section>
      <script src="/assets/waiting-room/waiting-room.js" defer></script>
    </>
  );
}
