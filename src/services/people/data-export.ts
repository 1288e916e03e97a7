// A person's data on request (GDPR access, art. 15): everything Mejora holds about one person, as one zip with a
// JSON index — their account, their directory record, the plans they are the subject of (each as JSON and PDF),
// what they wrote, their notifications and the audit events about them. Other people appear only as the names the
// person's own record carries; other people's addresses, devices and sessions never do.
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { ZipArchive } from 'archiver';
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import { loadPlanAggregate } from '../../db/repositories/plan-repository.ts';
import {
  apiTokens,
  auditEvents,
  employees,
  notifications,
  planComments,
  plans,
  roleMemberships,
  sessions,
  signatures,
  users,
} from '../../db/schema/index.ts';
import { fileSlug } from '../../documents/file-slug.ts';
import { canOnEmployee } from '../../domain/access/policy.ts';
import { notFound } from '../../domain/errors.ts';
import { todayIn } from '../../domain/plan/dates.ts';
import { appendActorEvent } from '../audit/append-audit-event.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { loadLogo } from '../organization/logo.ts';
import { organizationTimezone, presentPlan } from '../plans/present-plan.ts';

export type DataExport = { fileName: string; body: Buffer; files: string[] };

/** Builds the zip; the caller sends it. Refuses (404) anyone but an HR administrator of the person's organisation. */
export async function exportPersonData(ctx: ServiceContext, employeeId: string): Promise<DataExport> {
  const { deps, actor } = ctx;
  const db = deps.database.db;
  const [person] = await db
    .select()
    .from(employees)
    .where(and(eq(employees.orgId, actor.orgId), eq(employees.id, employeeId)));
  if (
    !person ||
    !canOnEmployee(actor, 'employee.export_data', {
      orgId: person.orgId,
      employeeId: person.id,
      userId: person.userId,
      managerId: person.managerId,
    })
  )
    throw notFound('Employee');

  const userId = person.userId;
  const [account] = userId
    ? await db
        .select({
          id: users.id,
          email: users.email,
          name: users.name,
          locale: users.locale,
          isEmailOptOut: users.isEmailOptOut,
          createdAt: users.createdAt,
          disabledAt: users.disabledAt,
        })
        .from(users)
        .where(and(eq(users.orgId, actor.orgId), eq(users.id, userId)))
    : [];
  const byUser = <T>(rows: () => Promise<T[]>): Promise<T[]> => (userId ? rows() : Promise.resolve([]));
  const [roles, sessionRows, tokenRows, notificationRows, commentRows, signatureRows, planRows] =
    await Promise.all([
      byUser(() =>
        db
          .select({ role: roleMemberships.role })
          .from(roleMemberships)
          .where(and(eq(roleMemberships.orgId, actor.orgId), eq(roleMemberships.userId, userId!))),
      ),
      byUser(() =>
        db
          .select({
            createdAt: sessions.createdAt,
            lastSeenAt: sessions.lastSeenAt,
            expiresAt: sessions.expiresAt,
            revokedAt: sessions.revokedAt,
          })
          .from(sessions)
          .where(and(eq(sessions.orgId, actor.orgId), eq(sessions.userId, userId!)))
          .orderBy(asc(sessions.createdAt)),
      ),
      byUser(() =>
        db
          .select({
            name: apiTokens.name,
            createdAt: apiTokens.createdAt,
            lastUsedAt: apiTokens.lastUsedAt,
            revokedAt: apiTokens.revokedAt,
          })
          .from(apiTokens)
          .where(and(eq(apiTokens.orgId, actor.orgId), eq(apiTokens.userId, userId!))),
      ),
      byUser(() =>
        db
          .select()
          .from(notifications)
          .where(and(eq(notifications.orgId, actor.orgId), eq(notifications.userId, userId!))),
      ),
      byUser(() =>
        db
          .select({
            planId: planComments.planId,
            kind: planComments.kind,
            body: planComments.body,
            createdAt: planComments.createdAt,
          })
          .from(planComments)
          .where(and(eq(planComments.orgId, actor.orgId), eq(planComments.authorUserId, userId!)))
          .orderBy(asc(planComments.createdAt)),
      ),
      byUser(() =>
        db
          .select({
            planId: signatures.planId,
            version: signatures.version,
            role: signatures.role,
            typedName: signatures.typedName,
            isRefused: signatures.isRefused,
            response: signatures.response,
            signedAt: signatures.signedAt,
            ip: signatures.ip,
            userAgent: signatures.userAgent,
          })
          .from(signatures)
          .where(and(eq(signatures.orgId, actor.orgId), eq(signatures.userId, userId!))),
      ),
      db
        .select({ id: plans.id })
        .from(plans)
        .where(and(eq(plans.orgId, actor.orgId), eq(plans.employeeId, person.id)))
        .orderBy(asc(plans.createdAt)),
    ]);
  const planIds = planRows.map((p) => p.id);

  // Events about the person: what they did, what was done to their records, and the history of their plans. Of
  // events done by someone else, only what happened and when: not who, from which address or device.
  const about = [eq(auditEvents.entityId, person.id)];
  if (userId) about.push(eq(auditEvents.actorUserId, userId), eq(auditEvents.entityId, userId));
  if (planIds.length > 0) about.push(inArray(auditEvents.planId, planIds));
  const eventRows = await db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, actor.orgId), or(...about)))
    .orderBy(asc(auditEvents.chain), asc(auditEvents.seq));
  const events = eventRows.map((e) => {
    const isTheirs = userId !== null && e.actorUserId === userId;
    return {
      chain: e.chain === 'org' ? 'organisation' : 'plan',
      planId: e.planId,
      seq: e.seq,
      at: e.at,
      action: e.action,
      entityType: e.entityType,
      byThePerson: isTheirs,
      ...(isTheirs ? { ip: e.ip, userAgent: e.userAgent } : {}),
      hash: e.hash,
    };
  });

  const timezone = await organizationTimezone(db, actor.orgId);
  const today = todayIn(timezone, deps.now());
  const logo = await loadLogo(db, actor.orgId);
  const { renderPlanPdf } = await import('../../documents/plan-pdf.ts');
  const files: { name: string; body: Buffer | string }[] = [];
  const planEntries: { id: string; status: string; startDate: string; endDate: string; files: string[] }[] =
    [];
  for (const planId of planIds) {
    const aggregate = await loadPlanAggregate(db, actor.orgId, planId);
    if (!aggregate) continue;
    const view = presentPlan(actor, aggregate, today);
    const json = `plans/${planId}.json`;
    const pdf = `plans/${planId}.pdf`;
    files.push({ name: json, body: JSON.stringify(view, null, 2) });
    files.push({
      name: pdf,
      body: await renderPlanPdf(view, {
        organizationName: view.header.organizationName,
        locale: view.locale,
        logo: logo?.image ?? null,
      }),
    });
    planEntries.push({
      id: planId,
      status: view.status,
      startDate: aggregate.plan.startDate,
      endDate: aggregate.plan.endDate,
      files: [json, pdf],
    });
  }

  const personFile = {
    directoryRecord: {
      id: person.id,
      name: person.name,
      email: person.email,
      employeeNumber: person.employeeNumber,
      jobTitle: person.jobTitle,
      department: person.department,
      managerId: person.managerId,
      hireDate: person.hireDate,
      locale: person.locale,
      deactivatedAt: person.deactivatedAt,
      createdAt: person.createdAt,
      updatedAt: person.updatedAt,
    },
    account: account ? { ...account, roles: roles.map((r) => r.role).sort() } : null,
    sessions: sessionRows,
    apiTokens: tokenRows,
  };
  files.unshift(
    { name: 'person.json', body: JSON.stringify(personFile, null, 2) },
    {
      name: 'written-by-the-person.json',
      body: JSON.stringify({ comments: commentRows, signatures: signatureRows }, null, 2),
    },
    { name: 'notifications.json', body: JSON.stringify(notificationRows, null, 2) },
    { name: 'audit-events.json', body: JSON.stringify(events, null, 2) },
  );
  const exportedAt = deps.now().toISOString();
  const index = {
    kind: 'mejora.person-data-export',
    version: 1,
    exportedAt,
    exportedBy: { userId: actor.userId, name: actor.name },
    person: { employeeId: person.id, userId, name: person.name },
    note: 'Everything Mejora holds about this person. Plans are included as HR sees them, with the notes written for the manager and HR; review them before handing the file over.',
    files: [
      { name: 'person.json', holds: 'directory record, account, roles, sessions and API tokens' },
      { name: 'written-by-the-person.json', holds: 'comments, responses and signatures the person made' },
      { name: 'notifications.json', holds: 'in-app notifications sent to the person' },
      { name: 'audit-events.json', holds: 'audit events about the person and their plans' },
    ],
    plans: planEntries,
    counts: {
      plans: planEntries.length,
      comments: commentRows.length,
      signatures: signatureRows.length,
      notifications: notificationRows.length,
      auditEvents: events.length,
    },
  };
  files.unshift({ name: 'index.json', body: JSON.stringify(index, null, 2) });

  const body = await zip(files);
  // The export is a read of each plan and of the person's record: both are audited once the file exists.
  await inTransaction(deps, async (tx) => {
    for (const planId of planIds) {
      await appendActorEvent(tx, ctx, {
        action: 'plan.exported_for_data_request',
        entityType: 'plan',
        entityId: planId,
        planId,
        digest: { employeeId: person.id },
      });
    }
    await appendActorEvent(tx, ctx, {
      action: 'employee.data_exported',
      entityType: 'employee',
      entityId: person.id,
      digest: { files: files.length, plans: planIds.length },
    });
  });
  return {
    fileName: `personal-data-${fileSlug(person.name)}-${exportedAt.slice(0, 10)}.zip`,
    body,
    files: files.map((f) => f.name),
  };
}

async function zip(files: { name: string; body: Buffer | string }[]): Promise<Buffer> {
  const archive = new ZipArchive({ zlib: { level: 6 } });
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = once(sink, 'end');
  const failed = new Promise<never>((_, reject) => archive.on('error', reject));
  archive.pipe(sink);
  for (const file of files) archive.append(file.body, { name: file.name });
  await Promise.race([archive.finalize(), failed]);
  await Promise.race([ended, failed]);
  return Buffer.concat(chunks);
}
