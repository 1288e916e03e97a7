// The plan's dossier (signed plan + full record, PAdES-signed) and its weekly progress report, as audited downloads.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { loadPlanAggregate } from '../../db/repositories/plan-repository.ts';
import {
  adjustments,
  auditChainHeads,
  auditEvents,
  checkIns,
  feedbackRequests,
  organizations,
  planComments,
  planVersions,
  users,
} from '../../db/schema/index.ts';
import type { DossierRecord } from '../../documents/dossier.ts';
import { fileSlug } from '../../documents/file-slug.ts';
import type { ProgressReportCheckIn } from '../../documents/progress-report-pdf.ts';
import type { Actor } from '../../domain/access/actor.ts';
import { notFound } from '../../domain/errors.ts';
import type { PlanAggregate } from '../../domain/plan/aggregate.ts';
import { todayIn } from '../../domain/plan/dates.ts';
import type { PlanDocument } from '../../domain/plan/plan-document.ts';
import { mondayOf } from '../../domain/plan/schedule.ts';
import { currentSignatures } from '../../domain/plan/signatures.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { loadLogo } from '../organization/logo.ts';
import { requirePlan } from '../plans/plan-access.ts';
import { organizationTimezone, readPlanAs } from '../plans/present-plan.ts';
import { answeredQuestionText, feedbackQuestions } from '../running/feedback-questions.ts';
import { loadProgress } from '../running/load-progress.ts';
import { documentExtras } from './document-extras.ts';

const iso = (value: string): string => new Date(value).toISOString();
const isoOrNull = (value: string | null): string | null => (value === null ? null : iso(value));

/**
 * The plan as it was at a stored version: its text from the version's snapshot, its progress (activity status,
 * ticks, measurements) and signatures as they are now. The snapshot is `planDocument` of that version.
 */
export function aggregateAtVersion(
  agg: PlanAggregate,
  version: number,
  snapshot: PlanDocument,
): PlanAggregate {
  const activityNow = new Map(agg.activities.map((a) => [a.id, a]));
  const criterionNow = new Map(agg.successCriteria.map((c) => [c.id, c]));
  return {
    ...agg,
    plan: {
      ...agg.plan,
      version,
      locale: snapshot.locale,
      templateId: snapshot.template.id,
      templateVersion: snapshot.template.version,
      employeeId: snapshot.employeeId,
      header: snapshot.header,
      startDate: snapshot.startDate,
      endDate: snapshot.endDate,
      durationWeeks: snapshot.durationWeeks,
      managerUserId: snapshot.managerUserId,
      hrRepUserId: snapshot.hrRepUserId,
      mentorUserId: snapshot.mentorUserId,
      content: { ...agg.plan.content, ...snapshot.content },
    },
    focusAreas: snapshot.focusAreas,
    metrics: snapshot.metrics.map((m, position) => ({ ...m, position })),
    activities: snapshot.activities.map((a, position) => {
      const now = activityNow.get(a.id);
      return {
        ...a,
        position: now?.position ?? position,
        status: now?.status ?? 'todo',
        evidence: now?.evidence ?? null,
        completedAt: now?.completedAt ?? null,
      };
    }),
    successCriteria: snapshot.successCriteria.map((c, position) => {
      const now = criterionNow.get(c.id);
      return {
        ...c,
        position,
        isMet: now?.isMet ?? false,
        checkedByUserId: now?.checkedByUserId ?? null,
        checkedAt: now?.checkedAt ?? null,
      };
    }),
    contacts: snapshot.contacts,
  };
}

/** The version the dossier shows: the newest one signed (not refused) since the last major change, else the current. */
function shownVersionOf(agg: PlanAggregate): number {
  const signed = currentSignatures(agg.signatures, agg.plan.majorVersion)
    .filter((s) => !s.isRefused)
    .map((s) => s.version);
  return signed.length ? Math.max(...signed) : agg.plan.version;
}

async function namesOf(
  tx: Tx,
  orgId: string,
  ids: (string | null)[],
): Promise<(id: string | null) => string | null> {
  const unique = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  const rows = unique.length
    ? await tx
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(and(eq(users.orgId, orgId), inArray(users.id, unique)))
    : [];
  const byId = new Map(rows.map((r) => [r.id, r.name]));
  return (id) => (id ? (byId.get(id) ?? null) : null);
}

/** Reads everything the dossier states, inside the caller's transaction, after its own download was audited. */
async function dossierRecord(tx: Tx, actor: Actor, agg: PlanAggregate, now: Date) {
  const { plan } = agg;
  const byPlan = <T extends { orgId: unknown; planId: unknown }>(t: T) =>
    and(eq(t.orgId as never, actor.orgId), eq(t.planId as never, plan.id));
  const versionRows = await tx
    .select()
    .from(planVersions)
    .where(byPlan(planVersions))
    .orderBy(asc(planVersions.version));
  const adjustmentRows = await tx
    .select()
    .from(adjustments)
    .where(byPlan(adjustments))
    .orderBy(asc(adjustments.createdAt));
  // Private notes are never selected: the dossier goes to people who may not read them.
  const checkInRows = await tx
    .select({
      type: checkIns.type,
      status: checkIns.status,
      scheduledAt: checkIns.scheduledAt,
      heldAt: checkIns.heldAt,
      durationMinutes: checkIns.durationMinutes,
      attendees: checkIns.attendees,
      notes: checkIns.notes,
      employeeComments: checkIns.employeeComments,
      ratings: checkIns.ratings,
      overallRating: checkIns.overallRating,
      summary: checkIns.summary,
      actionItems: checkIns.actionItems,
      reason: checkIns.reason,
    })
    .from(checkIns)
    .where(byPlan(checkIns))
    .orderBy(asc(checkIns.scheduledAt));
  const feedbackRows = await tx
    .select({
      kind: feedbackRequests.kind,
      name: feedbackRequests.name,
      isAnonymous: feedbackRequests.isAnonymous,
      expiresAt: feedbackRequests.expiresAt,
      usedAt: feedbackRequests.usedAt,
      answers: feedbackRequests.answers,
      questions: feedbackRequests.questions,
      createdAt: feedbackRequests.createdAt,
    })
    .from(feedbackRequests)
    .where(byPlan(feedbackRequests))
    .orderBy(asc(feedbackRequests.createdAt));
  const commentRows = await tx
    .select()
    .from(planComments)
    .where(byPlan(planComments))
    .orderBy(asc(planComments.createdAt));
  const eventRows = await tx
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, actor.orgId), eq(auditEvents.chain, plan.id)))
    .orderBy(asc(auditEvents.seq));
  const [head] = await tx
    .select({ seq: auditChainHeads.seq, hash: auditChainHeads.hash })
    .from(auditChainHeads)
    .where(and(eq(auditChainHeads.orgId, actor.orgId), eq(auditChainHeads.chain, plan.id)));
  const [organization] = await tx
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, actor.orgId));
  const name = await namesOf(tx, actor.orgId, [
    ...versionRows.map((v) => v.createdByUserId),
    ...adjustmentRows.flatMap((a) => [a.proposedByUserId, a.decidedByUserId]),
    ...eventRows.map((e) => e.actorUserId),
  ]);

  const shownVersion = shownVersionOf(agg);
  const signedVersions = new Set([shownVersion, ...agg.signatures.map((s) => s.version)]);
  const areaTitle = new Map(agg.focusAreas.map((a) => [a.id, a.title]));
  const metricOf = new Map(agg.metrics.map((m) => [m.id, m]));
  const record: DossierRecord = {
    format: 'mejora.dossier/1',
    generatedAt: now.toISOString(),
    generatedByName: actor.name,
    organization: { id: actor.orgId, name: organization?.name ?? plan.header.organizationName },
    plan: {
      id: plan.id,
      status: plan.status,
      locale: plan.locale,
      version: plan.version,
      majorVersion: plan.majorVersion,
      shownVersion,
      employeeName: plan.header.employeeName,
      position: plan.header.position,
      department: plan.header.department,
      managerName: plan.header.managerName,
      hrRepName: plan.header.hrRepName,
      startDate: plan.startDate,
      endDate: plan.endDate,
      createdAt: iso(plan.createdAt),
      closedAt: isoOrNull(plan.closedAt),
    },
    versions: versionRows.map((v) => ({
      version: v.version,
      documentHash: v.documentHash,
      reason: v.reason,
      createdAt: iso(v.createdAt),
      createdByName: name(v.createdByUserId),
      snapshot: signedVersions.has(v.version) ? v.snapshot : null,
    })),
    adjustments: adjustmentRows.map((a) => ({
      kind: a.kind,
      status: a.status,
      reason: a.reason,
      summary: a.summary,
      proposedByName: name(a.proposedByUserId),
      decidedByName: name(a.decidedByUserId),
      decisionReason: a.decisionReason,
      fromVersion: a.fromVersion,
      toVersion: a.toVersion,
      createdAt: iso(a.createdAt),
      decidedAt: isoOrNull(a.decidedAt),
    })),
    signatures: agg.signatures.map((s) => ({
      role: s.role,
      signerName: s.signerName,
      typedName: s.typedName,
      version: s.version,
      documentHash: s.documentHash,
      clauses: s.clauses,
      isRefused: s.isRefused,
      response: s.response,
      witnessName: s.witnessName,
      witnessStatement: s.witnessStatement,
      witnessedAt: isoOrNull(s.witnessedAt),
      ip: s.ip,
      userAgent: s.userAgent,
      signedAt: iso(s.signedAt),
    })),
    checkIns: checkInRows.map((c) => ({
      type: c.type,
      status: c.status,
      scheduledAt: iso(c.scheduledAt),
      heldAt: isoOrNull(c.heldAt),
      durationMinutes: c.durationMinutes,
      attendees: c.attendees,
      notes: c.notes,
      employeeComments: c.employeeComments,
      ratings: c.ratings.map((r) => ({
        focusArea: areaTitle.get(r.focusAreaId) ?? r.focusAreaId,
        rating: r.rating,
        status: r.status,
      })),
      overallRating: c.overallRating,
      summary: c.summary,
      actionItems: c.actionItems.map((a) => ({ text: a.text, dueDate: a.dueDate, isDone: a.isDone })),
      reason: c.reason,
    })),
    measurements: agg.measurements.map((m) => ({
      metric: metricOf.get(m.metricId)?.name ?? m.metricId,
      unit: metricOf.get(m.metricId)?.unit ?? '',
      date: m.date,
      value: m.value,
      source: m.source,
      note: m.note,
    })),
    feedback: feedbackRows.map((f) => {
      const isAnswered = f.usedAt !== null && f.answers !== null;
      const questions = feedbackQuestions(plan.locale, f.kind, plan.header.employeeName, [], f.questions);
      return {
        kind: f.kind,
        giverName: f.isAnonymous ? null : f.name,
        isAnonymous: f.isAnonymous,
        status: isAnswered ? 'answered' : new Date(f.expiresAt) < now ? 'expired' : 'pending',
        requestedAt: iso(f.createdAt),
        answeredAt: isAnswered ? isoOrNull(f.usedAt) : null,
        answers: (f.answers ?? []).map((a) => ({
          questionId: a.questionId,
          question: answeredQuestionText(a.questionId, questions, agg.focusAreas),
          rating: a.rating ?? null,
          comment: a.comment ?? null,
        })),
      };
    }),
    comments: commentRows.map((c) => ({
      authorName: c.authorName,
      kind: c.kind,
      body: c.body,
      createdAt: iso(c.createdAt),
    })),
    outcome: plan.outcome,
    audit: {
      events: eventRows.map((e) => ({
        orgId: e.orgId,
        chain: e.chain,
        seq: e.seq,
        actorUserId: e.actorUserId,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId,
        planId: e.planId,
        at: iso(e.at),
        requestId: e.requestId,
        ip: e.ip,
        userAgent: e.userAgent,
        digest: e.digest,
        prevHash: e.prevHash,
        hash: e.hash,
        actorName: name(e.actorUserId),
      })),
      head: head ? { seq: head.seq, hash: head.hash } : null,
    },
  };
  const shown = versionRows.find((v) => v.version === shownVersion);
  return { record, shownSnapshot: (shown?.snapshot ?? null) as PlanDocument | null };
}

/** The dossier of a plan, for HR and auditors; the download is recorded in the plan's audit chain first. */
export async function renderPlanDossier(
  ctx: ServiceContext,
  planId: string,
): Promise<{ fileName: string; body: Buffer }> {
  const { deps, actor, meta } = ctx;
  const { plan, record, extras } = await inTransaction(deps, async (tx) => {
    await requirePlan(tx, actor, planId, 'plan.read_audit');
    const aggregate = await loadPlanAggregate(tx, actor.orgId, planId);
    if (!aggregate) throw notFound('Plan');
    const now = deps.now();
    await appendAuditEvent(tx, meta, now, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: 'plan.dossier_downloaded',
      entityType: 'document',
      entityId: `${planId}.dossier.pdf`,
      planId,
      digest: { version: aggregate.plan.version },
    });
    const { record, shownSnapshot } = await dossierRecord(tx, actor, aggregate, now);
    const shown =
      shownSnapshot && record.plan.shownVersion !== aggregate.plan.version
        ? aggregateAtVersion(aggregate, record.plan.shownVersion, shownSnapshot)
        : aggregate;
    const today = todayIn(await organizationTimezone(tx, actor.orgId), now);
    return { plan: readPlanAs(actor, shown, today), record, extras: await documentExtras(tx, aggregate) };
  });
  // Rendering and signing take a while: they run after the transaction, holding no connection.
  const [{ renderDossierPdf }, { loadOrganizationCertificate }, { readSigningConfig }] = await Promise.all([
    import('../../documents/dossier.ts'),
    import('../../documents/signing/organization-certificate.ts'),
    import('../../documents/signing/signing-config.ts'),
  ]);
  const signing = readSigningConfig();
  const certificate = await loadOrganizationCertificate({
    dataDir: deps.config.dataDir,
    config: signing,
    organizationName: record.organization.name,
  });
  const body = await renderDossierPdf(plan, record, {
    extras,
    logo: (await loadLogo(deps.database.db, actor.orgId))?.image ?? null,
    signing: {
      certificate,
      tsaUrl: signing.tsaUrl,
      signerName: record.organization.name,
      reason: `Dossier of the performance improvement plan ${planId}`,
      contactInfo: '',
      signingTime: new Date(record.generatedAt),
    },
  });
  return { fileName: `dossier-${fileSlug(record.plan.employeeName)}-v${record.plan.shownVersion}.pdf`, body };
}

/** The weekly progress report of a plan, for its manager and HR; the week (Monday to Sunday) defaults to this one. */
export async function renderProgressReport(
  ctx: ServiceContext,
  planId: string,
  weekOf?: string,
): Promise<{ fileName: string; body: Buffer }> {
  const { deps, actor, meta } = ctx;
  const input = await inTransaction(deps, async (tx) => {
    const plan = await requirePlan(tx, actor, planId, 'plan.read_private');
    const now = deps.now();
    const today = todayIn(await organizationTimezone(tx, actor.orgId), now);
    const weekStart = mondayOf(weekOf ?? today);
    await appendAuditEvent(tx, meta, now, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: 'plan.progress_report_downloaded',
      entityType: 'document',
      entityId: `${planId}.progress-report.pdf`,
      planId,
      digest: { version: plan.version, weekStart },
    });
    const { aggregate, checkIns: rows, progress } = await loadProgress(tx, plan, now, today);
    // Only what the report prints is taken from the check-ins: never their private notes.
    const checkInsOfPlan: ProgressReportCheckIn[] = rows.map((r) => ({
      type: r.type,
      status: r.status,
      scheduledAt: iso(r.scheduledAt),
      heldAt: isoOrNull(r.heldAt),
      overallRating: r.overallRating,
      summary: r.summary,
    }));
    return {
      plan: readPlanAs(actor, aggregate, today),
      weekStart,
      today,
      generatedAt: now.toISOString(),
      checkIns: checkInsOfPlan,
      riskFlags: progress.riskFlags,
    };
  });
  const { renderProgressReportPdf } = await import('../../documents/progress-report-pdf.ts');
  return {
    fileName: `progress-${fileSlug(input.plan.header.employeeName)}-${input.weekStart}.pdf`,
    body: await renderProgressReportPdf(input),
  };
}
