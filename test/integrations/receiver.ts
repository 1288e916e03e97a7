// A real HTTP receiver in the test process: records every request and answers with the status it is told.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Received = { method: string; path: string; headers: IncomingHttpHeaders; body: string };

export type Receiver = {
  url: string;
  requests: Received[];
  /** Answers for the next requests, in order; then 200 with `respond`'s body. */
  failNext(...statuses: number[]): void;
  respond(handler: (request: Received) => { status?: number; body?: unknown }): void;
  close(): Promise<void>;
};

export async function startReceiver(): Promise<Receiver> {
  const requests: Received[] = [];
  const queued: number[] = [];
  let handler: (request: Received) => { status?: number; body?: unknown } = () => ({ status: 200 });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const received = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(received);
      const failing = queued.shift();
      const answer = failing ? { status: failing, body: { error: 'try later' } } : handler(received);
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body ?? { ok: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext: (...statuses) => queued.push(...statuses),
    respond: (next) => {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
