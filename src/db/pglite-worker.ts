// The embedded database's own thread: one PGlite over the data dir, running what the main thread sends, so
// that PostgreSQL's work (synchronous WebAssembly) never holds up the thread that accepts and reads requests.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type QueryOptions } from '@electric-sql/pglite';

export type WorkerRequest =
  | {
      id: number;
      op: 'query';
      sql: string;
      params?: unknown[];
      rowMode?: 'array' | 'object';
      textOids?: number[];
    }
  | { id: number; op: 'exec'; sql: string }
  | { id: number; op: 'close' };

export type WorkerReply =
  | { id: number; result: unknown }
  | { id: number; error: { message: string; fields: Record<string, string | number | boolean | null> } }
  | { ready: true }
  | { startError: string };

/** What an error carries across threads: its message and its plain fields (code, detail, constraint…). */
function fieldsOf(error: unknown): Record<string, string | number | boolean | null> {
  const fields: Record<string, string | number | boolean | null> = {};
  if (error && typeof error === 'object') {
    for (const [key, value] of Object.entries(error)) {
      if (value === null || ['string', 'number', 'boolean'].includes(typeof value))
        fields[key] = value as string | number | boolean | null;
    }
  }
  return fields;
}

const port = parentPort;
if (port) {
  let pglite: PGlite;
  try {
    pglite = await PGlite.create((workerData as { dataDir: string }).dataDir);
    port.postMessage({ ready: true } satisfies WorkerReply);
  } catch (error) {
    port.postMessage({ startError: (error as Error).message } satisfies WorkerReply);
    process.exit(1);
  }
  port.on('message', async (request: WorkerRequest) => {
    try {
      let result: unknown;
      if (request.op === 'query') {
        const options: QueryOptions = { rowMode: request.rowMode };
        // Types the caller wants as PostgreSQL's own text (drizzle's dates, timestamps and intervals).
        if (request.textOids?.length)
          options.parsers = Object.fromEntries(
            request.textOids.map((oid) => [oid, (value: string) => value]),
          );
        result = await pglite.query(request.sql, request.params, options);
      } else if (request.op === 'exec') {
        result = await pglite.exec(request.sql);
      } else {
        await pglite.close();
        result = null;
      }
      port.postMessage({ id: request.id, result } satisfies WorkerReply);
      if (request.op === 'close') port.close();
    } catch (error) {
      port.postMessage({
        id: request.id,
        error: { message: (error as Error)?.message ?? String(error), fields: fieldsOf(error) },
      } satisfies WorkerReply);
    }
  });
}
