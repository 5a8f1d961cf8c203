import type { ComponentChildren } from 'preact';
import { formatDateTime } from '../../../platform/i18n/index.js';
import { ErrorSummary, type PageContext } from '../../../platform/views/index.js';
import { ACCESSIBILITY_FEATURES } from '../../../sites/index.js';
import type { SiteResult } from '../find-sites.js';
import { bookingPagesMessages } from '../messages.js';
import type { SiteSearch } from '../schema.js';
import { BackLink, FEATURE_KEYS, isFeature, languageName } from './parts.js';

export interface SitesPageProps {
  ctx: PageContext;
  /** Above the heading: the staff banner, the step indicator or the current appointment. */
  top: ComponentChildren;
  title: string;
  lead: string;
  back: string;
  /** The search form's own URL (GET). */
  action: string;
  /** Where "Choose a time" at a site goes. */
  timesHref: (siteId: string) => string;
  query: SiteSearch;
  /** What was typed in the ZIP field (shown again as typed). */
  zipTyped: string;
  languages: string[];
  sites: SiteResult[] | null;
  searchedZip: string | null;
  error: string | null;
}

function Filters({ ctx, query, languages }: Pick<SitesPageProps, 'ctx' | 'query' | 'languages'>) {
  const t = bookingPagesMessages.for(ctx.locale);
  return (
    <>
      <fieldset class="usa-fieldset margin-top-3">
        <legend class="usa-legend">{t('search.filters')}</legend>
        {ACCESSIBILITY_FEATURES.map((f) => (
          <div class="usa-checkbox" key={f}>
            <input
              class="usa-checkbox__input"
              id={`access-${f}`}
              type="checkbox"
              name="access"
              value={f}
              checked={query.access.includes(f)}
            />
            <label class="usa-checkbox__label" for={`access-${f}`}>
              {t(FEATURE_KEYS[f])}
            </label>
          </div>
        ))}
        <div class="usa-checkbox">
          <input
            class="usa-checkbox__input"
            id="walkIns"
            type="checkbox"
            name="walkIns"
            value="yes"
            checked={query.walkIns}
          />
          <label class="usa-checkbox__label" for="walkIns">
            {t('search.walkIns')}
          </label>
        </div>
      </fieldset>
      <div class="usa-form-group">
        <label class="usa-label" for="speaks">
          {t('search.speaks')}
        </label>
        <select class="usa-select" id="speaks" name="speaks">
          <option value="">{t('search.anyLanguage')}</option>
          {languages.map((code) => (
            <option key={code} value={code} selected={query.speaks === code}>
              {languageName(code, ctx.locale)}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}

function SiteCard({ ctx, r, href }: { ctx: PageContext; r: SiteResult; href: string }) {
  const t = bookingPagesMessages.for(ctx.locale);
  const l = ctx.locale;
  const features = r.accessibility.filter(isFeature).map((f) => t(FEATURE_KEYS[f]));
  return (
    <li class="usa-collection__item">
      <div class="usa-collection__body">
        <h3 class="usa-collection__heading">{r.site.name}</h3>
        <p class="usa-collection__description">
          {r.site.address} {r.site.postal_code}
          {r.distanceMiles !== null && (
            <>
              <br />
              <strong>{t('search.distance', { miles: r.distanceMiles })}</strong>
            </>
          )}
        </p>
        <p class="margin-y-1">
          {t('search.next', {
            when: `${formatDateTime(r.nextAvailable, l, r.site.time_zone, 'date')}, ${formatDateTime(
              r.nextAvailable,
              l,
              r.site.time_zone,
              'time',
            )}`,
          })}
        </p>
        <ul class="usa-collection__meta" aria-label={r.site.name}>
          {features.map((f) => (
            <li class="usa-collection__meta-item usa-tag" key={f}>
              {f}
            </li>
          ))}
          {r.site.walk_ins === 1 && <li class="usa-collection__meta-item usa-tag">{t('search.walkInsYes')}</li>}
        </ul>
        {r.languages.length > 0 && (
          <p class="margin-y-1">
            {t('search.speaksList', { languages: r.languages.map((c) => languageName(c, l)).join(', ') })}
          </p>
        )}
        <p class="margin-bottom-0">
          <a
            class="usa-button usa-button--outline"
            href={href}
            aria-label={t('search.chooseAt', { site: r.site.name })}
          >
            {t('search.choose')}
          </a>
        </p>
      </div>
    </li>
  );
}

/** Step 2: find a place by ZIP code, with filters (a GET form: works without JavaScript and can be bookmarked). */
export function SitesPage(p: SitesPageProps) {
  const t = bookingPagesMessages.for(p.ctx.locale);
  const errors = p.error ? { zip: p.error } : {};
  return (
    <>
      {p.top}
      <BackLink href={p.back} locale={p.ctx.locale} />
      <ErrorSummary heading={t('common.errorHeading')} errors={errors} />
      <h1>{p.title}</h1>
      <p class="usa-intro">{p.lead}</p>
      <form method="get" action={p.action} class="usa-form usa-form--large" role="search" aria-label={p.title}>
        <div class={`usa-form-group${p.error ? ' usa-form-group--error' : ''}`}>
          <label class={`usa-label${p.error ? ' usa-label--error' : ''}`} for="zip">
            {t('search.zip')}
          </label>
          <div class="usa-hint" id="zip-hint">
            {t('search.zipHint')}
          </div>
          {p.error && (
            <span class="usa-error-message" id="zip-error" role="alert">
              {p.error}
            </span>
          )}
          <input
            class={`usa-input usa-input--small${p.error ? ' usa-input--error' : ''}`}
            id="zip"
            name="zip"
            type="text"
            inputMode="numeric"
            autoComplete="postal-code"
            maxLength={10}
            value={p.zipTyped}
            aria-invalid={p.error ? 'true' : undefined}
            aria-describedby={p.error ? 'zip-hint zip-error' : 'zip-hint'}
          />
        </div>
        <Filters ctx={p.ctx} query={p.query} languages={p.languages} />
        <button type="submit" class="usa-button margin-top-3">
          {t('search.submit')}
        </button>
      </form>
      {p.sites && (
        <section aria-labelledby="results-heading" class="margin-top-5">
          <h2 id="results-heading">
            {p.searchedZip
              ? t('search.resultsNear', { count: p.sites.length, zip: p.searchedZip })
              : t('search.results', { count: p.sites.length })}
          </h2>
          {p.sites.length === 0 ? (
            <p>{t('search.none')}</p>
          ) : (
            <ul class="usa-collection">
              {p.sites.map((r) => (
                <SiteCard key={r.site.id} ctx={p.ctx} r={r} href={p.timesHref(r.site.id)} />
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}
