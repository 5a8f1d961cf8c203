/** ZIP equity weights: the rule, the upload (file or paste; all or nothing), problems by row, the current table. */
import type { RowProblem } from '../../../platform/csv/index.js';
import { Alert, CsrfField, CsvUpload, DataTable, type PageContext } from '../../../platform/views/index.js';
import { editorMessages, type EditorKey } from '../messages.js';
import { editorBase } from './common.js';
import { nameIn } from './overview-page.js';

const CODE_KEYS: Record<string, EditorKey> = {
  duplicate_zip: 'weights.error.duplicate',
  unreadable: 'weights.error.unreadable',
  too_many_rows: 'weights.error.tooManyRows',
  empty: 'weights.error.empty',
};
const COLUMN_KEYS: Record<string, EditorKey> = { zip: 'weights.error.zip', weight: 'weights.error.weight' };

export const WEIGHTS_PER_PAGE = 100;

export interface ZipWeightsProps {
  ctx: PageContext;
  program: { id: string; name_en: string; name_es: string };
  multipart: boolean;
  notice: string | undefined;
  problems: RowProblem[];
  value?: string | undefined;
  count: number;
  page: number;
  rows: { zip: string; weight: number }[];
}

export function ZipWeightsPage(p: ZipWeightsProps) {
  const l = p.ctx.locale;
  const t = editorMessages.for(l);
  const base = editorBase(p.program.id);
  const pages = Math.max(1, Math.ceil(p.count / WEIGHTS_PER_PAGE));
  const problemText = (x: RowProblem) => {
    const key = (x.code ? CODE_KEYS[x.code] : undefined) ?? COLUMN_KEYS[x.field];
    return key ? t(key) : x.problem;
  };
  return (
    <>
      <h1>{t('weights.title', { program: nameIn(p.program, l) })}</h1>
      {p.notice && (
        <Alert type="success" slim>
          {p.notice}
        </Alert>
      )}
      <p>
        <a class="usa-link" href={base}>
          {t('common.backToEditor')}
        </a>
      </p>
      <p>{t('weights.intro')}</p>
      {p.problems.length > 0 && (
        <div id="csv-problems">
          <Alert type="error" heading={t('weights.failed', { count: p.problems.length })}>
            {t('weights.nothingChanged')}
          </Alert>
          <DataTable
            caption={t('weights.problems')}
            showCaption
            rows={p.problems}
            rowKey={(x) => `${x.line}|${x.field}|${x.problem}`}
            columns={[
              { label: t('weights.row'), cell: (x) => (x.line > 0 ? x.line : '—'), rowHeader: true },
              { label: t('weights.column'), cell: (x) => (x.field === '(file)' ? t('weights.wholeFile') : x.field) },
              { label: t('weights.problem'), cell: problemText },
            ]}
          />
        </div>
      )}
      <CsvUpload
        action={`${base}/zip-weights`}
        csrfToken={p.ctx.csrfToken}
        multipart={p.multipart}
        value={p.value}
        errorId={p.problems.length > 0 ? 'csv-problems' : undefined}
        labels={{
          file: t('weights.file'),
          fileHint: t('weights.fileHint'),
          paste: t('weights.paste'),
          pasteHint: t('weights.pasteHint'),
          submit: t('weights.submit'),
        }}
      />
      <h2 class="margin-top-5">{t('weights.current')}</h2>
      <p>{t('weights.count', { count: p.count })}</p>
      {p.count > 0 && (
        <>
          <DataTable
            caption={t('weights.current')}
            rows={p.rows}
            rowKey={(r) => r.zip}
            compact
            columns={[
              { label: t('weights.col.zip'), cell: (r) => r.zip, rowHeader: true },
              { label: t('weights.col.weight'), cell: (r) => String(r.weight) },
            ]}
          />
          {pages > 1 && (
            <nav aria-label={t('weights.pages')} class="margin-y-2">
              <p>{t('weights.page', { page: p.page, pages })}</p>
              {p.page > 1 && (
                <a class="usa-link margin-right-2" href={`${base}/zip-weights?page=${p.page - 1}`}>
                  {t('weights.prev')}
                </a>
              )}
              {p.page < pages && (
                <a class="usa-link" href={`${base}/zip-weights?page=${p.page + 1}`}>
                  {t('weights.next')}
                </a>
              )}
            </nav>
          )}
          <form method="post" action={`${base}/zip-weights/clear`} class="margin-top-3">
            <CsrfField token={p.ctx.csrfToken} />
            <p class="usa-hint">{t('weights.clearHint')}</p>
            <button class="usa-button usa-button--secondary" type="submit">
              {t('weights.clear')}
            </button>
          </form>
        </>
      )}
    </>
  );
}
