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
};

export type MailTransport = {
  kind: 'smtp' | 'eml';
  send(message: MailMessage): Promise<void>;
  close(): void;
};

export function createMailTransport(config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'dataDir'>): MailTransport {
  const envelope = (m: MailMessage) => ({
    from: config.mailFrom,
    to: m.to,
    subject: m.subject,
    text: m.text,
    html: m.html,
    messageId: m.messageId,
    headers: { 'X-Mejora-Kind': m.kind },
  });
  if (config.smtpUrl) {
    const smtp = nodemailer.createTransport(config.smtpUrl);
    return {
      kind: 'smtp',
      send: async (m) => {
        await smtp.sendMail(envelope(m));
      },
      close: () => smtp.close(),
    };
  }
  const dir = join(config.dataDir, 'mail');
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'eml',
    send: async (m) => {
      const info = await stream.sendMail(envelope(m));
      mkdirSync(dir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${m.messageId.replace(/^<|@.*$/g, '')}.eml`;
      // Written whole, then renamed: a reader never sees half a message.
      const tmp = join(dir, `.${name}.tmp`);
      writeFileSync(tmp, info.message as Buffer, { mode: 0o600 });
      renameSync(tmp, join(dir, name));
    },
    close: () => stream.close(),
  };
}
