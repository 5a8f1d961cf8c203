/** The inventory overview (every site) and one site's doses: counters, lots with expiry, and the ledger. */
import { formatDateTime } from '../../../platform/i18n/index.js';
import { Alert, DataTable, NoSitesAssigned, type PageContext } from '../../../platform/views/index.js';
import { inventoryMessages, type InventoryKey } from '../messages.js';
import type { Counter, LotRow } from '../repository.js';
import { KIND_KEYS, WASTE_REASON_KEYS, formatCalendarDate, isExpired } from './labels.js';

export interface SiteTotals {
  id: string;
  name: string;
  onHand: number;
  reserved: number;
}

export function InventoryOverview({
  ctx,
  sites,
  canManage,
  noSites,
}: {
  ctx: PageContext;
  sites: SiteTotals[];
  canManage: boolean;
  /** A site-scoped reader with no sites assigned. */
  noSites: boolean;
}) {
  const t = inventoryMessages.for(ctx.locale);
  return (
    <>
      <h1>{t('inventory.overview.title')}</h1>
      <p>{t('inventory.overview.intro')}</p>
      {canManage && (
        <p>
          <a class="usa-link" href="/staff/appointments/slots/import">
            {t('inventory.overview.importSlots')}
          </a>
        </p>
      )}
      {noSites ? (
        <NoSitesAssigned locale={ctx.locale} />
      ) : sites.length === 0 ? (
        <p>{t('inventory.overview.none')}</p>
      ) : (
        <DataTable
          caption={t('inventory.overview.title')}
          rows={sites}
          rowKey={(s) => s.id}
          columns={[
            {
              label: t('inventory.col.site'),
              rowHeader: true,
              cell: (s) => (
                <a class="usa-link" href={`/staff/sites/${s.id}/inventory`}>
                  {s.name}
                </a>
              ),
            },
            { label: t('inventory.col.onHand'), cell: (s) => s.onHand },
            { label: t('inventory.col.reserved'), cell: (s) => s.reserved },
            { label: t('inventory.col.available'), cell: (s) => s.onHand - s.reserved },
          ]}
        />
      )}
    </>
  );
}

export interface LedgerView {
  id: number;
  kind: keyof typeof KIND_KEYS;
  doses: number;
  lot: string | null;
  reason: string | null;
  actor: string | null;
  created_at: number;
  product_name: string;
}

export interface SiteInventoryProps {
  ctx: PageContext;
  site: { id: string; name: string; timeZone: string };
  counters: Counter[];
  lots: LotRow[];
  productNames: Record<string, string>;
  siteNames: Record<string, string>;
  ledger: { rows: LedgerView[]; more: boolean };
  canManage: boolean;
  notice?: InventoryKey | undefined;
  /** After a shortage was resolved: how many bookings were cancelled and moved (each person was told). */
  resolved?: { cancelled: number; moved: number } | undefined;
  now: number;
}

function reasonText(p: SiteInventoryProps, r: LedgerView): string {
  const t = inventoryMessages.for(p.ctx.locale);
  if (r.kind === 'waste' && r.reason && r.reason in WASTE_REASON_KEYS)
    return t(WASTE_REASON_KEYS[r.reason as keyof typeof WASTE_REASON_KEYS]); // checked by `in` just above
  if (r.kind === 'transfer-out') return t('inventory.ledger.to', { site: p.siteNames[r.reason ?? ''] ?? '—' });
  if (r.kind === 'transfer-in') return t('inventory.ledger.from', { site: p.siteNames[r.reason ?? ''] ?? '—' });
  return r.reason ?? '—';
}

function Actions({ ctx, siteId }: { ctx: PageContext; siteId: string }) {
  const t = inventoryMessages.for(ctx.locale);
  const base = `/staff/sites/${siteId}/inventory`;
  return (
    <ul class="usa-button-group">
      <li class="usa-button-group__item">
        <a class="usa-button" href={`${base}/receive`}>
          {t('inventory.action.receive')}
        </a>
      </li>
      <li class="usa-button-group__item">
        <a class="usa-button usa-button--outline" href={`${base}/adjust`}>
          {t('inventory.action.adjust')}
        </a>
      </li>
      <li class="usa-button-group__item">
        <a class="usa-button usa-button--outline" href={`${base}/waste`}>
          {t('inventory.action.waste')}
        </a>
      </li>
      <li class="usa-button-group__item">
        <a class="usa-button usa-button--outline" href={`${base}/transfer`}>
          {t('inventory.action.transfer')}
        </a>
      </li>
    </ul>
  );
}

export function SiteInventory(p: SiteInventoryProps) {
  const t = inventoryMessages.for(p.ctx.locale);
  const locale = p.ctx.locale;
  const last = p.ledger.rows.at(-1);
  return (
    <>
      <h1>{t('inventory.site.title', { site: p.site.name })}</h1>
      {p.notice && (
        <Alert type="success" slim>
          {t(p.notice)}
          {p.resolved && ` ${t('inventory.done.resolved', p.resolved)}`}
        </Alert>
      )}
      {p.canManage ? <Actions ctx={p.ctx} siteId={p.site.id} /> : <p>{t('inventory.site.readOnly')}</p>}
      <h2>{t('inventory.site.doses')}</h2>
      {p.counters.length === 0 ? (
        <p>{t('inventory.site.noDoses')}</p>
      ) : (
        <DataTable
          caption={t('inventory.site.doses')}
          rows={p.counters}
          rowKey={(c) => c.productId}
          columns={[
            { label: t('inventory.col.product'), cell: (c) => c.productName, rowHeader: true },
            { label: t('inventory.col.onHand'), cell: (c) => c.onHand },
            { label: t('inventory.col.reserved'), cell: (c) => c.reserved },
            { label: t('inventory.col.available'), cell: (c) => c.onHand - c.reserved },
          ]}
        />
      )}
      <h2>{t('inventory.site.lots')}</h2>
      {p.lots.length === 0 ? (
        <p>{t('inventory.site.noLots')}</p>
      ) : (
        <DataTable
          caption={t('inventory.site.lots')}
          rows={p.lots}
          rowKey={(l) => `${l.productId}|${l.lot}`}
          columns={[
            { label: t('inventory.col.lot'), cell: (l) => l.lot, rowHeader: true },
            { label: t('inventory.col.product'), cell: (l) => p.productNames[l.productId] ?? l.productId },
            { label: t('inventory.col.remaining'), cell: (l) => l.remaining },
            {
              label: t('inventory.col.expires'),
              cell: (l) =>
                l.expiresOn === null ? (
                  '—'
                ) : isExpired(l.expiresOn, p.site.timeZone, p.now) ? (
                  <>
                    {formatCalendarDate(l.expiresOn, locale)}{' '}
                    <strong class="usa-tag bg-secondary-dark">{t('inventory.lot.expired')}</strong>
                  </>
                ) : (
                  formatCalendarDate(l.expiresOn, locale)
                ),
            },
          ]}
        />
      )}
      <h2>{t('inventory.site.ledger')}</h2>
      <p>{t('inventory.site.ledgerIntro', { zone: p.site.timeZone })}</p>
      {p.ledger.rows.length === 0 ? (
        <p>{t('inventory.site.noLedger')}</p>
      ) : (
        <DataTable
          caption={t('inventory.site.ledger')}
          rows={p.ledger.rows}
          rowKey={(r) => r.id}
          compact
          columns={[
            {
              label: t('inventory.col.when'),
              cell: (r) => formatDateTime(r.created_at, locale, p.site.timeZone),
              rowHeader: true,
            },
            { label: t('inventory.col.entry'), cell: (r) => t(KIND_KEYS[r.kind]) },
            { label: t('inventory.col.product'), cell: (r) => r.product_name },
            { label: t('inventory.col.lot'), cell: (r) => r.lot ?? '—' },
            { label: t('inventory.col.doses'), cell: (r) => (r.doses > 0 ? `+${r.doses}` : String(r.doses)) },
            { label: t('inventory.col.reason'), cell: (r) => reasonText(p, r) },
            { label: t('inventory.col.by'), cell: (r) => r.actor ?? '—' },
          ]}
        />
      )}
      {p.ledger.more && last && (
        <p>
          <a class="usa-link" href={`/staff/sites/${p.site.id}/inventory?before=${last.id}`}>
            {t('inventory.site.older')}
          </a>
        </p>
      )}
    </>
  );
}
