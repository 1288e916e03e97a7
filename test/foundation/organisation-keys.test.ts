// Keys carry the organisation (decision 0009, migration 0028): every tenant table's primary key starts with org_id,
// and a row can only point at a row of its own organisation.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { documentExports, employees, storedFiles } from '../../src/db/schema/index.ts';
import { selectRows } from '../../src/db/sql.ts';
import { engines, openTestDatabase } from '../helpers/engines.ts';
import { createEmployeeRow, createOrganization } from '../helpers/factories.ts';
import { tenantTables } from '../security/tenant-sql.ts';

/** The error a failed statement carries: PostgreSQL's code on the error itself or on its cause (Drizzle wraps it). */
const codeOf = (error: unknown): string | undefined => {
  const { code, cause } = error as { code?: string; cause?: { code?: string } };
  return code ?? cause?.code;
};

describe.each(engines)('organisation keys on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database?.close());

  it("every tenant table's primary key begins with org_id", async () => {
    const primaryKeys = await selectRows<{ table: string; first: string }>(
      database.db,
      sql`select t.relname as table, a.attname as first
        from pg_constraint c
        join pg_class t on t.oid = c.conrelid
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
        where c.contype = 'p' and t.relnamespace = 'public'::regnamespace`,
    );
    const keys = new Map(primaryKeys.map((r) => [r.table, r.first]));
    const keyed = [...tenantTables].filter((table) => keys.has(table));
    // Most tenant tables have a primary key; the rest are keyed by a unique index that begins with org_id.
    expect(keyed.length).toBeGreaterThan(40);
    for (const table of keyed) expect({ table, first: keys.get(table) }).toEqual({ table, first: 'org_id' });
  });

  it("refuses a row that points at another organisation's row", async () => {
    const { db } = database;
    const [a, b] = [await createOrganization(db), await createOrganization(db)];
    const managerInA = await createEmployeeRow(db, a.id);
    const error = await db
      .insert(employees)
      .values({
        orgId: b.id,
        name: 'Cross Reference',
        email: 'cross@example.com',
        jobTitle: 'Analyst',
        department: 'Sales',
        managerId: managerInA.id,
      })
      .then(
        () => null,
        (caught: unknown) => caught,
      );
    expect(codeOf(error)).toBe('23503');
    // The same manager within their own organisation is accepted.
    const report = await createEmployeeRow(db, a.id, { managerId: managerInA.id });
    expect(report.managerId).toBe(managerInA.id);
  });

  it('a deleted file sets only its column to null, never the organisation', async () => {
    const { db } = database;
    const org = await createOrganization(db);
    const [file] = await db
      .insert(storedFiles)
      .values({
        orgId: org.id,
        purpose: 'export_zip',
        contentType: 'application/zip',
        bytes: 0,
        sha256: '',
        chunkCount: 0,
      })
      .returning();
    const [made] = await db
      .insert(documentExports)
      .values({ orgId: org.id, requestedByUserId: org.id, format: 'pdf', zipFileId: file.id })
      .returning();
    await db.delete(storedFiles).where(and(eq(storedFiles.orgId, org.id), eq(storedFiles.id, file.id)));
    const [after] = await db
      .select({ orgId: documentExports.orgId, zipFileId: documentExports.zipFileId })
      .from(documentExports)
      .where(and(eq(documentExports.orgId, org.id), eq(documentExports.id, made.id)));
    expect(after).toEqual({ orgId: org.id, zipFileId: null });
  });
});
