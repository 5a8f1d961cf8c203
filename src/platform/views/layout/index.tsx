import type { ComponentChildren } from 'preact';
import { LOCALES, LOCALE_NAMES } from '../../i18n/index.js';
import { formatOpeningHours, phoneForDisplay } from '../../agency/contact.js';
import { assetUrl } from '../../http/assets.js';
import { platformMessages } from '../../i18n/messages.js';
import { languageHref, type PageContext } from '../context.js';

export interface LayoutProps {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
  /** Content of the header's right side under the language switch (e.g. staff sign-out). */
  headerExtra?: ComponentChildren;
  /** Extra elements at the start of <head> (e.g. a `<noscript>` refresh for a page that updates itself). */
  head?: ComponentChildren;
}

function Banner({ ctx }: { ctx: PageContext }) {
  const t = platformMessages.for(ctx.locale);
  return (
    <section class="usa-banner" aria-label={t('layout.banner.official', { agency: ctx.agencyName })}>
      <div class="usa-accordion">
        <header class="usa-banner__header">
          <div class="usa-banner__inner">
            <div class="grid-col-auto">
              <img
                aria-hidden="true"
                class="usa-banner__header-flag"
                src={assetUrl('/assets/uswds/img/us_flag_small.png')}
                alt=""
              />
            </div>
            <div class="grid-col-fill tablet:grid-col-auto" aria-hidden="true">
              <p class="usa-banner__header-text">{t('layout.banner.official', { agency: ctx.agencyName })}</p>
              <p class="usa-banner__header-action">{t('layout.banner.howToKnow')}</p>
            </div>
            <button
              type="button"
              class="usa-accordion__button usa-banner__button"
              aria-expanded="false"
              aria-controls="gov-banner"
            >
              <span class="usa-banner__button-text">{t('layout.banner.howToKnow')}</span>
            </button>
          </div>
        </header>
        <div class="usa-banner__content usa-accordion__content" id="gov-banner" hidden>
          <div class="grid-row grid-gap-lg">
            <div class="usa-banner__guidance tablet:grid-col-6">
              <img
                class="usa-banner__icon usa-media-block__img"
                src={assetUrl('/assets/uswds/img/icon-dot-gov.svg')}
                alt=""
                aria-hidden="true"
              />
              <div class="usa-media-block__body">
                <p>
                  <strong>{t('layout.banner.dotGovHeading')}</strong>
                  <br />
                  {t('layout.banner.dotGovText')}
                </p>
              </div>
            </div>
            <div class="usa-banner__guidance tablet:grid-col-6">
              <img
                class="usa-banner__icon usa-media-block__img"
                src={assetUrl('/assets/uswds/img/icon-https.svg')}
                alt=""
                aria-hidden="true"
              />
              <div class="usa-media-block__body">
                <p>
                  <strong>{t('layout.banner.httpsHeading')}</strong>
                  <br />
                  {t('layout.banner.httpsText')}
                </p>
              </div>
            </div>
          </div>
        </div>
      </div>
    </section>
  );
}

function LanguageSwitch({ ctx }: { ctx: PageContext }) {
  const t = platformMessages.for(ctx.locale);
  const others = LOCALES.filter((l) => l !== ctx.locale);
  return (
    <nav class="fd-language" aria-label={t('layout.languageLabel')}>
      <ul class="usa-button-group">
        {others.map((l) => (
          <li class="usa-button-group__item" key={l}>
            <a
              class="usa-button usa-button--outline usa-button--small"
              href={languageHref(ctx.path, l)}
              lang={l}
              hrefLang={l}
            >
              {LOCALE_NAMES[l]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The page shell every page uses: banner, skip link, header, language switch, main, footer. */
export function Layout({ ctx, title, children, headerExtra, head }: LayoutProps) {
  const t = platformMessages.for(ctx.locale);
  return (
    <html lang={ctx.locale} class="no-js">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {head}
        <title>{t('layout.titleSuffix', { title, agency: ctx.agencyName })}</title>
        <link rel="stylesheet" href={assetUrl('/assets/uswds/css/uswds.min.css')} />
        <link rel="stylesheet" href={assetUrl('/assets/app/app.css')} />
        <link rel="icon" href={assetUrl('/assets/uswds/img/favicons/favicon.ico')} />
        <script src={assetUrl('/assets/uswds/js/uswds-init.min.js')}></script>
      </head>
      <body>
        <a class="usa-skipnav" href="#main-content">
          {t('layout.skipLink')}
        </a>
        <Banner ctx={ctx} />
        <header class="usa-header usa-header--basic fd-header">
          <div class="fd-header__inner grid-container">
            <div class="usa-logo">
              <em class="usa-logo__text">
                <a href="/" title={t('layout.homeLink', { agency: ctx.agencyName })}>
                  {t('layout.siteTitle', { agency: ctx.agencyName })}
                </a>
              </em>
            </div>
            <div class="fd-header__tools">
              <LanguageSwitch ctx={ctx} />
              {headerExtra}
            </div>
          </div>
        </header>
        <main id="main-content" class="grid-container fd-main" tabIndex={-1}>
          {children}
        </main>
        <footer class="usa-footer usa-footer--slim">
          <div class="usa-footer__secondary-section">
            <div class="grid-container fd-footer">
              <section class="fd-footer__contact" aria-labelledby="fd-footer-contact">
                <h2 id="fd-footer-contact" class="usa-footer__contact-heading">
                  {t('contact.heading')}
                </h2>
                <p>
                  <a class="usa-link" href={`tel:${ctx.agencyContact.phone}`}>
                    {phoneForDisplay(ctx.agencyContact.phone)}
                  </a>
                </p>
                <p>{formatOpeningHours(ctx.agencyContact.hours, ctx.locale)}</p>
              </section>
              <p>{t('layout.footer.about', { agency: ctx.agencyName })}</p>
              <p>
                {ctx.staff ? (
                  <a class="usa-link" href="/staff">
                    {t('layout.footer.console')}
                  </a>
                ) : (
                  <a class="usa-link" href="/staff/sign-in">
                    {t('layout.footer.staff')}
                  </a>
                )}
              </p>
            </div>
          </div>
        </footer>
        <script src={assetUrl('/assets/uswds/js/uswds.min.js')}></script>
        <script src={assetUrl('/assets/app/app.js')}></script>
      </body>
    </html>
  );
}
