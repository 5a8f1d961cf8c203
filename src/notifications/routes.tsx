/** Webhooks for the SMS provider, the staff pages for messages, contacts and templates, and residents' preferences. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorFromRequest, recordAudit } from '../platform/audit/index.js';
import { authorize } from '../platform/auth/index.js';
import { HttpError } from '../platform/http/errors.js';
import { parseForm } from '../platform/http/forms.js';
import { sendConsolePage } from '../platform/http/console-page.js';
import { navBuilder, pageContext } from '../platform/http/page.js';
import type { AnyMessageTemplate, InboundSmsHandler } from '../platform/message-template.js';
import type { ModuleDeps } from '../platform/module.js';
import { sendPage } from '../platform/views/index.js';
import { loadContact } from './contacts.js';
import { handleInboundSms } from './inbound-sms.js';
import { notificationsMessages, type NotificationsKey } from './messages.js';
import { decryptContent, notify, renderContext } from './notify.js';
import { maskEmail, maskPhone } from './phone.js';
import { canPreviewTemplates, canReadMessages, canViewContacts } from './policy.js';
import { contactIdFromToken } from './preferences-link.js';
import { updatePreferences } from './preferences.js';
import * as repo from './repository.js';
import {
  InboundSmsSchema,
  MessageFilterSchema,
  PreferencesSchema,
  StatusCallbackSchema,
  TestSendSchema,
} from './schema.js';
import { countSegments } from './sms-segments.js';
import { testMessageTemplate } from './templates.js';
import { verifyWebhook } from './twilio-signature.js';
import { ContactRecord } from './views/contact-page.js';
import { MessageDetail } from './views/message-page.js';
import { MessagesList, type MessageListItem } from './views/messages-page.js';
import { PreferencesPage } from './views/preferences-page.js';
import { TemplatePreview, TemplatesList, type PreviewView } from './views/templates-page.js';

export interface NotificationRouteOptions {
  templates: () => AnyMessageTemplate[];
  inboundHandlers: () => InboundSmsHandler[];
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function listItem(deps: ModuleDeps, m: repo.MessageRow, now = deps.now()): MessageListItem {
  const to = deps.cipher.decrypt(m.recipient_enc, 'message.recipient');
  return {
    id: m.id,
    createdAt: m.created_at,
    type: m.type,
    direction: m.direction,
    channel: m.channel,
    maskedRecipient: m.channel === 'email' ? maskEmail(to) : maskPhone(to),
    status: m.status,
    sendAfter: m.status === 'queued' && m.send_after > now ? m.send_after : null,
    lastError: m.last_error,
  };
}

function registerWebhooks(app: FastifyInstance, deps: ModuleDeps, o: NotificationRouteOptions): void {
  const key = deps.config.sms.authToken ?? deps.config.secretKey;
  const verify = (request: FastifyRequest) => {
    const params = (request.body ?? {}) as Record<string, string>;
    const signature = request.headers['x-twilio-signature'];
    if (
      !verifyWebhook(
        key,
        `${deps.config.publicUrl}${request.url}`,
        params,
        typeof signature === 'string' ? signature : undefined,
      )
    ) {
      throw new HttpError(403, 'forbidden');
    }
  };
  app.post('/webhooks/sms', async (request, reply) => {
    verify(request);
    const body = InboundSmsSchema.safeParse(request.body);
    if (!body.success) throw new HttpError(400, 'bad_request');
    const r = await handleInboundSms(deps, o.inboundHandlers(), {
      from: body.data.From,
      body: body.data.Body,
      providerId: body.data.MessageSid ?? null,
    });
    const twiml = r.reply ? `<Response><Message>${xml(r.reply)}</Message></Response>` : '<Response/>';
    return reply.type('text/xml; charset=utf-8').send(`<?xml version="1.0" encoding="UTF-8"?>${twiml}`);
  });
  app.post('/webhooks/sms/status', async (request, reply) => {
    verify(request);
    const body = StatusCallbackSchema.safeParse(request.body);
    if (!body.success) throw new HttpError(400, 'bad_request');
    const m = await repo.findMessageByProviderId(deps.db.kysely, body.data.MessageSid);
    const s = body.data.MessageStatus;
    if (m && (s === 'delivered' || s === 'undelivered' || s === 'failed')) {
      await repo.transitionMessage(deps.db.kysely, m.id, ['sent', 'sending', 'delivered'], {
        status: s === 'delivered' ? 'delivered' : 'bounced',
        last_error: s === 'delivered' ? null : `carrier: ${s}${body.data.ErrorCode ? ` (${body.data.ErrorCode})` : ''}`,
        updated_at: deps.now(),
      });
    }
    return reply.status(204).send();
  });
}

function registerMessagePages(app: FastifyInstance, deps: ModuleDeps): void {
  const nav = navBuilder(deps.consoleLinks);
  const tz = deps.config.agencyTimeZone;
  const t = (request: FastifyRequest) => notificationsMessages.for(request.locale);
  app.get('/staff/messages', { preHandler: authorize(canReadMessages) }, async (request, reply) => {
    const parsed = MessageFilterSchema.safeParse(request.query);
    const f = parsed.success ? parsed.data : {};
    const rows = await repo.listMessages(deps.db.kysely, {
      status: f.status,
      channel: f.channel,
      beforeCreatedAt: f.before,
      limit: 51,
    });
    const items = rows.slice(0, 50).map((m) => listItem(deps, m));
    // Recipients are decrypted (masked) for this list: a read of people's records, audited like one message.
    if (items.length > 0)
      await recordAudit(
        deps.db.kysely,
        actorFromRequest(request),
        {
          action: 'notifications.messages.listed',
          subjectType: 'message',
          subjectId: items[0]?.id,
          details: { shown: items.length, status: f.status ?? null, channel: f.channel ?? null },
        },
        deps.now(),
      );
    const last = rows[49];
    const q = new URLSearchParams({
      ...(f.status ? { status: f.status } : {}),
      ...(f.channel ? { channel: f.channel } : {}),
    });
    const olderHref =
      rows.length > 50 && last ? `/staff/messages?${q.toString()}${q.size ? '&' : ''}before=${last.created_at}` : null;
    return sendConsolePage(
      request,
      reply,
      { nav, current: '/staff/messages', title: t(request)('messages.title') },
      (ctx) => (
        <MessagesList
          ctx={ctx}
          items={items}
          filter={{ status: f.status, channel: f.channel }}
          tz={tz}
          olderHref={olderHref}
        />
      ),
    );
  });
  app.get<{ Params: { id: string } }>(
    '/staff/messages/:id',
    { preHandler: authorize(canReadMessages) },
    async (request, reply) => {
      const row = await repo.findMessage(deps.db.kysely, request.params.id);
      if (!row) throw new HttpError(404, 'not_found');
      await recordAudit(
        deps.db.kysely,
        actorFromRequest(request),
        { action: 'notifications.message.viewed', subjectType: 'message', subjectId: row.id },
        deps.now(),
      );
      const content = decryptContent(deps, row);
      const recipient = deps.cipher.decrypt(row.recipient_enc, 'message.recipient');
      return sendConsolePage(
        request,
        reply,
        { nav, current: '/staff/messages', title: t(request)('message.title') },
        (ctx) => (
          <MessageDetail
            ctx={ctx}
            row={row}
            recipient={recipient}
            content={content}
            segments={row.channel === 'sms' ? countSegments(content.sms) : null}
            tz={tz}
          />
        ),
      );
    },
  );
  app.get<{ Params: { id: string } }>(
    '/staff/contacts/:id',
    { preHandler: authorize(canViewContacts) },
    async (request, reply) => {
      const contact = await loadContact(deps.db.kysely, deps.cipher, request.params.id);
      if (!contact) throw new HttpError(404, 'not_found');
      await recordAudit(
        deps.db.kysely,
        actorFromRequest(request),
        { action: 'notifications.contact.viewed', subjectType: 'contact', subjectId: contact.id },
        deps.now(),
      );
      const rows = await repo.listMessages(deps.db.kysely, { contactId: contact.id, limit: 100 });
      return sendConsolePage(
        request,
        reply,
        { nav, current: '/staff/messages', title: t(request)('contact.title') },
        (ctx) => <ContactRecord ctx={ctx} contact={contact} messages={rows.map((m) => listItem(deps, m))} tz={tz} />,
      );
    },
  );
}

function previewView(
  deps: ModuleDeps,
  tpl: AnyMessageTemplate,
  language: 'en' | 'es',
  extra: Partial<PreviewView> = {},
): PreviewView {
  const rendered = tpl.render(
    tpl.example,
    language,
    renderContext(deps.config, `${deps.config.publicUrl}/preferences/example`),
  );
  return {
    type: tpl.type,
    language,
    rendered,
    segments: countSegments(rendered.sms),
    errors: {},
    values: {},
    sent: false,
    ...extra,
  };
}

function registerTemplatePages(app: FastifyInstance, deps: ModuleDeps, o: NotificationRouteOptions): void {
  const nav = navBuilder(deps.consoleLinks);
  const opts = { preHandler: authorize(canPreviewTemplates) };
  const find = (type: string) => {
    const tpl = o.templates().find((x) => x.type === type);
    if (!tpl) throw new HttpError(404, 'not_found');
    return tpl;
  };
  const show = (request: FastifyRequest, reply: FastifyReply, v: PreviewView, status = 200) => {
    const title = notificationsMessages.for(request.locale)('preview.title', { type: v.type });
    return sendConsolePage(request, reply, { nav, current: '/staff/templates', title, status }, (ctx) => (
      <TemplatePreview ctx={ctx} v={v} />
    ));
  };
  app.get('/staff/templates', opts, async (request, reply) => {
    const title = notificationsMessages.for(request.locale)('templates.title');
    return sendConsolePage(request, reply, { nav, current: '/staff/templates', title }, (ctx) => (
      <TemplatesList ctx={ctx} templates={o.templates()} />
    ));
  });
  app.get<{ Params: { type: string } }>('/staff/templates/:type', opts, async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    return show(
      request,
      reply,
      previewView(deps, find(request.params.type), q.in === 'es' ? 'es' : 'en', { sent: q.done === 'sent' }),
    );
  });
  app.post<{ Params: { type: string } }>('/staff/templates/:type/test', opts, async (request, reply) => {
    const tpl = find(request.params.type);
    const form = parseForm(TestSendSchema, request.body);
    if (!form.ok) {
      const tr = notificationsMessages.for(request.locale);
      const errors = Object.fromEntries(
        Object.entries(form.errors).map(([k, v]) => [
          k,
          v in notificationsMessages.messages.en ? tr(v as NotificationsKey) : v,
        ]),
      );
      return show(
        request,
        reply,
        previewView(deps, tpl, form.values.language === 'es' ? 'es' : 'en', { errors, values: form.values }),
        400,
      );
    }
    const { email, phone, language } = form.value;
    await deps.db.kysely.transaction().execute(async (tx) => {
      const contact = { locale: language, ...(email ? { email } : {}), ...(phone ? { phone } : {}) };
      await notify(
        deps,
        tx,
        { contact },
        tpl,
        tpl === testMessageTemplate ? { senderName: request.principal?.name ?? 'staff' } : tpl.example,
      );
      await recordAudit(
        tx,
        actorFromRequest(request),
        { action: 'notifications.test-sent', details: { type: tpl.type } },
        deps.now(),
      );
    });
    return reply.redirect(`/staff/templates/${encodeURIComponent(tpl.type)}?in=${language}&done=sent`, 303);
  });
}

function registerPreferences(app: FastifyInstance, deps: ModuleDeps): void {
  const load = async (token: string) => {
    const id = contactIdFromToken(deps.config.secretKey, token);
    const contact = id ? await loadContact(deps.db.kysely, deps.cipher, id) : null;
    if (!contact) throw new HttpError(404, 'not_found', notificationsMessages.for('en')('prefs.invalid'));
    return contact;
  };
  app.get<{ Params: { token: string } }>('/preferences/:token', async (request, reply) => {
    const contact = await load(request.params.token);
    const saved = (request.query as Record<string, string | undefined>).done === 'saved';
    return sendPage(
      reply,
      <PreferencesPage
        ctx={pageContext(request, reply)}
        contact={contact}
        action={`/preferences/${request.params.token}`}
        saved={saved}
      />,
    );
  });
  app.post<{ Params: { token: string } }>('/preferences/:token', async (request, reply) => {
    const contact = await load(request.params.token);
    const form = parseForm(PreferencesSchema, request.body);
    if (!form.ok) {
      const error = notificationsMessages.for(request.locale)('prefs.error.channels');
      return sendPage(
        reply,
        <PreferencesPage
          ctx={pageContext(request, reply)}
          contact={contact}
          action={`/preferences/${request.params.token}`}
          saved={false}
          error={error}
        />,
        400,
      );
    }
    await updatePreferences(deps, contact, {
      channels: form.value.channels,
      locale: form.value.locale,
      emailOptOut: form.value.emailOptOut === 'yes',
    });
    return reply.redirect(`/preferences/${request.params.token}?done=saved&lang=${form.value.locale}`, 303);
  });
}

export function registerNotificationRoutes(app: FastifyInstance, deps: ModuleDeps, o: NotificationRouteOptions): void {
  registerWebhooks(app, deps, o);
  registerMessagePages(app, deps);
  registerTemplatePages(app, deps, o);
  registerPreferences(app, deps);
}
