import type { RowProblem } from '../../platform/csv/index.js';
import { Alert, CsvUpload, DataTable, type PageContext } from '../../platform/views/index.js';
import { sitesMessages, type SitesKey } from '../messages.js';

const CODE_KEYS: Record<string, SitesKey> = {
  name_taken: 'sites.error.nameTaken',
  unreadable: 'sites.import.unreadable',
  too_many_rows: 'sites.import.tooManyRows',
  empty: 'sites.import.empty',
};

/** A row problem in the reader's language: its code, or the schema's message key, or (last) the English text. */
function problemText(locale: PageContext['locale'], p: RowProblem): string {
  const t = sitesMessages.for(locale);
  const byCode = p.code ? CODE_KEYS[p.code] : undefined;
  if (byCode) return t(byCode);
  // Schema messages are keys of this catalog (checked by `in`).
  return p.problem in sitesMessages.messages.en ? t(p.problem as SitesKey) : p.problem;
}

export function SitesImportPage(p: {
  ctx: PageContext;
  multipart: boolean;
  value?: string | undefined;
  problems: RowProblem[];
  imported?: number | undefined;
}) {
  const t = sitesMessages.for(p.ctx.locale);
  return (
    <>
      <h1>{t('sites.import.title')}</h1>
      {p.imported !== undefined && (
        <Alert type="success" heading={t('sites.import.done', { count: p.imported })}>
          <a class="usa-link" href="/staff/sites">
            {t('sites.import.seeSites')}
          </a>
        </Alert>
      )}
      <p>{t('sites.import.intro')}</p>
      <p>
        <a class="usa-link" href="/staff/sites/import/sample.csv" download="sites-sample.csv">
          {t('sites.import.sample')}
        </a>
      </p>
      {p.problems.length > 0 && (
        <div id="csv-problems">
          <Alert type="error" heading={t('sites.import.failed', { count: p.problems.length })}>
            {t('sites.import.nothingImported')}
          </Alert>
          <DataTable
            caption={t('sites.import.problems')}
            showCaption
            rows={p.problems}
            rowKey={(x) => `${x.line}|${x.field}|${x.problem}`}
            columns={[
              { label: t('sites.import.row'), cell: (x) => (x.line > 0 ? x.line : '—'), rowHeader: true },
              {
                label: t('sites.import.column'),
                cell: (x) => (x.field === '(file)' ? t('sites.import.wholeFile') : x.field),
              },
              { label: t('sites.import.problem'), cell: (x) => problemText(p.ctx.locale, x) },
            ]}
          />
        </div>
      )}
      <CsvUpload
        action="/staff/sites/import"
        csrfToken={p.ctx.csrfToken}
        multipart={p.multipart}
        value={p.value}
        errorId={p.problems.length > 0 ? 'csv-problems' : undefined}
        labels={{
          file: t('sites.import.file'),
          fileHint: t('sites.import.fileHint'),
          paste: t('sites.import.paste'),
          pasteHint: t('sites.import.pasteHint'),
          submit: t('sites.import.submit'),
        }}
      />
    </>
  );
}
