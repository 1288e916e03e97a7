// The stack's limit, for the API benchmark's ratios: a bare Fastify server that returns one `users` row
// by primary key, with no authentication, on PostgreSQL (a pool of 10, as Mejora) or on its own PGlite: in the
// server's thread, or with REFERENCE_PGLITE_THREAD=1 on a thread of its own through Mejora's own client for it,
// as Mejora serves the embedded engine (src/db/pglite-worker-client.ts).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import fastify from 'fastify';
import pg from 'pg';
import { PgliteWorkerClient } from '../src/db/pglite-worker-client.ts';

const databaseUrl = process.env.DATABASE_URL;
type Query = (id: string) => Promise<unknown>;

async function openQuery(): Promise<{ query: Query; id: string }> {
  if (databaseUrl) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
    const { rows } = await pool.query<{ id: string }>('select id from users limit 1');
    return {
      id: rows[0].id,
      query: async (id) => (await pool.query('select * from users where id = $1', [id])).rows[0],
    };
  }
  // Embedded: a users table of the same shape's size in a fresh PGlite of its own.
  const dir = mkdtempSync(join(tmpdir(), 'mejora-reference-'));
  const db =
    process.env.REFERENCE_PGLITE_THREAD === '1'
      ? await PgliteWorkerClient.start(dir)
      : await PGlite.create(dir);
  await db.exec(`create table users (id uuid primary key default gen_random_uuid(), org_id uuid not null,
    email text not null, name text not null, locale text not null default 'en', password_hash text,
    created_at timestamptz not null default now(), disabled_at timestamptz)`);
  await db.exec(`insert into users (org_id, email, name)
    select gen_random_uuid(), 'person' || i || '@example.com', 'Person ' || i from generate_series(1, 1000) i`);
  const { rows } = await db.query<{ id: string }>('select id from users limit 1');
  return {
    id: rows[0].id,
    query: async (id) => (await db.query('select * from users where id = $1', [id])).rows[0],
  };
}

const { query, id } = await openQuery();
const app = fastify();
app.get<{ Params: { id: string } }>('/users/:id', async (request) => query(request.params.id));
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}`, path: `/users/${id}` })}\n`);
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
