/**
 * The waiting page. Without JavaScript it reloads itself every 25 seconds (a `<noscript>` refresh, which visitors can
 * stop); with JavaScript a small script from our origin asks the status endpoint instead and updates the polite live
 * region, so screen readers hear the changes without the page reloading under them.
 */
import { Alert, Layout, type PageContext } from '../../platform/views/index.js';
import { waitingRoomMessages } from '../messages.js';

export const REFRESH_SECONDS = 25;

export interface WaitingLines {
  position: string;
  ahead: string;
  eta: string;
}

export function WaitingPage(p: {
  ctx: PageContext;
  lines: WaitingLines;
  abandonMinutes: number;
  autoRefresh: boolean;
  restarted: boolean;
}) {
  const t = waitingRoomMessages.for(p.ctx.locale);
  const checkHref = p.autoRefresh ? '/waiting-room' : '/waiting-room?refresh=off';
  const head = p.autoRefresh ? (
    <noscript>
      <meta http-equiv="refresh" content={String(REFRESH_SECONDS)} />
    </noscript>
  ) : undefined;
  return (
    <Layout ctx={p.ctx} title={t('waiting.title')} head={head}>
      <div class="grid-row">
        <div class="grid-col-12 tablet:grid-col-8">
          <h1>{t('waiting.title')}</h1>
          {p.restarted && <Alert type="warning">{t('waiting.restarted')}</Alert>}
          <p class="usa-intro">{t('waiting.intro')}</p>
          <div
            id="waiting-status"
            class="usa-summary-box margin-y-3"
            aria-live="polite"
            data-waiting-room="/waiting-room/status"
          >
            <div class="usa-summary-box__body">
              <p class="usa-summary-box__heading font-heading-lg" data-line="position">
                {p.lines.position}
              </p>
              <p data-line="ahead">{p.lines.ahead}</p>
              <p data-line="eta">{p.lines.eta}</p>
            </div>
          </div>
          <p>{t('waiting.keepOpen')}</p>
          <p>{t('waiting.abandon', { minutes: p.abandonMinutes })}</p>
          {p.autoRefresh ? (
            <noscript>
              <p>
                {t('waiting.autoRefresh')}{' '}
                <a class="usa-link" href="/waiting-room?refresh=off">
                  {t('waiting.stopRefresh')}
                </a>
              </p>
            </noscript>
          ) : (
            <p>{t('waiting.refreshStopped')}</p>
          )}
          <p>
            <a class="usa-button usa-button--outline" href={checkHref}>
              {t('waiting.checkNow')}
            </a>
          </p>
        </div>
      </div>
      <script src="/assets/waiting-room/waiting-room.js" defer></script>
    </Layout>
  );
}
