import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from './client.ts';
import { PgliteWorkerClient } from './pglite-worker-client.ts';
import { namedStatementTexts } from './prepared.ts';
import { takeTicket, withTicket } from './statement-priority.ts';

describe('PGlite in its own thread', () => {
  let dir: string;
  let database: Database;
  let client: PgliteWorkerClient;

  // One data dir for every test: creating one takes PGlite several seconds.
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mejora-pglite-thread-'));
    database = await openDatabase({ dataDir: dir });
    client = database.pglite as PgliteWorkerClient;
    await client.exec('create table item (id int primary key, label text, at timestamptz default now())');
  }, 300_000);
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs on a data dir in its own thread', () => {
    expect(client).toBeInstanceOf(PgliteWorkerClient);
  });

  it('commits a transaction and rolls one back when it throws', async () => {
    await client.transaction(async (tx) => {
      await tx.query('insert into item (id, label) values ($1, $2)', [1, 'kept']);
    });
    await expect(
      client.transaction(async (tx) => {
        await tx.query('insert into item (id, label) values ($1, $2)', [2, 'dropped']);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const { rows } = await client.query<{ id: number }>('select id from item order by id');
    expect(rows).toEqual([{ id: 1 }]);
  });

  it('makes the others wait while a transaction holds the connection, then serves them in order', async () => {
    const seen: string[] = [];
    let letGo!: () => void;
    const held = new Promise<void>((resolve) => {
      letGo = resolve;
    });
    const transaction = client.transaction(async (tx) => {
      await tx.query(`insert into item (id, label) values (10, 'in transaction')`);
      await held;
      seen.push('transaction');
    });
    const first = client.query<{ n: number }>('select count(*)::int as n from item').then((r) => {
      seen.push(`first saw ${r.rows[0].n}`);
    });
    const second = client.query('select 1').then(() => seen.push('second'));
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual([]);
    letGo();
    await Promise.all([transaction, first, second]);
    expect(seen).toEqual(['transaction', 'first saw 2', 'second']);
  });

  it('serves the request that arrived first before later ones, whatever order their statements come in', async () => {
    const seen: string[] = [];
    let letGo!: () => void;
    const held = new Promise<void>((resolve) => {
      letGo = resolve;
    });
    const early = takeTicket();
    const late = takeTicket();
    const transaction = client.transaction(async () => {
      await held;
    });
    // The later request's statement is queued first; the earlier request's second statement comes after it.
    const later = withTicket(late, () => client.query('select 1').then(() => seen.push('later request')));
    const earlier = withTicket(early, () =>
      client.query('select 2').then(() => seen.push('earlier request')),
    );
    const job = client.query('select 3').then(() => seen.push('statement of no request'));
    letGo();
    await Promise.all([transaction, later, earlier, job]);
    expect(seen).toEqual(['earlier request', 'later request', 'statement of no request']);
  });

  it('passes PostgreSQL error fields across the thread', async () => {
    const error = await client.query(`insert into item (id) values (1)`).catch((e) => e);
    expect(error.message).toMatch(/duplicate key/);
    expect(error.code).toBe('23505');
  });

  it('keeps the text of the types the caller asks for as text', async () => {
    const { rows } = await client.query<{ at: unknown }>(
      `select '2026-12-03 10:00:00+00'::timestamptz as at`,
      [],
      {
        parsers: { 1184: (value: string) => value },
      },
    );
    expect(rows[0].at).toBe('2026-12-03 10:00:00+00');
  });

  it('runs migrations and drizzle transactions through its thread', async () => {
    const result = await database.db.transaction(async (tx): Promise<number> => {
      const answer = (await tx.execute(sql`select count(*)::int as n from organizations`)) as unknown as {
        rows: { n: number }[];
      };
      const [row] = answer.rows;
      return row.n;
    });
    expect(result).toBe(0);
  });

  it('prepares the texts prepared by name once, with the rows, types and errors of a plain query', async () => {
    await client.query(`insert into item (id, label, at) values (40, 'named', '2026-12-01T10:00:00Z')`);
    const read =
      'select id, label, at, $2::int + 1 as next, $3::text is null as none from item where id = $1';
    const plain = await client.query(read, [40, 41, null]);
    const plainArrays = await client.query(read, [40, 41, null], { rowMode: 'array' });
    const plainText = await client.query(read, [40, 41, null], { parsers: { 1184: (v: string) => v } });
    const write = 'insert into item (id, label) values ($1, $2) returning id';
    namedStatementTexts.add(read);
    try {
      for (let i = 0; i < 3; i++) {
        expect(await client.query(read, [40, 41, null])).toMatchObject({
          rows: plain.rows,
          fields: plain.fields,
        });
        expect((await client.query(read, [40, 41, null], { rowMode: 'array' })).rows).toEqual(
          plainArrays.rows,
        );
        expect(
          (await client.query(read, [40, 41, null], { parsers: { 1184: (v: string) => v } })).rows,
        ).toEqual(plainText.rows);
      }
      expect((await client.query(read, [404, 1, 'x'])).rows).toEqual([]);
      expect(plain.rows[0]).toMatchObject({ id: 40, label: 'named', next: 42, none: true });
      expect((plain.rows[0] as { at: unknown }).at).toBeInstanceOf(Date);
      // Prepared once, by name, in the embedded engine.
      const prepared = await client.query<{ n: number }>(
        'select count(*)::int as n from pg_prepared_statements where statement = $1',
        [read],
      );
      expect(prepared.rows[0].n).toBe(1);

      // A write prepared by name: its errors carry PostgreSQL's code, and the connection goes on.
      namedStatementTexts.add(write);
      expect((await client.query(write, [41, 'written'])).rows).toEqual([{ id: 41 }]);
      await expect(client.query(write, [41, 'again'])).rejects.toMatchObject({ code: '23505' });
      await client.transaction(async (tx) => {
        await tx.query(write, [42, 'in a transaction']);
      });
      const { rows } = await client.query('select id from item where id in (41, 42) order by id');
      expect(rows).toEqual([{ id: 41 }, { id: 42 }]);
    } finally {
      namedStatementTexts.delete(read);
      namedStatementTexts.delete(write);
    }
  });

  it('refuses a second open of the same data dir in this process', async () => {
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/already open in this process/);
  });
});
