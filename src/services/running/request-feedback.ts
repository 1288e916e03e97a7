// Manager or HR asks a named peer or customer for feedback through a one-time link; the plan lists the answers.
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { feedbackRequestSchema } from '../../contracts/running.ts';
import { findPlanRow } from '../../db/repositories/plan-repository.ts';
import { feedbackRequests, focusAreas, metrics } from '../../db/schema/index.ts';
import type { Actor } from '../../domain/access/actor.ts';
import { conflict, invalidField, notFound } from '../../domain/errors.ts';
import type { PlanRow } from '../../domain/plan/aggregate.ts';
import {
  describeConversion,
  type RatingConversion,
  ratingConversionProblem,
} from '../../domain/plan/rating-scale.ts';
import { localDateTime } from '../../domain/plan/schedule.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { feedbackLinkPlaceholder, formatDay } from '../email/templates.ts';
import { writeEmail } from '../email/write-email.ts';
import { requirePlan, requireRead } from '../plans/plan-access.ts';
import { organizationTimezone } from '../plans/present-plan.ts';
import { answeredQuestionText, feedbackQuestions, type WrittenQuestion } from './feedback-questions.ts';
import { feedbackToken, feedbackTokenHash } from './secret-links.ts';

export type FeedbackRequestView = z.infer<typeof feedbackRequestSchema>;
type FeedbackRow = typeof feedbackRequests.$inferSelect;
type LinkedMetric = { id: string; name: string; unit: string; baseline: number; target: number };

/** Links expire after fourteen days. */
export const feedbackLinkDays = 14;

export type FeedbackRequestInput = {
  name: string;
  email: string;
  kind: 'peer' | 'customer';
  anonymous: boolean;
  metricId?: string | null;
  questions?: WrittenQuestion[];
  conversion?: RatingConversion | null;
};

export async function requestFeedback(
  ctx: ServiceContext,
  planId: string,
  input: FeedbackRequestInput,
): Promise<FeedbackRequestView> {
  const { deps, actor, meta } = ctx;
  const view = await inTransaction(deps, async (tx) => {
    const plan = await requirePlan(tx, actor, planId, 'plan.request_feedback', { isWrite: true });
    if (plan.status !== 'active')
      throw conflict(`Feedback is requested on an active plan; this one is ${plan.status}`, []);
    const conversion = input.conversion ?? null;
    let metric: LinkedMetric | null = null;
    if (input.metricId) {
      [metric] = await tx
        .select({
          id: metrics.id,
          name: metrics.name,
          unit: metrics.unit,
          baseline: metrics.baseline,
          target: metrics.target,
        })
        .from(metrics)
        .where(
          and(eq(metrics.orgId, plan.orgId), eq(metrics.planId, planId), eq(metrics.id, input.metricId)),
        );
      if (!metric) throw invalidField('body/metricId', 'no metric of this plan has this id');
      // A rating feeds only a metric on its own 1–5 scale, or through the conversion set here.
      const problem = ratingConversionProblem(metric, conversion);
      if (problem) throw invalidField(`body/${problem.field}`, problem.message);
    } else if (conversion) {
      throw invalidField('body/conversion', 'a conversion needs the metric it feeds (metricId)');
    }
    const now = deps.now();
    const id = randomUUID();
    const expiresAt = new Date(now.getTime() + feedbackLinkDays * 86_400_000);
    const [row] = await tx
      .insert(feedbackRequests)
      .values({
        id,
        orgId: plan.orgId,
        planId,
        kind: input.kind,
        name: input.name,
        email: input.email.trim(),
        isAnonymous: input.anonymous,
        tokenHash: feedbackTokenHash(feedbackToken(deps.config.secret, id)),
        metricId: input.metricId ?? null,
        questions: input.questions?.length ? input.questions : null,
        metricConversion: metric ? conversion : null,
        requestedByUserId: actor.userId,
        expiresAt: expiresAt.toISOString(),
        createdAt: now.toISOString(),
      })
      .returning();
    const timeZone = await organizationTimezone(tx, plan.orgId);
    // The giver has no account: the email speaks the plan's language.
    await writeEmail(tx, {
      orgId: plan.orgId,
      toEmail: row.email,
      locale: plan.locale,
      dedupeKey: `feedback.requested:${id}`,
      kind: 'feedback.requested',
      at: now,
      params: {
        recipientName: input.name,
        employeeName: plan.header.employeeName,
        organizationName: plan.header.organizationName,
        link: feedbackLinkPlaceholder(id),
        expiresOn: formatDay(localDateTime(expiresAt, timeZone).date, plan.locale),
      },
    });
    await appendAuditEvent(tx, meta, now, {
      orgId: plan.orgId,
      actorUserId: actor.userId,
      action: 'feedback.requested',
      entityType: 'feedback_request',
      entityId: id,
      planId,
      digest: {
        kind: input.kind,
        isAnonymous: input.anonymous,
        hasMetric: Boolean(input.metricId),
        writtenQuestions: input.questions?.length ?? 0,
        ...(metric ? { conversion: describeConversion(conversion, metric.unit) } : {}),
      },
    });
    return presentFeedbackRequest(actor, plan, row, [], now, metric ? [metric] : []);
  });
  deps.afterCommit?.('outbox');
  return view;
}

export async function listFeedbackRequests(
  ctx: ServiceContext,
  planId: string,
): Promise<FeedbackRequestView[]> {
  const { deps, actor, meta } = ctx;
  const db = deps.database.db;
  const plan = await findPlanRow(db, actor.orgId, planId);
  requireRead(actor, plan, 'plan.read');
  if (!plan) throw notFound('Plan');
  const rows = await db
    .select()
    .from(feedbackRequests)
    .where(and(eq(feedbackRequests.orgId, actor.orgId), eq(feedbackRequests.planId, planId)))
    .orderBy(asc(feedbackRequests.createdAt));
  const areas = await db
    .select({ id: focusAreas.id, title: focusAreas.title })
    .from(focusAreas)
    .where(and(eq(focusAreas.orgId, actor.orgId), eq(focusAreas.planId, planId)))
    .orderBy(asc(focusAreas.position));
  const planMetrics = await db
    .select({ id: metrics.id, unit: metrics.unit })
    .from(metrics)
    .where(and(eq(metrics.orgId, actor.orgId), eq(metrics.planId, planId)));
  const now = deps.now();
  await inTransaction(deps, (tx) =>
    appendAuditEvent(tx, meta, now, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: 'feedback.viewed',
      entityType: 'plan',
      entityId: planId,
      planId,
      digest: { count: rows.length },
    }),
  );
  return rows.map((row) => presentFeedbackRequest(actor, plan, row, areas, now, planMetrics));
}

/** The employee never learns who gave anonymous feedback; manager and HR do. */
export function presentFeedbackRequest(
  actor: Actor,
  plan: PlanRow,
  row: FeedbackRow,
  areas: { id: string; title: string }[],
  now: Date,
  planMetrics: { id: string; unit: string }[],
): FeedbackRequestView {
  const metric = planMetrics.find((m) => m.id === row.metricId);
  const isHidden = row.isAnonymous && actor.userId === plan.employeeUserId;
  const questions = feedbackQuestions(plan.locale, row.kind, plan.header.employeeName, [], row.questions);
  const expiresAt = new Date(row.expiresAt);
  return {
    id: row.id,
    planId: row.planId,
    kind: row.kind,
    name: isHidden ? null : row.name,
    email: isHidden ? null : row.email,
    isAnonymous: row.isAnonymous,
    metricId: row.metricId,
    questions: questions.map(({ id, kind, text }) => ({ id, kind, text })),
    conversion: row.metricConversion ?? null,
    conversionText: metric ? describeConversion(row.metricConversion ?? null, metric.unit) : null,
    status: row.usedAt ? 'answered' : expiresAt.getTime() <= now.getTime() ? 'expired' : 'pending',
    expiresAt: expiresAt.toISOString(),
    answeredAt: row.usedAt ? new Date(row.usedAt).toISOString() : null,
    createdAt: new Date(row.createdAt).toISOString(),
    answers: row.answers
      ? row.answers.map((a) => ({
          questionId: a.questionId,
          question: answeredQuestionText(a.questionId, questions, areas),
          rating: a.rating ?? null,
          comment: a.comment ?? null,
        }))
      : null,
  };
}
