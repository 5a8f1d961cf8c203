/**
 * The shortage review: an entry would leave fewer doses than are booked, so the bookings that can no longer be
 * served are listed and the manager chooses, for each, to cancel it with a notice or move it to a seat elsewhere.
 * The entry travels in hidden fields; the server recomputes the list when the form comes back.
 */
import { formatDateTime } from '../../../platform/i18n/index.js';
import { Alert, CsrfField, Select, type PageContext } from '../../../platform/views/index.js';
import type { BookingErrorCode } from '../../errors.js';
import type { Shortage } from '../find-shortage.js';
import { inventoryMessages, type InventoryKey } from '../messages.js';
import type { PendingEntry } from '../schema.js';
import { MOVE_ERROR_KEYS } from './labels.js';

const ENTRY_KEYS: Record<PendingEntry['kind'], InventoryKey> = {
  adjust: 'inventory.shortage.entry.adjust',
  waste: 'inventory.shortage.entry.waste',
  transfer: 'inventory.shortage.entry.transfer',
};

export interface MoveTarget {
  id: string;
  siteName: string;
  startsAt: number;
  timeZone: string;
}

export interface ShortagePageProps {
  ctx: PageContext;
  site: { id: string; name: string; timeZone: string };
  entry: PendingEntry;
  productName: string;
  shortage: Shortage;
  targets: MoveTarget[];
  decisions: Record<string, string>;
  failed: Record<string, BookingErrorCode>;
  listChanged: boolean;
}

function hidden(entry: PendingEntry): [string, string][] {
  const common: [string, string][] = [
    ['kind', entry.kind],
    ['productId', entry.productId],
    ['lot', entry.lot],
    ['doses', String(entry.doses)],
  ];
  if (entry.kind === 'transfer') return [...common, ['toSiteId', entry.toSiteId]];
  return [...common, ['reason', entry.reason]];
}

export function ShortagePage(p: ShortagePageProps) {
  const t = inventoryMessages.for(p.ctx.locale);
  const locale = p.ctx.locale;
  const stays = p.shortage.onHand - p.shortage.take;
  const when = (ms: number, zone: string) => formatDateTime(ms, locale, zone);
  const options = [
    { value: 'cancel', label: t('inventory.shortage.cancel') },
    ...p.targets.map((s) => ({
      value: s.id,
      label: t('inventory.shortage.moveTo', { site: s.siteName, time: when(s.startsAt, s.timeZone) }),
    })),
  ];
  const base = `/staff/sites/${p.site.id}/inventory`;
  return (
    <>
      <h1>{t('inventory.shortage.title')}</h1>
      {p.listChanged && <Alert type="warning">{t('inventory.shortage.listChanged')}</Alert>}
      <p>
        {t('inventory.shortage.intro', {
          entry: t(ENTRY_KEYS[p.entry.kind], {
            doses: Math.abs(p.entry.doses),
            product: p.productName,
            lot: p.entry.lot,
          }),
          site: p.site.name,
          stays: Math.max(0, stays),
          reserved: p.shortage.reserved,
          count: p.shortage.bookings.length,
        })}
      </p>
      <p>{t('inventory.shortage.rule')}</p>
      <p>{t('inventory.shortage.notice')}</p>
      <form class="usa-form usa-form--large" method="post" action={`${base}/shortage`} novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        {hidden(p.entry).map(([name, value]) => (
          <input type="hidden" name={name} value={value} key={name} />
        ))}
        <ol class="usa-list">
          {p.shortage.bookings.map((b) => {
            const label = t('inventory.shortage.booking', {
              code: b.code,
              dose: b.doseNumber,
              time: when(b.startsAt, p.site.timeZone),
            });
            const failed = p.failed[b.id];
            return (
              <li key={b.id}>
                {b.status === 'checked-in' ? (
                  <p>
                    {label} {t('inventory.shortage.checkedIn')}
                  </p>
                ) : (
                  <Select
                    name={`move-${b.id}`}
                    label={label}
                    value={p.decisions[b.id] ?? 'cancel'}
                    error={failed ? t(MOVE_ERROR_KEYS[failed]) : undefined}
                    options={options}
                  />
                )}
              </li>
            );
          })}
        </ol>
        <button type="submit" class="usa-button margin-top-3">
          {t('inventory.shortage.confirm')}
        </button>
        <a class="usa-button usa-button--unstyled margin-left-2" href={`${base}/${p.entry.kind}`}>
          {t('inventory.shortage.back')}
        </a>
      </form>
    </>
  );
}
