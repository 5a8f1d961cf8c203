/** The four ledger forms: receive, adjust, waste and transfer. Each is its own page (PRG, errors summarised). */
import { platformMessages } from '../../../platform/i18n/messages.js';
import { CsrfField, ErrorSummary, Select, TextInput, type PageContext } from '../../../platform/views/index.js';
import { inventoryMessages, type InventoryKey } from '../messages.js';
import type { LotRow } from '../repository.js';
import { WASTE_REASONS } from '../schema.js';
import { WASTE_REASON_KEYS, formatCalendarDate, isExpired } from './labels.js';

export type EntryKind = 'receive' | 'adjust' | 'waste' | 'transfer';

export const TITLE_KEYS: Record<EntryKind, InventoryKey> = {
  receive: 'inventory.form.receiveTitle',
  adjust: 'inventory.form.adjustTitle',
  waste: 'inventory.form.wasteTitle',
  transfer: 'inventory.form.transferTitle',
};
const SUBMIT_KEYS: Record<EntryKind, InventoryKey> = {
  receive: 'inventory.form.receiveSubmit',
  adjust: 'inventory.form.adjustSubmit',
  waste: 'inventory.form.wasteSubmit',
  transfer: 'inventory.form.transferSubmit',
};

/** A lot chosen in a form: product and lot travel together as one value. */
export const lotKey = (productId: string, lot: string) => `${productId}::${lot}`;

export interface EntryFormProps {
  ctx: PageContext;
  kind: EntryKind;
  site: { id: string; name: string; timeZone: string };
  products: { id: string; name: string }[];
  lots: LotRow[];
  otherSites: { id: string; name: string }[];
  values: Record<string, string>;
  errors: Record<string, string>;
  now: number;
}

function LotSelect(p: EntryFormProps) {
  const t = inventoryMessages.for(p.ctx.locale);
  const name = (id: string) => p.products.find((x) => x.id === id)?.name ?? id;
  return (
    <Select
      name="lotKey"
      label={t('inventory.form.lot')}
      hint={t('inventory.form.lotHint')}
      value={p.values.lotKey}
      error={p.errors.lotKey}
      required
      options={[
        { value: '', label: t('inventory.form.choose') },
        ...p.lots
          .filter((l) => l.remaining > 0)
          .map((l) => ({
            value: lotKey(l.productId, l.lot),
            label: t(
              isExpired(l.expiresOn, p.site.timeZone, p.now)
                ? 'inventory.form.lotOptionExpired'
                : 'inventory.form.lotOption',
              {
                product: name(l.productId),
                lot: l.lot,
                remaining: l.remaining,
                expires: l.expiresOn ? formatCalendarDate(l.expiresOn, p.ctx.locale) : '—',
              },
            ),
          })),
      ]}
    />
  );
}

function Fields(p: EntryFormProps) {
  const t = inventoryMessages.for(p.ctx.locale);
  const { values: v, errors: e } = p;
  switch (p.kind) {
    case 'receive':
      return (
        <>
          <Select
            name="productId"
            label={t('inventory.form.product')}
            value={v.productId}
            error={e.productId}
            required
            options={[
              { value: '', label: t('inventory.form.choose') },
              ...p.products.map((x) => ({ value: x.id, label: x.name })),
            ]}
          />
          <TextInput name="lot" label={t('inventory.form.lotNumber')} value={v.lot} error={e.lot} width="md" required />
          <TextInput
            name="doses"
            label={t('inventory.form.doses')}
            value={v.doses}
            error={e.doses}
            inputMode="numeric"
            width="sm"
            required
          />
          <TextInput
            name="expiresOn"
            label={t('inventory.form.expiresOn')}
            hint={t('inventory.form.expiresOnHint')}
            type="date"
            value={v.expiresOn}
            error={e.expiresOn}
            width="md"
            required
          />
        </>
      );
    case 'adjust':
      return (
        <>
          <LotSelect {...p} />
          <TextInput
            name="doses"
            label={t('inventory.form.adjustDoses')}
            hint={t('inventory.form.adjustDosesHint')}
            value={v.doses}
            error={e.doses}
            inputMode="text"
            width="sm"
            required
          />
          <TextInput name="reason" label={t('inventory.form.reason')} value={v.reason} error={e.reason} required />
        </>
      );
    case 'waste':
      return (
        <>
          <LotSelect {...p} />
          <TextInput
            name="doses"
            label={t('inventory.form.doses')}
            value={v.doses}
            error={e.doses}
            inputMode="numeric"
            width="sm"
            required
          />
          <Select
            name="reason"
            label={t('inventory.form.wasteReason')}
            value={v.reason}
            error={e.reason}
            required
            options={[
              { value: '', label: t('inventory.form.choose') },
              ...WASTE_REASONS.map((r) => ({ value: r, label: t(WASTE_REASON_KEYS[r]) })),
            ]}
          />
        </>
      );
    case 'transfer':
      return (
        <>
          <LotSelect {...p} />
          <TextInput
            name="doses"
            label={t('inventory.form.doses')}
            value={v.doses}
            error={e.doses}
            inputMode="numeric"
            width="sm"
            required
          />
          <Select
            name="toSiteId"
            label={t('inventory.form.toSite')}
            value={v.toSiteId}
            error={e.toSiteId}
            required
            options={[
              { value: '', label: t('inventory.form.choose') },
              ...p.otherSites.map((s) => ({ value: s.id, label: s.name })),
            ]}
          />
        </>
      );
  }
}

export function EntryForm(p: EntryFormProps) {
  const t = inventoryMessages.for(p.ctx.locale);
  const pm = platformMessages.for(p.ctx.locale);
  const back = `/staff/sites/${p.site.id}/inventory`;
  return (
    <>
      <h1>{t(TITLE_KEYS[p.kind])}</h1>
      <p>{t('inventory.form.atSite', { site: p.site.name })}</p>
      <ErrorSummary heading={pm('errors.summaryHeading')} errors={p.errors} />
      <form class="usa-form usa-form--large" method="post" action={`${back}/${p.kind}`} novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <Fields {...p} />
        <button type="submit" class="usa-button margin-top-3">
          {t(SUBMIT_KEYS[p.kind])}
        </button>
        <a class="usa-button usa-button--unstyled margin-left-2" href={back}>
          {t('inventory.form.cancel')}
        </a>
      </form>
    </>
  );
}
