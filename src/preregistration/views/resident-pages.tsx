/** The resident pages of pre-registration: programs, screener and its answer, the form, confirmation, status. */
import { phoneForDisplay } from '../../platform/agency/contact.js';
import type { ComponentChildren } from 'preact';
import { CsrfField, ErrorSummary, TextInput, type PageContext } from '../../platform/views/index.js';
import type { ScreenResult } from '../eligibility.js';
import { preregMessages, type PreregKey } from '../messages.js';
import type { GroupRow, ProgramSiteRow } from '../repository.js';
import { NEEDS, UNAVAILABLE } from '../schema.js';
import type { StatusFacts } from '../status.js';
import { BirthDateField, checkedOf, Choices, CountyField } from './fields.js';

type Names = { name_en: string; name_es: string };
export const nameIn = (n: Names, locale: string) => (locale === 'es' ? n.name_es : n.name_en);

/** Error summary links: groups go to their first input. */
const ANCHORS: Record<string, string> = {
  birthDate: 'birthMonth',
  forWhom: 'forWhom-0',
  language: 'language-0',
  needs: 'needs-0',
  maxMiles: 'maxMiles-0',
  unavailable: 'unavailable-0',
};
const summary = (errors: Record<string, string>) =>
  Object.entries(errors).map(([field, message]) => ({ field: ANCHORS[field] ?? field, message }));

export function MessagePage({ title, body, children }: { title: string; body: string; children?: ComponentChildren }) {
  return (
    <>
      <h1>{title}</h1>
      <p class="usa-intro">{body}</p>
      {children}
    </>
  );
}

export function ProgramsPage({ ctx, programs }: { ctx: PageContext; programs: (Names & { id: string })[] }) {
  const t = preregMessages.for(ctx.locale);
  return (
    <>
      <h1>{t('programs.title')}</h1>
      <p class="usa-intro">{t('programs.intro')}</p>
      {programs.length === 0 ? (
        <p>{t('programs.none')}</p>
      ) : (
        <ul class="usa-list usa-list--unstyled">
          {programs.map((p) => (
            <li key={p.id} class="margin-bottom-2">
              <a class="usa-button" href={`/preregister/${encodeURIComponent(p.id)}`}>
                {t('programs.start', { program: nameIn(p, ctx.locale) })}
              </a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Questions(p: { ctx: PageContext; groups: GroupRow[]; values: Record<string, string> }) {
  const t = preregMessages.for(p.ctx.locale);
  const asked = p.groups.filter((g) => g.question_en !== '');
  if (asked.length === 0) return null;
  return (
    <Choices
      name="yes"
      multiple
      legend={t('field.questions')}
      hint={t('field.questionsHint')}
      options={asked.map((g) => ({ value: g.id, label: p.ctx.locale === 'es' ? g.question_es : g.question_en }))}
      checked={checkedOf(p.values.yes)}
    />
  );
}

export interface ScreenerProps {
  ctx: PageContext;
  program: Names & { id: string };
  groups: GroupRow[];
  /** The counties the program's rules accept: asked only when there are some. */
  counties: string[];
  values: Record<string, string>;
  errors: Record<string, string>;
}

export function ScreenerPage(p: ScreenerProps) {
  const t = preregMessages.for(p.ctx.locale);
  return (
    <>
      <ErrorSummary heading={t('common.errorHeading')} errors={summary(p.errors)} />
      <h1>{t('screener.title')}</h1>
      <p class="usa-intro">
        {nameIn(p.program, p.ctx.locale)}. {t('screener.intro')}
      </p>
      <form method="post" action={`/preregister/${encodeURIComponent(p.program.id)}`} class="usa-form" noValidate>
        <CsrfField token={p.ctx.csrfToken} />
        <BirthDateField ctx={p.ctx} values={p.values} error={p.errors.birthDate} />
        <TextInput
          name="zip"
          label={t('field.zip')}
          value={p.values.zip}
          error={p.errors.zip}
          inputMode="numeric"
          autocomplete="postal-code"
          maxLength={5}
          width="md"
          required
        />
        <CountyField ctx={p.ctx} counties={p.counties} value={p.values.county} error={p.errors.county} />
        <Questions ctx={p.ctx} groups={p.groups} values={p.values} />
        <button class="usa-button margin-top-3" type="submit">
          {t('screener.submit')}
        </button>
      </form>
    </>
  );
}

const NOT_KEYS: Record<'age' | 'residence' | 'no_group', PreregKey> = {
  age: 'result.not.age',
  residence: 'result.not.residence',
  no_group: 'result.not.no_group',
};

export function ResultPage({ ctx, programId, result }: { ctx: PageContext; programId: string; result: ScreenResult }) {
  const t = preregMessages.for(ctx.locale);
  const base = `/preregister/${encodeURIComponent(programId)}`;
  if (result.kind === 'not')
    return (
      <>
        <h1>{t('result.not.title')}</h1>
        <p class="usa-intro">{t(NOT_KEYS[result.reason])}</p>
        <p>{t('result.not.next', { phone: phoneForDisplay(ctx.agencyContact.phone) })}</p>
        <p>
          <a class="usa-link" href={base}>
            {t('result.again')}
          </a>
        </p>
      </>
    );
  const args = { group: nameIn(result.group, ctx.locale), phase: nameIn(result.phase, ctx.locale) };
  return (
    <>
      <h1>{t(result.kind === 'now' ? 'result.now.title' : 'result.later.title')}</h1>
      <p class="usa-intro">{t(result.kind === 'now' ? 'result.now.body' : 'result.later.body', args)}</p>
      <p>
        <a class="usa-button" href={`${base}/register`}>
          {t('result.register')}
        </a>
      </p>
      <p>
        <a class="usa-link" href={base}>
          {t('result.again')}
        </a>
      </p>
    </>
  );
}

const NEED_KEYS: Record<(typeof NEEDS)[number], PreregKey> = {
  wheelchair: 'register.need.wheelchair',
  asl: 'register.need.asl',
  parking: 'register.need.parking',
  'drive-through': 'register.need.drive-through',
};
const UNAVAILABLE_KEYS: Record<(typeof UNAVAILABLE)[number], PreregKey> = {
  'weekday-am': 'register.unavailable.weekday-am',
  'weekday-pm': 'register.unavailable.weekday-pm',
  weekend: 'register.unavailable.weekend',
};
export const MILES = ['5', '10', '25', '50', '100'];

export interface RegisterProps extends ScreenerProps {
  action: string;
  /** Staff registering a caller: "for someone else" does not apply. */
  staff: boolean;
  /** Active sites offering the program, for the optional preferred sites. */
  sites: ProgramSiteRow[];
}

export function RegisterPage(p: RegisterProps) {
  const t = preregMessages.for(p.ctx.locale);
  const v = p.values;
  const e = p.errors;
  return (
    <>
      <ErrorSummary heading={t('common.errorHeading')} errors={summary(e)} />
      <h1>{t('register.title')}</h1>
      <p class="usa-intro">
        {nameIn(p.program, p.ctx.locale)}. {t('register.intro')}
      </p>
      <form method="post" action={p.action} class="usa-form usa-form--large" noValidate>
        <CsrfField token={p.ctx.csrfToken} />
        {!p.staff && (
          <Choices
            name="forWhom"
            legend={t('register.forWhom')}
            options={[
              { value: 'self', label: t('register.forSelf') },
              { value: 'other', label: t('register.forOther') },
            ]}
            checked={[v.forWhom ?? 'self']}
            error={e.forWhom}
          />
        )}
        <p class="usa-hint">{t('register.personHint')}</p>
        <TextInput
          name="givenName"
          label={t('register.givenName')}
          value={v.givenName}
          error={e.givenName}
          autocomplete="given-name"
          maxLength={100}
          required
        />
        <TextInput
          name="familyName"
          label={t('register.familyName')}
          value={v.familyName}
          error={e.familyName}
          autocomplete="family-name"
          maxLength={100}
          required
        />
        <BirthDateField ctx={p.ctx} values={v} error={e.birthDate} />
        <TextInput
          name="zip"
          label={t('field.zip')}
          value={v.zip}
          error={e.zip}
          inputMode="numeric"
          autocomplete="postal-code"
          maxLength={5}
          width="md"
          required
        />
        <CountyField ctx={p.ctx} counties={p.counties} value={v.county} error={e.county} />
        <Questions ctx={p.ctx} groups={p.groups} values={v} />
        <fieldset class="usa-fieldset margin-top-3">
          <legend class="usa-legend usa-legend--large">{t('register.contact')}</legend>
          <p class="usa-hint">{t('register.contactHint')}</p>
          <TextInput
            name="email"
            type="email"
            label={t('register.email')}
            value={v.email}
            error={e.email}
            autocomplete="email"
          />
          <TextInput
            name="phone"
            type="tel"
            label={t('register.phone')}
            value={v.phone}
            error={e.phone}
            autocomplete="tel"
            width="md"
          />
          <Choices
            name="callMe"
            multiple
            legend={t('register.phone')}
            options={[{ value: 'yes', label: t('register.callMe') }]}
            checked={checkedOf(v.callMe)}
          />
        </fieldset>
        <Choices
          name="language"
          legend={t('register.language')}
          options={[
            { value: 'en', label: 'English' },
            { value: 'es', label: 'Español' },
          ]}
          checked={[v.language ?? p.ctx.locale]}
          error={e.language}
        />
        <Choices
          name="needs"
          multiple
          legend={t('register.needs')}
          options={NEEDS.map((n) => ({ value: n, label: t(NEED_KEYS[n]) }))}
          checked={checkedOf(v.needs)}
          error={e.needs}
        />
        <TextInput
          name="languageNeed"
          label={t('register.languageNeed')}
          hint={t('register.languageNeedHint')}
          value={v.languageNeed}
          error={e.languageNeed}
          maxLength={40}
        />
        <Choices
          name="maxMiles"
          legend={t('register.maxMiles')}
          options={MILES.map((m) => ({ value: m, label: t('register.miles', { count: Number(m) }) }))}
          checked={[v.maxMiles ?? '25']}
          error={e.maxMiles}
        />
        {p.sites.length > 0 && (
          <Choices
            name="preferredSites"
            multiple
            legend={t('register.sites')}
            hint={t('register.sitesHint')}
            options={p.sites.map((site) => ({
              value: site.id,
              label: t('register.site', { name: site.name, address: site.address, zip: site.postal_code }),
            }))}
            checked={checkedOf(v.preferredSites)}
          />
        )}
        <Choices
          name="unavailable"
          multiple
          legend={t('register.unavailable')}
          options={UNAVAILABLE.map((u) => ({ value: u, label: t(UNAVAILABLE_KEYS[u]) }))}
          checked={checkedOf(v.unavailable)}
          error={e.unavailable}
        />
        <Choices
          name="standby"
          multiple
          legend={t('register.standbyLegend')}
          hint={t('register.standbyHint')}
          options={[{ value: 'yes', label: t('register.standby') }]}
          checked={checkedOf(v.standby)}
        />
        <button class="usa-button margin-top-3" type="submit">
          {t('register.submit')}
        </button>
      </form>
    </>
  );
}

export function ConfirmationPage({ ctx, merged, statusUrl }: { ctx: PageContext; merged: boolean; statusUrl: string }) {
  const t = preregMessages.for(ctx.locale);
  return (
    <>
      <div class="usa-alert usa-alert--success" role="status">
        <div class="usa-alert__body">
          <h1 class="usa-alert__heading">{t('confirmation.title')}</h1>
          {merged && <p class="usa-alert__text">{t('confirmation.merged')}</p>}
        </div>
      </div>
      <p class="usa-intro">{t('confirmation.next')}</p>
      <p>{t('confirmation.statusLink')}</p>
      <p>
        <a class="usa-link" href={statusUrl}>
          {statusUrl}
        </a>
      </p>
    </>
  );
}

const STATE_KEYS: Record<StatusFacts['status'], PreregKey> = {
  waiting: 'status.state.waiting',
  invited: 'status.state.invited',
  booked: 'status.state.booked',
  'opted-out': 'status.state.opted-out',
};

export function StatusPage({ ctx, facts, optedOut }: { ctx: PageContext; facts: StatusFacts; optedOut: boolean }) {
  const t = preregMessages.for(ctx.locale);
  const l = ctx.locale;
  const phase = l === 'es' ? facts.phase.es : facts.phase.en;
  const rows: [string, string][] = [
    [t('status.program'), l === 'es' ? facts.program.es : facts.program.en],
    [t('status.state'), t(STATE_KEYS[facts.status])],
    [t('status.group'), l === 'es' ? facts.group.es : facts.group.en],
    [t('status.phase'), t(facts.phase.open ? 'status.phaseOpen' : 'status.phaseClosed', { phase })],
    [t('status.invited'), String(facts.invitedThisWeek)],
  ];
  return (
    <>
      {optedOut && (
        <div class="usa-alert usa-alert--info usa-alert--slim" role="status">
          <div class="usa-alert__body">
            <p class="usa-alert__text">{t('status.optedOut')}</p>
          </div>
        </div>
      )}
      <h1>{t('status.title')}</h1>
      <dl class="prereg-facts">
        {rows.map(([k, v]) => (
          <div key={k} class="margin-bottom-2">
            <dt class="text-bold">{k}</dt>
            <dd class="margin-left-0">{v}</dd>
          </div>
        ))}
      </dl>
      <p>{t('status.noEta')}</p>
      {facts.status !== 'opted-out' && facts.status !== 'booked' && (
        <form method="post" action="/preregister/opt-out">
          <CsrfField token={ctx.csrfToken} />
          <p class="usa-hint">{t('status.optOutHint')}</p>
          <button class="usa-button usa-button--secondary" type="submit">
            {t('status.optOut')}
          </button>
        </form>
      )}
    </>
  );
}
