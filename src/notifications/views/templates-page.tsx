import { LOCALES } from '../../platform/i18n/index.js';
import type { AnyMessageTemplate } from '../../platform/message-template.js';
import {
  Alert,
  CsrfField,
  DataTable,
  ErrorSummary,
  Raw,
  Select,
  TextInput,
  type PageContext,
} from '../../platform/views/index.js';
import { platformMessages } from '../../platform/i18n/messages.js';
import { notificationsMessages } from '../messages.js';
import type { RenderedMessage } from '../../platform/message-template.js';
import type { SegmentInfo } from '../sms-segments.js';
import { LANGUAGE_KEYS } from './labels.js';

export function TemplatesList({ ctx, templates }: { ctx: PageContext; templates: AnyMessageTemplate[] }) {
  const t = notificationsMessages.for(ctx.locale);
  return (
    <>
      <h1>{t('templates.title')}</h1>
      <p>{t('templates.intro')}</p>
      <DataTable
        caption={t('templates.title')}
        rows={templates}
        rowKey={(tpl) => tpl.type}
        columns={[
          { label: t('templates.col.type'), cell: (tpl) => <code>{tpl.type}</code>, rowHeader: true },
          {
            label: t('templates.col.kind'),
            cell: (tpl) => (tpl.transactional ? t('templates.transactional') : t('templates.marketing')),
          },
          {
            label: t('templates.col.preview'),
            cell: (tpl) => (
              <ul class="usa-list usa-list--unstyled">
                {LOCALES.map((l) => (
                  <li key={l}>
                    <a class="usa-link" href={`/staff/templates/${encodeURIComponent(tpl.type)}?in=${l}`}>
                      {t('templates.previewIn', { type: tpl.type, language: t(LANGUAGE_KEYS[l]) })}
                    </a>
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
    </>
  );
}

export interface PreviewView {
  type: string;
  language: 'en' | 'es';
  rendered: RenderedMessage;
  segments: SegmentInfo;
  errors: Record<string, string>;
  values: Record<string, string>;
  sent: boolean;
}

export function TemplatePreview({ ctx, v }: { ctx: PageContext; v: PreviewView }) {
  const t = notificationsMessages.for(ctx.locale);
  const pm = platformMessages.for(ctx.locale);
  const other = v.language === 'en' ? 'es' : 'en';
  return (
    <>
      <h1>{t('preview.title', { type: v.type })}</h1>
      <p>
        <a class="usa-link" href={`/staff/templates/${encodeURIComponent(v.type)}?in=${other}`}>
          {t('preview.other', { language: t(LANGUAGE_KEYS[other]) })}
        </a>
      </p>
      <section aria-labelledby="preview-email" lang={v.language}>
        <h2 id="preview-email">{t('preview.email')}</h2>
        <p>
          <strong>{v.rendered.subject}</strong>
        </p>
        <div class="fd-email-preview">
          {/* Our own template output, rendered with escaping. */}
          <Raw html={v.rendered.html} />
        </div>
        <pre class="fd-pre">{v.rendered.text}</pre>
      </section>
      <section aria-labelledby="preview-sms">
        <h2 id="preview-sms">{t('preview.sms')}</h2>
        <pre class="fd-pre" lang={v.language}>
          {v.rendered.sms}
        </pre>
        <p>
          {t('preview.segments', {
            segments: v.segments.segments,
            encoding: v.segments.encoding,
            units: v.segments.units,
          })}
        </p>
        {v.segments.segments > 2 && (
          <Alert type="warning" slim>
            {t('preview.tooLong')}
          </Alert>
        )}
      </section>
      <section aria-labelledby="preview-test">
        <h2 id="preview-test">{t('preview.testHeading')}</h2>
        <p>{t('preview.testIntro')}</p>
        {v.sent && (
          <Alert type="success" slim>
            {t('preview.testSent')}
          </Alert>
        )}
        <ErrorSummary heading={pm('errors.summaryHeading')} errors={v.errors} />
        <form class="usa-form" method="post" action={`/staff/templates/${encodeURIComponent(v.type)}/test`} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <TextInput
            name="email"
            label={t('preview.testEmail')}
            type="email"
            autocomplete="email"
            value={v.values.email}
            error={v.errors.email}
          />
          <TextInput
            name="phone"
            label={t('preview.testPhone')}
            type="tel"
            autocomplete="tel"
            value={v.values.phone}
            error={v.errors.phone}
          />
          <Select
            name="language"
            label={t('preview.testLanguage')}
            value={v.values.language ?? v.language}
            options={LOCALES.map((l) => ({ value: l, label: t(LANGUAGE_KEYS[l]) }))}
          />
          <button type="submit" class="usa-button">
            {t('preview.testSubmit')}
          </button>
        </form>
      </section>
    </>
  );
}
