// Directory import: read a CSV file into a stored preview, then apply that preview in one transaction.

import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { controlCharactersMessage, hasControlCharacter } from '../../contracts/common.ts';
import type { Executor, Tx } from '../../db/client.ts';
import { directoryImports, employees, organizations, roleMemberships, users } from '../../db/schema/index.ts';
import { isUniqueViolation, lower, selectRows } from '../../db/sql.ts';
import type { Role } from '../../domain/access/actor.ts';
import { canOnDirectory } from '../../domain/access/policy.ts';
import { columnOf, type ImportColumn } from '../../domain/directory/import-columns.ts';
import {
  type Directory,
  type FileRow,
  type ImportPlan,
  type ImportProblem,
  planImport,
} from '../../domain/directory/plan-import.ts';
import { conflict, invalidField, notFound } from '../../domain/errors.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import type { Deps, RequestMeta, ServiceContext } from '../context.ts';
import { deactivatePerson } from './deactivate-person.ts';

/** Who imports: an HR person, or the command line acting for the organisation (userId null). */
export type Importer = {
  orgId: string;
  userId: string | null;
  name: string;
  employeeId: string | null;
  isHrAdmin: boolean;
};

export type Progress = (done: number, total: number) => void;

/** More rows than this are refused: a directory of this size is imported in parts. */
export const maxImportRows = 100_000;
const batchSize = 1000;
/** Rows listed in a preview answer; the counts cover them all. */
const listedRows = 1000;

/** The importer a signed-in HR person is, after the policy allowed them. */
export function importerOf(ctx: ServiceContext): Importer {
  const { actor } = ctx;
  if (!canOnDirectory(actor, 'directory.import', actor.orgId)) throw notFound('Directory import');
  return {
    orgId: actor.orgId,
    userId: actor.userId,
    name: actor.name,
    employeeId: actor.employeeId,
    isHrAdmin: actor.roles.has('hr_admin'),
  };
}

type ReadFile = { columns: Set<ImportColumn>; rows: FileRow[]; problems: ImportProblem[]; ignored: string[] };

/** Reads the file as a stream, one record at a time; the header line names the columns. */
export async function readImportFile(
  source: Readable,
  onRecord?: (records: number) => void,
): Promise<ReadFile> {
  const parser = source.pipe(
    parse({
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    }),
  );
  const result: ReadFile = { columns: new Set(), rows: [], problems: [], ignored: [] };
  let header: (ImportColumn | null)[] | null = null;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (!header) {
        header = record.map((name) => columnOf(name));
        record.forEach((name, i) => {
          const column = header![i];
          if (!column) {
            // A column name is shown back as it was, but a control character (a NUL) cannot be kept.
            if (name.trim())
              result.ignored.push([...name.trim()].map((c) => (hasControlCharacter(c) ? '?' : c)).join(''));
          } else if (result.columns.has(column)) {
            result.problems.push({ line: info.lines, column, message: 'the file has this column twice' });
            header![i] = null;
          } else result.columns.add(column);
        });
        if (!result.columns.has('name'))
          result.problems.push({
            line: info.lines,
            column: 'name',
            message: 'the file has no column for the name',
          });
        if (!result.columns.has('employee_number') && !result.columns.has('email'))
          result.problems.push({
            line: info.lines,
            column: 'employee_number',
            message: 'the file needs an employee number or an email column',
          });
        continue;
      }
      if (result.rows.length >= maxImportRows) {
        result.problems.push({
          line: info.lines,
          column: null,
          message: `at most ${maxImportRows} people per file`,
        });
        parser.destroy();
        break;
      }
      const values: FileRow['values'] = {};
      let isReadable = true;
      header.forEach((column, i) => {
        if (!column) return;
        const value = record[i] ?? '';
        if (hasControlCharacter(value, true)) {
          result.problems.push({ line: info.lines, column, message: controlCharactersMessage });
          isReadable = false;
        } else values[column] = value;
      });
      if (!isReadable) continue;
      result.rows.push({ line: info.lines, values });
      onRecord?.(result.rows.length);
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines ?? 0;
    result.problems.push({
      line,
      column: null,
      message: `not readable as CSV: ${error.message.replace(/^[^:]*: /, '')}`,
    });
  }
  if (!header)
    throw invalidField('body', 'the file is empty: send a CSV file whose first line names the columns');
  return result;
}

/** The directory's state: any change to a person, an account or a role changes it. */
async function directoryFingerprint(db: Executor, orgId: string): Promise<string> {
  const [row] = await selectRows<{ fingerprint: string }>(
    db,
    sql`
    select md5(
      coalesce((select string_agg(id::text || ':' || revision || ':' || coalesce(deactivated_at::text, ''), ',' order by id)
        from employees where org_id = ${orgId}), '') || '|' ||
      coalesce((select string_agg(id::text || ':' || revision || ':' || coalesce(disabled_at::text, ''), ',' order by id)
        from users where org_id = ${orgId}), '') || '|' ||
      coalesce((select string_agg(user_id::text || ':' || role, ',' order by user_id, role)
        from role_memberships where org_id = ${orgId}), '')
    ) as fingerprint`,
  );
  return row.fingerprint;
}

async function readDirectory(db: Executor, orgId: string, fileEmails: string[]): Promise<Directory> {
  const people = await db
    .select({
      id: employees.id,
      employeeNumber: employees.employeeNumber,
      email: employees.email,
      name: employees.name,
      jobTitle: employees.jobTitle,
      department: employees.department,
      managerId: employees.managerId,
      hireDate: employees.hireDate,
      locale: employees.locale,
      deactivatedAt: employees.deactivatedAt,
      userId: employees.userId,
    })
    .from(employees)
    .where(eq(employees.orgId, orgId));
  const accountRows = await db
    .select({ id: users.id, email: users.email, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.orgId, orgId));
  const roleRows = await db
    .select({ userId: roleMemberships.userId, role: roleMemberships.role })
    .from(roleMemberships)
    .where(eq(roleMemberships.orgId, orgId));
  const rolesOf = new Map<string, Role[]>();
  for (const r of roleRows) rolesOf.set(r.userId, [...(rolesOf.get(r.userId) ?? []), r.role]);
  const employeeOf = new Map(people.flatMap((p) => (p.userId ? [[p.userId, p.id] as const] : [])));
  const foreignEmails = new Set<string>();
  for (let i = 0; i < fileEmails.length; i += batchSize) {
    const found = await db
      .select({ email: lower(users.email) })
      .from(users)
      .where(and(ne(users.orgId, orgId), inArray(lower(users.email), fileEmails.slice(i, i + batchSize))));
    for (const f of found) foreignEmails.add(f.email);
  }
  return {
    people: people.map(({ deactivatedAt, ...p }) => ({ ...p, isActive: !deactivatedAt })),
    accounts: accountRows.map((a) => ({
      id: a.id,
      email: a.email,
      employeeId: employeeOf.get(a.id) ?? null,
      roles: rolesOf.get(a.id) ?? [],
      isDisabled: Boolean(a.disabledAt),
    })),
    foreignEmails,
  };
}

export type ImportView = ReturnType<typeof presentImport>;

function presentImport(row: typeof directoryImports.$inferSelect) {
  const { plan } = row;
  const order = { create: 0, update: 1, deactivate: 2, unchanged: 3 } as const;
  const listed = [...plan.rows].sort((a, b) => order[a.action] - order[b.action] || a.line - b.line);
  return {
    id: row.id,
    status: row.appliedAt ? ('applied' as const) : ('previewed' as const),
    isDeactivatingMissing: row.isDeactivatingMissing,
    createdAt: new Date(row.createdAt).toISOString(),
    appliedAt: row.appliedAt ? new Date(row.appliedAt).toISOString() : null,
    counts: plan.counts,
    problems: plan.problems,
    ignoredColumns: plan.ignoredColumns,
    rows: listed.slice(0, listedRows).map((r) => ({
      line: r.line,
      action: r.action,
      employeeNumber: r.values.employeeNumber,
      email: r.values.email,
      name: r.values.name,
      changes: r.changes,
      isAccountCreated: r.account.kind === 'create',
    })),
    deactivations: plan.missing.slice(0, listedRows),
    isTruncated: plan.rows.length > listedRows || plan.missing.length > listedRows,
  };
}

/** Reads the file, plans the import against the directory as it is, and stores the preview. Writes no person. */
export async function previewDirectoryImport(
  deps: Pick<Deps, 'database'>,
  importer: Importer,
  source: Readable,
  options: { isDeactivatingMissing: boolean; onRecord?: (records: number) => void },
): Promise<ImportView> {
  const file = await readImportFile(source, options.onRecord);
  const db = deps.database.db;
  const emails = [
    ...new Set(file.rows.map((r) => (r.values.email ?? '').trim().toLowerCase()).filter(Boolean)),
  ];
  const fingerprint = await directoryFingerprint(db, importer.orgId);
  const directory = await readDirectory(db, importer.orgId, emails);
  const plan: ImportPlan = planImport(file.rows, directory, {
    columns: file.columns,
    isDeactivatingMissing: options.isDeactivatingMissing,
    actor: { employeeId: importer.employeeId, isHrAdmin: importer.isHrAdmin },
    newId: () => crypto.randomUUID(),
  });
  plan.problems = [...file.problems, ...plan.problems].sort((a, b) => a.line - b.line);
  plan.counts.problems = plan.problems.length;
  plan.ignoredColumns = file.ignored;
  const [row] = await db
    .insert(directoryImports)
    .values({
      orgId: importer.orgId,
      createdByUserId: importer.userId,
      isDeactivatingMissing: options.isDeactivatingMissing,
      fingerprint,
      plan,
    })
    .returning();
  return presentImport(row);
}

async function findImport(db: Executor, orgId: string, id: string, isLocking = false) {
  const query = db
    .select()
    .from(directoryImports)
    .where(and(eq(directoryImports.orgId, orgId), eq(directoryImports.id, id)));
  const [row] = isLocking ? await query.for('update') : await query;
  if (!row) throw notFound('Directory import');
  return row;
}

export async function getDirectoryImport(ctx: ServiceContext, id: string): Promise<ImportView> {
  const importer = importerOf(ctx);
  return presentImport(await findImport(ctx.deps.database.db, importer.orgId, id));
}

const chunks = <T>(items: T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += batchSize) out.push(items.slice(i, i + batchSize));
  return out;
};

/**
 * Applies a stored preview in one transaction: 409 when it has problems or the directory changed since. Applying
 * an applied preview again changes nothing and answers what it did.
 */
export async function applyDirectoryImport(
  deps: Pick<Deps, 'database' | 'now'>,
  importer: Importer,
  meta: RequestMeta,
  id: string,
  onProgress?: Progress,
): Promise<ImportView> {
  try {
    return await applyInTransaction(deps, importer, meta, id, onProgress);
  } catch (error) {
    // An email or number taken meanwhile (another organisation's account, a person added by hand): nothing was
    // written, and a new preview shows why.
    if (isUniqueViolation(error))
      throw conflict(
        'The directory changed since this preview: import the file again for a new preview',
        [],
        {
          reason: 'directory_changed',
        },
      );
    throw error;
  }
}

function applyInTransaction(
  deps: Pick<Deps, 'database' | 'now'>,
  importer: Importer,
  meta: RequestMeta,
  id: string,
  onProgress?: Progress,
): Promise<ImportView> {
  return deps.database.db.transaction(async (transaction) => {
    const tx = transaction as Tx;
    const stored = await findImport(tx, importer.orgId, id, true);
    if (stored.appliedAt) return presentImport(stored);
    const { plan } = stored;
    if (plan.problems.length)
      throw conflict(
        `The preview has ${plan.problems.length} problem(s): correct the file and import it again`,
        [],
        {
          reason: 'has_problems',
        },
      );
    if ((await directoryFingerprint(tx, importer.orgId)) !== stored.fingerprint)
      throw conflict(
        'The directory changed since this preview: import the file again for a new preview',
        [],
        {
          reason: 'directory_changed',
        },
      );
    const at = deps.now();
    const orgId = importer.orgId;
    const [org] = await tx
      .select({ settings: organizations.settings })
      .from(organizations)
      .where(eq(organizations.id, orgId));
    const defaultLocale = org?.settings.defaultLocale ?? 'en';
    const total = plan.rows.length + plan.missing.length;
    let done = 0;
    const step = (n: number) => {
      done += n;
      onProgress?.(done, total);
    };

    // Accounts first, so new people are inserted linked to theirs.
    const newAccounts = plan.rows.filter((r) => r.account.kind === 'create' && r.account.userId);
    for (const batch of chunks(newAccounts)) {
      await tx.insert(users).values(
        batch.map((r) => ({
          id: r.account.userId!,
          orgId,
          email: r.values.email.toLowerCase(),
          name: r.values.name,
          passwordHash: null,
          locale: r.values.locale ?? defaultLocale,
        })),
      );
    }
    const creates = plan.rows.filter((r) => r.action === 'create');
    for (const batch of chunks(creates)) {
      await tx.insert(employees).values(
        batch.map((r) => ({
          id: r.employeeId,
          orgId,
          userId: r.account.kind === 'none' ? null : r.account.userId,
          name: r.values.name,
          email: r.values.email,
          jobTitle: r.values.jobTitle,
          department: r.values.department,
          managerId: null,
          hireDate: r.values.hireDate,
          employeeNumber: r.values.employeeNumber,
          locale: r.values.locale,
          deactivatedAt: r.values.isActive ? null : at,
          createdAt: at,
          updatedAt: at,
        })),
      );
      step(batch.length);
    }
    const personFields = new Set([
      'employeeNumber',
      'email',
      'name',
      'jobTitle',
      'department',
      'managerId',
      'hireDate',
      'locale',
      'isActive',
      'account',
    ]);
    const updates = plan.rows.filter(
      (r) =>
        r.action !== 'create' &&
        r.changes.some((c) => personFields.has(c) && !(c === 'isActive' && !r.values.isActive)),
    );
    for (const batch of chunks(updates)) {
      const values = batch.map((r) => ({
        id: r.employeeId,
        employee_number: r.values.employeeNumber,
        email: r.values.email,
        name: r.values.name,
        job_title: r.values.jobTitle,
        department: r.values.department,
        manager_id: r.values.managerId,
        hire_date: r.values.hireDate,
        locale: r.values.locale,
        user_id: r.account.kind === 'link' || r.account.kind === 'create' ? r.account.userId : null,
        is_active: r.values.isActive,
      }));
      await tx.execute(sql`
        update employees as e set
          employee_number = v.employee_number, email = v.email, name = v.name, job_title = v.job_title,
          department = v.department, manager_id = v.manager_id, hire_date = v.hire_date, locale = v.locale,
          user_id = coalesce(v.user_id, e.user_id),
          deactivated_at = case when v.is_active then null else e.deactivated_at end,
          updated_at = ${at.toISOString()}
        from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(
          id uuid, employee_number text, email text, name text, job_title text, department text, manager_id uuid,
          hire_date date, locale text, user_id uuid, is_active boolean)
        where e.org_id = ${orgId} and e.id = v.id`);
    }
    // Second pass: the managers of new people, now that everyone exists.
    const managed = creates.filter((r) => r.values.managerId);
    for (const batch of chunks(managed)) {
      const values = batch.map((r) => ({ id: r.employeeId, manager_id: r.values.managerId }));
      await tx.execute(sql`
        update employees as e set manager_id = v.manager_id
        from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(id uuid, manager_id uuid)
        where e.org_id = ${orgId} and e.id = v.id`);
    }
    // Roles: the file's (or the default) plus manager for whoever manages someone.
    const withRoles = plan.rows.filter((r) => r.account.roles && r.account.userId);
    for (const batch of chunks(withRoles)) {
      const ids = batch.map((r) => r.account.userId!);
      await tx
        .delete(roleMemberships)
        .where(and(eq(roleMemberships.orgId, orgId), inArray(roleMemberships.userId, ids)));
      const memberships = batch.flatMap((r) =>
        r.account.roles!.map((role) => ({ orgId, userId: r.account.userId!, role })),
      );
      if (memberships.length) await tx.insert(roleMemberships).values(memberships);
    }
    const enabling = plan.rows
      .filter((r) => r.account.isEnabling && r.account.userId)
      .map((r) => r.account.userId!);
    for (const batch of chunks(enabling))
      await tx
        .update(users)
        .set({ disabledAt: null })
        .where(and(eq(users.orgId, orgId), inArray(users.id, batch)));
    step(plan.rows.length - creates.length - plan.rows.filter((r) => r.action === 'deactivate').length);

    // Leavers: the rows marked inactive and, when asked, the people missing from the file.
    const leavers = [
      ...plan.rows.filter((r) => r.action === 'deactivate').map((r) => r.employeeId),
      ...plan.missing.map((m) => m.employeeId),
    ];
    let pausedPlans = 0;
    for (const employeeId of leavers) {
      const result = await deactivatePerson(tx, {
        orgId,
        employeeId,
        actor: { userId: importer.userId, name: importer.name },
        reason: 'directory import',
        at,
        meta,
      });
      pausedPlans += result.pausedPlanIds.length;
      step(1);
    }

    await appendAuditEvent(tx, meta, at, {
      orgId,
      actorUserId: importer.userId,
      action: 'directory.imported',
      entityType: 'directory_import',
      entityId: id,
      digest: {
        created: creates.length,
        updated: plan.counts.update,
        deactivated: leavers.length,
        accountsCreated: newAccounts.length,
        pausedPlans,
        changedEmployeeIds: [...creates, ...updates].map((r) => r.employeeId),
      },
    });
    const [applied] = await tx
      .update(directoryImports)
      .set({ appliedAt: at.toISOString(), appliedByUserId: importer.userId })
      .where(and(eq(directoryImports.orgId, orgId), eq(directoryImports.id, id)))
      .returning();
    return presentImport(applied);
  });
}
