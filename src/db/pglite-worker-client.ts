// The main thread's side of the embedded database's thread: PGlite's query, exec and transaction, answered by
// the worker. One connection: a transaction holds it until it ends, and everything else waits its turn, the
// request that arrived first served first (statement-priority.ts).
import { Worker } from 'node:worker_threads';
import type { QueryOptions, Results, Transaction } from '@electric-sql/pglite';
import type { WorkerReply, WorkerRequest } from './pglite-worker.ts';
import { namedStatementTexts } from './prepared.ts';
import { currentTicket } from './statement-priority.ts';

type Pending = { resolve(value: unknown): void; reject(error: Error): void };
type Payload =
  | Omit<Extract<WorkerRequest, { op: 'query' }>, 'id'>
  | Omit<Extract<WorkerRequest, { op: 'exec' }>, 'id'>
  | { op: 'close' };

/** What the application and the job queue use of an embedded database, in process or in its thread. */
export type EmbeddedDatabase = {
  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(sql: string): Promise<Array<Results>>;
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export class PgliteWorkerClient implements EmbeddedDatabase {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  /** Whether a caller has the one connection now. */
  #isBusy = false;
  /** Callers waiting for the connection, served by ticket: the request that arrived first goes first. */
  readonly #waiting: { ticket: number; start: () => void }[] = [];
  #failure: Error | null = null;

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.on('message', (reply: WorkerReply) => {
      if (!('id' in reply)) return;
      const pending = this.#pending.get(reply.id);
      if (!pending) return;
      this.#pending.delete(reply.id);
      if ('error' in reply) pending.reject(Object.assign(new Error(reply.error.message), reply.error.fields));
      else pending.resolve(reply.result);
    });
    const fail = (error: Error) => {
      this.#failure = error;
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', () => fail(new Error('the embedded database thread has stopped')));
  }

  /** Opens the data dir in a new thread; resolves once PGlite is ready there. */
  static async start(dataDir: string): Promise<PgliteWorkerClient> {
    const worker = new Worker(new URL('./pglite-worker.ts', import.meta.url), { workerData: { dataDir } });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (reply: WorkerReply) => {
        if ('ready' in reply) settle();
        else if ('startError' in reply) settle(new Error(reply.startError));
      };
      const onExit = (code: number) => settle(new Error(`the embedded database thread exited (${code})`));
      const settle = (error?: Error) => {
        worker.off('message', onMessage);
        worker.off('error', settle);
        worker.off('exit', onExit);
        if (error) reject(error);
        else resolve();
      };
      worker.on('message', onMessage);
      worker.on('error', settle);
      worker.on('exit', onExit);
    });
    return new PgliteWorkerClient(worker);
  }

  #send<T>(payload: Payload): Promise<T> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.#worker.postMessage({ id, ...payload });
    });
  }

  /** Runs `fn` with the connection to itself, after the callers with an earlier ticket. */
  async #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#isBusy) {
      const ticket = currentTicket();
      await new Promise<void>((start) => {
        this.#waiting.push({ ticket, start });
      });
    }
    this.#isBusy = true;
    try {
      return await fn();
    } finally {
      this.#handOver();
    }
  }

  /** Gives the connection to the waiting caller with the earliest ticket, or frees it. */
  #handOver(): void {
    if (this.#waiting.length === 0) {
      this.#isBusy = false;
      return;
    }
    let next = 0;
    for (let i = 1; i < this.#waiting.length; i++) {
      if (this.#waiting[i].ticket < this.#waiting[next].ticket) next = i;
    }
    const [caller] = this.#waiting.splice(next, 1);
    caller.start();
  }

  #query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    // Parsers are functions and cannot cross threads; the ones drizzle passes keep a type's text as it is.
    const textOids = options?.parsers ? Object.keys(options.parsers).map(Number) : undefined;
    const isNamed = namedStatementTexts.has(sql);
    return this.#send({ op: 'query', sql, params, rowMode: options?.rowMode, textOids, isNamed });
  }

  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    return this.#exclusive(() => this.#query<T>(sql, params, options));
  }

  exec(sql: string): Promise<Array<Results>> {
    return this.#exclusive(() => this.#send<Array<Results>>({ op: 'exec', sql }));
  }

  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.#exclusive(async () => {
      await this.#send({ op: 'exec', sql: 'BEGIN' });
      let isClosed = false;
      const end = async (sql: 'COMMIT' | 'ROLLBACK') => {
        if (isClosed) return;
        isClosed = true;
        await this.#send({ op: 'exec', sql });
      };
      const tx = {
        query: <R>(sql: string, params?: unknown[], options?: QueryOptions) =>
          this.#query<R>(sql, params, options),
        exec: (sql: string) => this.#send<Array<Results>>({ op: 'exec', sql }),
        rollback: () => end('ROLLBACK'),
        get closed() {
          return isClosed;
        },
      } as unknown as Transaction;
      try {
        const result = await fn(tx);
        await end('COMMIT');
        return result;
      } catch (error) {
        await end('ROLLBACK').catch(() => {});
        throw error;
      }
    });
  }

  async close(): Promise<void> {
    if (this.#failure) return;
    await this.#exclusive(() => this.#send({ op: 'close' }));
    await this.#worker.terminate();
  }
}
