// Builds, once per run, a migrated database with the demo seeded on each engine; test files copy it.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.ts';
import { seedDemo } from '../../src/services/demo/seed-demo.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    engines: ('pglite' | 'postgres')[];
    pgliteTemplate: string;
    postgresAdminUrl: string;
    postgresTemplate: string;
  }
}

export const adminUrl = process.env.MEJORA_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function isPostgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export default async function globalSetup(project: TestProject): Promise<() => Promise<void>> {
  const dir = join(tmpdir(), `mejora-test-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const pglite = new PGlite();
  const embedded = await openDatabase({ pglite });
  await seedDemo(embedded.db);
  const dump = await pglite.dumpDataDir('none');
  const tarball = join(dir, 'template.tar');
  writeFileSync(tarball, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();

  const engines: ('pglite' | 'postgres')[] = ['pglite'];
  const templateName = `mejora_template_${process.pid}`;
  if (await isPostgresReachable()) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${templateName}`);
    await admin.query(`create database ${templateName}`);
    await admin.end();
    const server = await openDatabase({ databaseUrl: withDatabase(adminUrl, templateName) });
    await seedDemo(server.db);
    await server.close();
    engines.push('postgres');
  } else if (process.env.MEJORA_REQUIRE_POSTGRES === '1') {
    throw new Error(`PostgreSQL is required (MEJORA_REQUIRE_POSTGRES=1) but ${adminUrl} is unreachable`);
  } else {
    process.stdout.write('PostgreSQL is unreachable: tests run on PGlite only.\n');
  }
  project.provide('engines', engines);
  project.provide('pgliteTemplate', tarball);
  project.provide('postgresAdminUrl', adminUrl);
  project.provide('postgresTemplate', templateName);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (engines.includes('postgres')) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      const { rows } = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like $1`,
        [`mejora_t_${process.pid}_%`],
      );
      for (const row of rows) await admin.query(`drop database if exists ${row.datname} with (force)`);
      await admin.query(`drop database if exists ${templateName} with (force)`);
      await admin.end();
    }
  };
}

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
