// Opens the database: embedded PGlite under the data dir, or a PostgreSQL server through DATABASE_URL.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { type EmbeddedDatabase, PgliteWorkerClient } from './pglite-worker-client.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction: repositories accept both. */
export type Executor = Db | Tx;
export type Engine = 'pglite' | 'postgres';

export type Database = {
  db: Db;
  engine: Engine;
  /**
   * The embedded database (the job queue shares its one connection): PGlite in its own thread when opened
   * on a data dir, or the PGlite instance the caller passed (tests).
   */
  pglite?: EmbeddedDatabase;
  pool?: pg.Pool;
  /** Queries run through Drizzle so far: lets tests prove a read costs a fixed number of queries. */
  queryCount(): number;
  /** Calls `listener` with the text of every query run through Drizzle until the returned function is called. */
  watchQueries(listener: (query: string) => void): () => void;
  close(): Promise<void>;
};

function counter() {
  let count = 0;
  const listeners = new Set<(query: string) => void>();
  return {
    logger: {
      logQuery: (query: string) => {
        count++;
        for (const listener of listeners) listener(query);
      },
    },
    read: () => count,
    watch: (listener: (query: string) => void) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

export class DataDirLockedError extends Error {}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export type OpenOptions = { databaseUrl?: string; dataDir?: string; pglite?: PGlite; isMigrating?: boolean };

export async function openDatabase(options: OpenOptions): Promise<Database> {
  const database = options.databaseUrl
    ? openPostgres(options.databaseUrl)
    : await openPglite(options.pglite, options.dataDir);
  if (options.isMigrating !== false) {
    try {
      await migrateDatabase(database);
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  return database;
}

function openPostgres(url: string): Database {
  // Mejora's statements are short reads of indexed rows and summary tables, many at once from many users:
  // - just-in-time compilation off: their cost estimates (correlated subqueries per plan) cross PostgreSQL's JIT
  //   threshold, and compiling took 0.1-0.8 s of statements that run in milliseconds without it (the HR inbox's
  //   counts at 100,000 people: 1.14 s, of which 0.84 s JIT);
  // - no parallel workers: starting them and gathering their rows cost more than the 20,000 summary rows they
  //   split (the HR inbox's candidates: 28 ms of work took 91 ms to gather), and concurrent requests already
  //   keep every core busy;
  // - generic plans for the few statements prepared by name (the session, the API token, the plan aggregate, the
  //   audited view): each is a lookup by key whose best plan never depends on the values, and PostgreSQL kept
  //   re-planning the plan aggregate for every read (0.76 ms of planning against 0.65 ms of execution). Statements
  //   not prepared by name are planned with their values as before.
  // A URL that sets `options` itself keeps its own.
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    options: '-c jit=off -c max_parallel_workers_per_gather=0 -c plan_cache_mode=force_generic_plan',
  });
  // An idle client that errors (server restart) must not crash the process.
  pool.on('error', () => {});
  const queries = counter();
  const db = drizzlePg(pool, { schema, logger: queries.logger }) as unknown as Db;
  return {
    db,
    engine: 'postgres',
    pool,
    queryCount: queries.read,
    watchQueries: queries.watch,
    close: () => pool.end(),
  };
}

async function openPglite(existing: PGlite | undefined, dataDir: string | undefined): Promise<Database> {
  const queries = counter();
  if (existing) {
    const db = drizzlePglite(existing, { schema, logger: queries.logger }) as unknown as Db;
    return {
      db,
      engine: 'pglite',
      pglite: existing,
      queryCount: queries.read,
      watchQueries: queries.watch,
      close: () => existing.close(),
    };
  }
  if (!dataDir) throw new Error('dataDir is required for the embedded database');
  const dir = join(dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const release = lockDataDir(dataDir);
  try {
    // PostgreSQL's work runs in its own thread: on the main thread it would hold up accepting and reading
    // requests for as long as queries keep coming (each ran synchronously, one after another).
    const pglite = await PgliteWorkerClient.start(dir);
    const db = drizzlePglite(pglite as unknown as PGlite, {
      schema,
      logger: queries.logger,
    }) as unknown as Db;
    return {
      db,
      engine: 'pglite',
      pglite,
      queryCount: queries.read,
      watchQueries: queries.watch,
      close: async () => {
        try {
          await pglite.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** Who holds a data dir: the pid, and what tells that pid's incarnation apart from a later one. */
export type LockOwner = { pid: number; bootId: string | null; startTime: string | null };

/** How lockDataDir sees the processes of this machine; tests replace it. */
export type ProcessProbe = {
  self(): LockOwner;
  isAlive(pid: number): boolean;
  /** The start time of the process now holding this pid, or null when it cannot be known. */
  startTimeOf(pid: number): string | null;
};

const readOrNull = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

/** Field 22 of /proc/<pid>/stat: clock ticks after boot at which the process started (Linux only). */
function procStartTime(pid: number): string | null {
  const stat = readOrNull(`/proc/${pid}/stat`);
  if (!stat) return null;
  // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[22 - 3] ?? null;
}

export const systemProbe: ProcessProbe = {
  self: () => ({
    pid: process.pid,
    bootId: readOrNull('/proc/sys/kernel/random/boot_id')?.trim() || null,
    startTime: procStartTime(process.pid),
  }),
  isAlive: (pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  },
  startTimeOf: procStartTime,
};

/** The data dirs this process holds now: our own pid in a lock file is an earlier incarnation otherwise. */
const heldHere = new Set<string>();

function parseOwner(text: string): LockOwner | null {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed), bootId: null, startTime: null };
  try {
    const owner = JSON.parse(trimmed) as Partial<LockOwner>;
    if (typeof owner.pid !== 'number' || owner.pid <= 0) return null;
    return { pid: owner.pid, bootId: owner.bootId ?? null, startTime: owner.startTime ?? null };
  } catch {
    return null;
  }
}

/**
 * Whether the process that wrote the lock still runs. A pid proves little alone: after a crash a container
 * starts the server as PID 1 again, and a pid is reused by unrelated processes. The boot id and the start
 * time of the pid tell an earlier incarnation from the live owner.
 */
function isHeldByLiveOwner(owner: LockOwner, me: LockOwner, probe: ProcessProbe, file: string): boolean {
  if (owner.bootId && me.bootId && owner.bootId !== me.bootId) return false;
  if (owner.pid === me.pid) {
    // Our pid: the live owner only if this very process took the lock and still holds it.
    return heldHere.has(file) && (owner.startTime === null || owner.startTime === me.startTime);
  }
  if (!probe.isAlive(owner.pid)) return false;
  const now = probe.startTimeOf(owner.pid);
  // The pid belongs to another process than the one that locked: it was reused.
  if (owner.startTime && now && owner.startTime !== now) return false;
  return true;
}

/** PGlite takes no lock of its own: two writers on one directory would corrupt it, so we refuse. */
export function lockDataDir(dataDir: string, probe: ProcessProbe = systemProbe): () => void {
  const file = join(dataDir, 'mejora.lock');
  const me = probe.self();
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      heldHere.add(file);
      return () => {
        heldHere.delete(file);
        rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = parseOwner(readOrNull(file) ?? '');
      if (owner && isHeldByLiveOwner(owner, me, probe, file)) {
        throw new DataDirLockedError(
          owner.pid === me.pid
            ? `The embedded database in ${dataDir} is already open in this process.`
            : `The embedded database in ${dataDir} is already in use by process ${owner.pid}. ` +
                'Stop that process first, or set MEJORA_DATA_DIR to another directory.',
        );
      }
      // A lock left by a process that died (or an earlier run of this one, or unreadable): take it over.
      rmSync(file, { force: true });
    }
  }
  throw new DataDirLockedError(`Could not lock ${dataDir}.`);
}

/** Applies the committed SQL migrations; on a server, under an advisory lock so concurrent starts queue. */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.engine === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder });
    return;
  }
  const client = await database.pool!.connect();
  try {
    await client.query('select pg_advisory_lock(72657301)');
    await migratePg(drizzlePg(client, { schema }) as never, { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock(72657301)').catch(() => {});
    client.release();
  }
}

export async function pingDatabase(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}
