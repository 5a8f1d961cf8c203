import { ROLES } from '../../platform/auth/index.js';
import { roleLabel } from '../../platform/http/page.js';
import { formatDateTime } from '../../platform/i18n/index.js';
import { platformMessages } from '../../platform/i18n/messages.js';
import {
  Alert,
  CsrfField,
  DataTable,
  ErrorSummary,
  Select,
  TextInput,
  type PageContext,
} from '../../platform/views/index.js';
import { staffMessages, type StaffKey } from '../messages.js';
import type { ApiTokenRow } from '../repository.js';
import type { SiteChoice } from '../site-assignments.js';
import { SiteCheckboxes, sitesText } from './users-pages.js';
import { ConsoleLayout, type ConsoleNav } from '../../platform/views/index.js';

type SitesOf = { siteNames: Map<string, string>; assigned: Map<string, string[]> };

function TokenTable({
  ctx,
  tokens,
  tz,
  sites,
}: {
  ctx: PageContext;
  tokens: ApiTokenRow[];
  tz: string;
  sites: SitesOf;
}) {
  const t = staffMessages.for(ctx.locale);
  if (tokens.length === 0) return <p>{t('tokens.none')}</p>;
  const when = (ms: number | null) => (ms === null ? '—' : formatDateTime(ms, ctx.locale, tz));
  return (
    <DataTable
      caption={t('tokens.title')}
      rows={tokens}
      rowKey={(tok) => tok.id}
      columns={[
        { label: t('tokens.col.name'), cell: (tok) => tok.name, rowHeader: true },
        { label: t('tokens.col.role'), cell: (tok) => roleLabel(tok.role, ctx.locale) },
        {
          label: t('tokens.col.sites'),
          cell: (tok) => sitesText(ctx, tok.role, sites.assigned.get(tok.id), sites.siteNames),
        },
        { label: t('tokens.col.prefix'), cell: (tok) => <code>{tok.prefix}…</code> },
        { label: t('tokens.col.created'), cell: (tok) => when(tok.created_at) },
        { label: t('tokens.col.lastUsed'), cell: (tok) => when(tok.last_used_at) },
        { label: t('tokens.col.status'), cell: (tok) => <TokenStatus ctx={ctx} token={tok} /> },
      ]}
    />
  );
}

function TokenStatus({ ctx, token }: { ctx: PageContext; token: ApiTokenRow }) {
  const t = staffMessages.for(ctx.locale);
  if (token.revoked_at !== null) return <>{t('tokens.revoked')}</>;
  return (
    <form method="post" action={`/staff/tokens/${token.id}/revoke`}>
      <CsrfField token={ctx.csrfToken} />
      <span class="margin-right-1">{t('tokens.active')}</span>
      <button type="submit" class="usa-button usa-button--secondary usa-button--small">
        {t('tokens.revoke', { name: token.name })}
      </button>
    </form>
  );
}

export function TokensPage(p: {
  ctx: PageContext;
  nav: ConsoleNav;
  tokens: ApiTokenRow[];
  sites: SiteChoice[];
  assigned: Map<string, string[]>;
  errors: Record<string, string>;
  values: Record<string, string>;
  notice?: StaffKey | undefined;
  tz: string;
}) {
  const { ctx } = p;
  const t = staffMessages.for(ctx.locale);
  const pm = platformMessages.for(ctx.locale);
  return (
    <ConsoleLayout ctx={ctx} title={t('tokens.title')} nav={p.nav}>
      <h1>{t('tokens.title')}</h1>
      <p>{t('tokens.intro')}</p>
      {p.notice && (
        <Alert type="success" slim>
          {t(p.notice)}
        </Alert>
      )}
      <TokenTable
        ctx={ctx}
        tokens={p.tokens}
        tz={p.tz}
        sites={{ siteNames: new Map(p.sites.map((s) => [s.id, s.name])), assigned: p.assigned }}
      />
      <h2>{t('tokens.create')}</h2>
      <ErrorSummary heading={pm('errors.summaryHeading')} errors={p.errors} />
      <form class="usa-form" method="post" action="/staff/tokens" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextInput
          name="name"
          label={t('tokens.name')}
          hint={t('tokens.nameHint')}
          autocomplete="off"
          value={p.values.name}
          error={p.errors.name}
          required
          maxLength={80}
        />
        <Select
          name="role"
          label={t('tokens.role')}
          options={ROLES.map((r) => ({ value: r, label: roleLabel(r, ctx.locale) }))}
          value={p.values.role ?? 'analyst'}
          error={p.errors.role}
          required
        />
        <SiteCheckboxes
          ctx={ctx}
          sites={p.sites}
          chosen={(p.values.sites ?? '').split(',')}
          legend={t('tokens.sitesLegend')}
          hint={t('tokens.sitesHint')}
          error={p.errors.sites}
        />
        <button type="submit" class="usa-button">
          {t('tokens.submit')}
        </button>
      </form>
    </ConsoleLayout>
  );
}

/** Shown once, in the answer to the POST that created the token (never cached, never stored). */
export function TokenCreatedPage({
  ctx,
  nav,
  token,
  name,
}: {
  ctx: PageContext;
  nav: ConsoleNav;
  token: string;
  name: string;
}) {
  const t = staffMessages.for(ctx.locale);
  return (
    <ConsoleLayout ctx={ctx} title={t('tokens.created.title')} nav={nav}>
      <h1>{t('tokens.created.title')}</h1>
      <Alert type="warning" heading={name}>
        {t('tokens.created.body')}
      </Alert>
      <p class="fd-token" data-token>
        {token}
      </p>
      <p>
        <a class="usa-button" href="/staff/tokens">
          {t('tokens.created.back')}
        </a>
      </p>
    </ConsoleLayout>
  );
}
