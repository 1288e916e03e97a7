// A real SMTP server in the test process: it receives what Mejora sends through SMTP_URL.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** `text`: the raw message with quoted-printable undone, to search what a reader sees. */
export type ReceivedEmail = { to: string; kind: string; messageId: string; raw: string; text: string };

const decodeQuotedPrintable = (raw: string): string =>
  raw
    .replace(/=\r?\n/g, '')
    .replace(/(?:=[0-9A-F]{2})+/g, (run) => Buffer.from(run.replace(/=/g, ''), 'hex').toString('utf8'));

export type SmtpReceiver = {
  url: string;
  messages: ReceivedEmail[];
  /** Rejects the first delivery to addresses matching this, with a temporary (4xx) error. */
  failOnceFor(pattern: RegExp): void;
  byKind(kind: string): ReceivedEmail[];
  close(): Promise<void>;
};

const header = (raw: string, name: string): string => {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : '';
};

export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const messages: ReceivedEmail[] = [];
  const failing: { pattern: RegExp; done: Set<string> }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const rule = failing.find((f) => f.pattern.test(address.address) && !f.done.has(address.address));
      if (rule) {
        rule.done.add(address.address);
        const error = new Error('Mailbox busy, try again later') as Error & { responseCode: number };
        error.responseCode = 451;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        for (const rcpt of session.envelope.rcptTo) {
          messages.push({
            to: rcpt.address,
            kind: header(raw, 'X-Mejora-Kind'),
            messageId: header(raw, 'Message-ID'),
            raw,
            text: decodeQuotedPrintable(raw),
          });
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    failOnceFor: (pattern) => failing.push({ pattern, done: new Set() }),
    byKind: (kind) => messages.filter((m) => m.kind === kind),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Polls until the condition holds (a real worker is running), or fails after the timeout. */
export async function waitFor<T>(
  read: () => T | Promise<T>,
  isDone: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (isDone(value)) return value;
    if (Date.now() > until)
      throw new Error(`timed out waiting; last value: ${JSON.stringify(value)?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
