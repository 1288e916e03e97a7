// The embedded database's own thread: one PGlite over the data dir, running what the main thread sends, so
// that PostgreSQL's work (synchronous WebAssembly) never holds up the thread that accepts and reads requests.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type QueryOptions } from '@electric-sql/pglite';
import { namedStatements } from './pglite-named.ts';

export type WorkerRequest =
  | {
      id: number;
      op: 'query';
      sql: string;
      params?: unknown[];
      rowMode?: 'array' | 'object';
      textOids?: number[];
      /** A text the application prepares by name: prepared once here too (pglite-named.ts). */
      isNamed?: boolean;
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
    // Generic plans for the statements prepared by name, as on PostgreSQL (src/db/client.ts): each is a lookup
    // by key. Other statements are planned with their values on every call, whatever this setting.
    await pglite.exec('set plan_cache_mode = force_generic_plan');
    port.postMessage({ ready: true } satisfies WorkerReply);
  } catch (error) {
    port.postMessage({ startError: (error as Error).message } satisfies WorkerReply);
    process.exit(1);
  }
  const namedQuery = namedStatements(pglite);
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
        result = request.isNamed
          ? await namedQuery(request.sql, request.params, options)
          : await pglite.query(request.sql, request.params, options);
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
