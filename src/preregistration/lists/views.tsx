/** The list tools' console pages and links: the CSV export link, the printable call list, answering for a caller. */
import { formatDateTime, type Locale } from '../../platform/i18n/index.js';
import { Alert, CsrfField, DataTable, ErrorSummary, type PageContext } from '../../platform/views/index.js';
import { BirthDateField } from '../views/fields.js';
import type { CallEntry } from './call-list.js';
import { listsMessages, type ListsKey } from './messages.js';

const when = (ms: number, l: Locale, zone: string) => formatDateTime(ms, l, zone, 'datetime');

/** The dashboard's links: the export (anyone who sees the dashboard) and the call list (call agents and up). */
export function ListLinks(p: { locale: Locale; base: string; canCall: boolean }) {
  const t = listsMessages.for(p.locale);
  return (
    <ul class="usa-list">
      <li>
        <a class="usa-link" href={`${p.base}/export.csv`}>
          {t('export.link')}
        </a>
        <div class="usa-hint">{t('export.hint')}</div>
      </li>
      {p.canCall && (
        <li>
          <a class="usa-link" href={`${p.base}/call-list`}>
            {t('call.link')}
          </a>
        </li>
      )}
    </ul>
  );
}

/** The call list link alone (the programs page of a call agent). */
export function CallListLink({ locale, href }: { locale: Locale; href: string }) {
  return (
    <a class="usa-link" href={href}>
      {listsMessages.for(locale)('call.link')}
    </a>
  );
}

function tell(e: CallEntry, l: Locale): string {
  const t = listsMessages.for(l);
  if (e.offer)
    return t('tell.offer', {
      site: e.offer.siteName,
      address: e.offer.address,
      when: when(e.offer.startsAt, l, e.offer.timeZone),
      until: when(e.offer.until, l, e.offer.timeZone),
    });
  return t('tell.status', { group: e.group[l], phase: t(e.phaseOpen ? 'tell.phaseOpen' : 'tell.phaseClosed') });
}

export function CallListPage(p: {
  ctx: PageContext;
  program: string;
  base: string;
  entries: CallEntry[];
  zone: string;
}) {
  const l = p.ctx.locale;
  const t = listsMessages.for(l);
  return (
    <>
      <h1>
        {t('call.title')}: {p.program}
      </h1>
      <p class="usa-intro">{t('call.intro')}</p>
      {p.entries.length === 0 ? (
        <p>{t('call.none')}</p>
      ) : (
        <DataTable
          caption={t('call.caption')}
          rows={p.entries}
          rowKey={(e) => e.id}
          columns={[
            { label: t('col.name'), cell: (e) => e.name, rowHeader: true },
            { label: t('col.phone'), cell: (e) => <span class="text-no-wrap">{e.phone}</span> },
            { label: t('col.language'), cell: (e) => (e.language === 'es' ? 'Español' : 'English') },
            {
              label: t('col.tell'),
              cell: (e) => (
                <>
                  <p class="margin-0 text-wrap minw-15">{tell(e, l)}</p>
                  {e.offer && (
                    <a class="usa-link" href={`${p.base}/call-list/${encodeURIComponent(e.id)}/answer`}>
                      {t('answer.link', { name: e.name })}
                    </a>
                  )}
                </>
              ),
            },
            {
              label: t('col.called'),
              cell: (e) => (
                <>
                  {e.calledAt !== null && (
                    <p class="margin-0">{t('called.at', { when: when(e.calledAt, l, p.zone) })}</p>
                  )}
                  {!e.called && (
                    <form method="post" action={`${p.base}/call-list/${encodeURIComponent(e.id)}/called`}>
                      <CsrfField token={p.ctx.csrfToken} />
                      <button class="usa-button usa-button--outline usa-button--small" type="submit">
                        {t('called.mark', { name: e.name })}
                      </button>
                    </form>
                  )}
                </>
              ),
            },
          ]}
        />
      )}
    </>
  );
}

export function AnswerPage(p: {
  ctx: PageContext;
  entry: CallEntry;
  base: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  done: { key: ListsKey; code?: string } | null;
}) {
  const l = p.ctx.locale;
  const t = listsMessages.for(l);
  const e = p.entry;
  const summary = Object.entries(p.errors).map(([field, message]) => ({
    field: field === 'birthDate' ? 'birthMonth' : field,
    message,
  }));
  return (
    <>
      <ErrorSummary heading={t('errorHeading')} errors={summary} />
      <h1>{t('answer.title', { name: e.name })}</h1>
      {p.done ? (
        <Alert type="success">{t(p.done.key, { code: p.done.code ?? '' })}</Alert>
      ) : (
        <>
          <p class="usa-intro">{tell(e, l)}</p>
          <p>{t('answer.intro')}</p>
          <form
            method="post"
            action={`${p.base}/call-list/${encodeURIComponent(e.id)}/answer`}
            class="usa-form"
            noValidate
          >
            <CsrfField token={p.ctx.csrfToken} />
            <BirthDateField ctx={p.ctx} values={p.values} error={p.errors.birthDate} />
            <button class="usa-button margin-top-3" type="submit" name="answer" value="accept">
              {t('answer.accept')}
            </button>
            <button class="usa-button usa-button--outline margin-top-3" type="submit" name="answer" value="decline">
              {t('answer.decline')}
            </button>
          </form>
        </>
      )}
      <p>
        <a class="usa-link" href={`${p.base}/call-list`}>
          {t('answer.back')}
        </a>
      </p>
    </>
  );
}
