// Hands a message to SMTP (SMTP_URL), or without SMTP writes it as an .eml file under the data dir's mail/.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../../config.ts';

export type MailMessage = {
  /** Stable per outbox row, so a receiver can spot the one duplicate a crash after sending could cause. */
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  kind: string;
  /** An iCalendar object (METHOD:REQUEST or CANCEL), sent as the text/calendar alternative. */
  calendar?: string | null;
  /** When the email was written: the .eml file's name starts with it, so the folder reads in order. */
  createdAt?: string;
};

export type MailTransport = {
  kind: 'smtp' | 'eml';
  /** Sending the same message again replaces it rather than delivering a second copy (the .eml writer). */
  isIdempotent: boolean;
  /**
   * Sends one message. `handOver` is awaited just before the step after which the message may have reached
   * its recipient: a delivery cut short after it is never sent again by a non-idempotent transport.
   */
  send(message: MailMessage, handOver?: () => Promise<void>): Promise<void>;
  close(): void;
};

/** The .eml file of a message: derived from its outbox row (one per dedupe key), so a repeat overwrites. */
export function emlFileName(message: Pick<MailMessage, 'messageId' | 'createdAt'>): string {
  const id = message.messageId.replace(/^<|@.*$/g, '').replace(/[^\w-]/g, '_');
  const at = message.createdAt ? new Date(message.createdAt).toISOString().replace(/[:.]/g, '-') : null;
  return at ? `${at}-${id}.eml` : `${id}.eml`;
}

export function createMailTransport(config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'dataDir'>): MailTransport {
  const envelope = (m: MailMessage) => ({
    from: config.mailFrom,
    to: m.to,
    subject: m.subject,
    text: m.text,
    html: m.html,
    messageId: m.messageId,
    headers: { 'X-Mejora-Kind': m.kind },
    ...(m.calendar
      ? {
          icalEvent: {
            method: /^METHOD:CANCEL/m.test(m.calendar) ? 'CANCEL' : 'REQUEST',
            filename: 'invite.ics',
            content: m.calendar,
          },
        }
      : {}),
  });
  if (config.smtpUrl) {
    const smtp = nodemailer.createTransport(config.smtpUrl);
    return {
      kind: 'smtp',
      isIdempotent: false,
      send: async (m, handOver) => {
        // A server that is down or refuses us shows here, before the point of no return.
        await smtp.verify();
        await handOver?.();
        await smtp.sendMail(envelope(m));
      },
      close: () => smtp.close(),
    };
  }
  const dir = join(config.dataDir, 'mail');
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'eml',
    isIdempotent: true,
    send: async (m, handOver) => {
      const info = await stream.sendMail(envelope(m));
      mkdirSync(dir, { recursive: true });
      const name = emlFileName(m);
      // Written whole, then renamed: a reader never sees half a message, and a repeat replaces the file.
      const tmp = join(dir, `.${name}.tmp`);
      writeFileSync(tmp, info.message as Buffer, { mode: 0o600 });
      await handOver?.();
      renameSync(tmp, join(dir, name));
    },
    close: () => stream.close(),
  };
}
