// One fresh database per test file on each engine, copied from the template built in global setup.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { type Database, type Engine, openDatabase } from '../../src/db/client.ts';
import { type App, buildApp } from '../../src/server/app.ts';
import type { Deps } from '../../src/services/context.ts';
import { withDatabase } from './global-setup.ts';

export const engines: Engine[] = inject('engines');

export async function openTestDatabase(engine: Engine): Promise<Database> {
  if (engine === 'pglite') {
    const tarball = readFileSync(inject('pgliteTemplate'));
    const pglite = await PGlite.create({ loadDataDir: new Blob([tarball]) });
    return openDatabase({ pglite, isMigrating: false });
  }
  const adminUrl = inject('postgresAdminUrl');
  const name = `mejora_t_${process.ppid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${inject('postgresTemplate')}`);
  await admin.end();
  const database = await openDatabase({ databaseUrl: withDatabase(adminUrl, name), isMigrating: false });
  return {
    ...database,
    close: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

export type Clock = { now: () => Date; set(iso: string): void; advance(ms: number): void };

export function controlledClock(start = '2026-11-24T09:00:00Z'): Clock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set: (iso) => {
      current = new Date(iso).getTime();
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

export type TestApp = { app: App; deps: Deps; database: Database; clock: Clock; close(): Promise<void> };

export async function startTestApp(
  engine: Engine,
  options: { clock?: Clock; env?: Record<string, string> } = {},
) {
  const database = await openTestDatabase(engine);
  const clock = options.clock ?? controlledClock();
  const config = loadConfig({
    NODE_ENV: 'test',
    MEJORA_SECRET: 'test-secret-test-secret-test-secret-000',
    MEJORA_DATA_DIR: '/tmp/mejora-test-unused',
    LOG_LEVEL: 'silent',
    // Requests come from app.inject (127.0.0.1): trusting it lets tests sign in from their own addresses.
    TRUSTED_PROXIES: '127.0.0.1',
    ...options.env,
  });
  const deps: Deps = { database, config, now: clock.now };
  const app = await buildApp({ deps, version: 'test', isLogging: false });
  await app.ready();
  return {
    app,
    deps,
    database,
    clock,
    close: async () => {
      await app.close();
      await database.close();
    },
  } satisfies TestApp;
}
