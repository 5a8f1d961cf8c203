/**
 * Sending e-mail: SMTP through nodemailer when SMTP_URL is set; otherwise each message is written as an
 * `.eml` file under DATA_DIR/outbox so development and demos show what would have been sent.
 * The notifications module builds on this; platform code only knows how to hand a message over.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';

export interface MailAttachment {
  filename: string;
  content: string | Buffer;
  contentType?: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Stable id so a retried send is recognisable at the receiving end. */
  messageId?: string;
  headers?: Record<string, string>;
  attachments?: MailAttachment[];
}

export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string }>;
  close(): void;
}

export interface MailerOptions {
  smtpUrl: string | undefined;
  from: string;
  outboxDir: string;
}

function toNodemailer(from: string, m: MailMessage): SendMailOptions {
  return {
    from,
    to: m.to,
    subject: m.subject,
    text: m.text,
    ...(m.html ? { html: m.html } : {}),
    ...(m.messageId ? { messageId: m.messageId } : {}),
    ...(m.headers ? { headers: m.headers } : {}),
    ...(m.attachments ? { attachments: m.attachments } : {}),
  };
}

/** Create the mailer the configuration asks for. */
export function createMailer(o: MailerOptions): Mailer {
  if (o.smtpUrl) {
    const transport = nodemailer.createTransport(o.smtpUrl);
    return {
      async send(m) {
        const info = await transport.sendMail(toNodemailer(o.from, m));
        return { messageId: String(info.messageId) };
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(m) {
      const info = await transport.sendMail(toNodemailer(o.from, m));
      mkdirSync(o.outboxDir, { recursive: true });
      const id = String(info.messageId).replace(/[^A-Za-z0-9@._-]/g, '');
      const file = path.join(o.outboxDir, `${Date.now()}-${id}.eml`);
      writeFileSync(file, info.message as Buffer, { mode: 0o600 });
      return { messageId: String(info.messageId) };
    },
    close: () => transport.close(),
  };
}
