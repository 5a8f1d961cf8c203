import type { RowProblem } from '../../../platform/csv/index.js';
import { Alert, CsvUpload, DataTable, type PageContext } from '../../../platform/views/index.js';
import { inventoryMessages, type InventoryKey } from '../messages.js';

const CODE_KEYS: Record<string, InventoryKey> = {
  no_such_site: 'inventory.import.error.site',
  no_such_program: 'inventory.import.error.program',
  nonexistent_time: 'inventory.import.error.nonexistentTime',
  slot_exists: 'inventory.import.error.slotExists',
  unreadable: 'inventory.import.error.unreadable',
  too_many_rows: 'inventory.import.error.tooManyRows',
  empty: 'inventory.import.error.empty',
};
/** Problems the row schema finds, by column. */
const COLUMN_KEYS: Record<string, InventoryKey> = {
  site: 'inventory.import.error.site',
  program: 'inventory.import.error.program',
  date: 'inventory.import.error.date',
  time: 'inventory.import.error.time',
  durationMinutes: 'inventory.import.error.durationMinutes',
  capacity: 'inventory.import.error.capacity',
};

function problemText(locale: PageContext['locale'], p: RowProblem): string {
  const t = inventoryMessages.for(locale);
  const key = (p.code ? CODE_KEYS[p.code] : undefined) ?? COLUMN_KEYS[p.field];
  return key ? t(key) : p.problem;
}

export function SlotImportPage(p: {
  ctx: PageContext;
  multipart: boolean;
  value?: string | undefined;
  problems: RowProblem[];
  imported?: number | undefined;
}) {
  const t = inventoryMessages.for(p.ctx.locale);
  return (
    <>
      <h1>{t('inventory.import.title')}</h1>
      {p.imported !== undefined && (
        <Alert type="success" heading={t('inventory.import.done', { count: p.imported })}>
          <a class="usa-link" href="/staff/inventory">
            {t('inventory.import.back')}
          </a>
        </Alert>
      )}
      <p>{t('inventory.import.intro')}</p>
      <p>
        <a class="usa-link" href="/staff/appointments/slots/import/sample.csv" download="slots-sample.csv">
          {t('inventory.import.sample')}
        </a>
      </p>
      {p.problems.length > 0 && (
        <div id="csv-problems">
          <Alert type="error" heading={t('inventory.import.failed', { count: p.problems.length })}>
            {t('inventory.import.nothingImported')}
          </Alert>
          <DataTable
            caption={t('inventory.import.problems')}
            showCaption
            rows={p.problems}
            rowKey={(x) => `${x.line}|${x.field}|${x.problem}`}
            columns={[
              { label: t('inventory.import.row'), cell: (x) => (x.line > 0 ? x.line : '—'), rowHeader: true },
              {
                label: t('inventory.import.column'),
                cell: (x) => (x.field === '(file)' ? t('inventory.import.wholeFile') : x.field),
              },
              { label: t('inventory.import.problem'), cell: (x) => problemText(p.ctx.locale, x) },
            ]}
          />
        </div>
      )}
      <CsvUpload
        action="/staff/appointments/slots/import"
        csrfToken={p.ctx.csrfToken}
        multipart={p.multipart}
        value={p.value}
        errorId={p.problems.length > 0 ? 'csv-problems' : undefined}
        labels={{
          file: t('inventory.import.file'),
          fileHint: t('inventory.import.fileHint'),
          paste: t('inventory.import.paste'),
          pasteHint: t('inventory.import.pasteHint'),
          submit: t('inventory.import.submit'),
        }}
      />
    </>
  );
}
