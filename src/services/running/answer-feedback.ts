// The public side of a feedback link: the form behind it and the one submission it accepts.
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { feedbackSubmitBody, publicFeedbackSchema } from '../../contracts/running.ts';
import type { Executor } from '../../db/client.ts';
import { findPlanRow } from '../../db/repositories/plan-repository.ts';
import { type FeedbackAnswer, feedbackRequests, measurements, notifications } from '../../db/schema/index.ts';
import { DomainError, invalidField, notFound } from '../../domain/errors.ts';
import type { PlanRow } from '../../domain/plan/aggregate.ts';
import { daysBetween, todayIn } from '../../domain/plan/dates.ts';
import { convertRating } from '../../domain/plan/rating-scale.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { type Deps, inTransaction, type RequestMeta } from '../context.ts';
import { organizationTimezone } from '../plans/present-plan.ts';
import {
  type FeedbackQuestion,
  feedbackIntro,
  feedbackQuestions,
  overallQuestionId,
} from './feedback-questions.ts';
import { hrOf } from './notify-person.ts';
import { refreshRiskFlags } from './risk-flags.ts';
import { feedbackTokenHash } from './secret-links.ts';

type FeedbackRow = typeof feedbackRequests.$inferSelect;
export type FeedbackForm = z.infer<typeof publicFeedbackSchema>;
export type FeedbackSubmission = z.infer<typeof feedbackSubmitBody>;

const tokenPattern = /^fb_[A-Za-z0-9_-]{43}$/;

const gone = (message: string) => new DomainError('gone', message);

/** Finds the request behind a token: 404 when there is none, 410 once used, expired or the plan ended. */
async function openRequest(
  db: Executor,
  deps: Deps,
  token: string,
  isLocking: boolean,
): Promise<{ row: FeedbackRow; plan: PlanRow; questions: FeedbackQuestion[] }> {
  if (!tokenPattern.test(token)) throw notFound('Feedback request');
  const query = db
    .select()
    .from(feedbackRequests)
    .where(eq(feedbackRequests.tokenHash, feedbackTokenHash(token)));
  const [row] = isLocking ? await query.for('update') : await query;
  if (!row) throw notFound('Feedback request');
  if (row.usedAt) throw gone('This feedback link was already used. Thank you.');
  if (new Date(row.expiresAt).getTime() <= deps.now().getTime())
    throw gone('This feedback link has expired.');
  const plan = await findPlanRow(db, row.orgId, row.planId);
  if (plan?.status !== 'active') throw gone('This plan no longer takes feedback.');
  // The colleague is asked only what the requester wrote (or neutral defaults): nothing of the plan's issues.
  return {
    row,
    plan,
    questions: feedbackQuestions(plan.locale, row.kind, plan.header.employeeName, [], row.questions),
  };
}

export async function getFeedbackForm(deps: Deps, token: string): Promise<FeedbackForm> {
  const { row, plan, questions } = await openRequest(deps.database.db, deps, token, false);
  return {
    kind: row.kind,
    locale: plan.locale,
    giverName: row.name,
    employeeName: plan.header.employeeName,
    organizationName: plan.header.organizationName,
    isAnonymous: row.isAnonymous,
    expiresAt: new Date(row.expiresAt).toISOString(),
    intro: feedbackIntro(
      plan.locale,
      row.name,
      plan.header.employeeName,
      plan.header.organizationName,
      row.isAnonymous,
    ),
    questions,
  };
}

function checkAnswers(
  questions: FeedbackQuestion[],
  answers: FeedbackSubmission['answers'],
): FeedbackAnswer[] {
  const seen = new Set<string>();
  const checked = answers.map((a, i) => {
    const question = questions.find((q) => q.id === a.questionId);
    if (!question) throw invalidField(`body/answers/${i}/questionId`, 'is not a question of this form');
    if (seen.has(a.questionId)) throw invalidField(`body/answers/${i}/questionId`, 'answered twice');
    seen.add(a.questionId);
    if (question.kind === 'comment' && a.rating != null) {
      throw invalidField(`body/answers/${i}/rating`, 'this question takes a comment, not a rating');
    }
    const comment = a.comment?.trim() || null;
    return { questionId: a.questionId, rating: a.rating ?? null, comment };
  });
  for (const question of questions.filter((q) => q.isRequired)) {
    const answer = checked.find((a) => a.questionId === question.id);
    if (!answer || (question.kind === 'rating' ? answer.rating == null : !answer.comment)) {
      const index = answer ? checked.indexOf(answer) : -1;
      throw invalidField(
        index >= 0 ? `body/answers/${index}/rating` : 'body/answers',
        `answer “${question.id}”: ${question.text}`,
      );
    }
  }
  return checked;
}

/**
 * Stores the answers once. The row is locked, so of two simultaneous submissions one wins and the other
 * gets 410. A rating that feeds a metric becomes a measurement dated today (converted into the metric's unit
 * as the requester set, never before the plan's start), without the giver's name.
 */
export async function submitFeedback(
  deps: Deps,
  meta: RequestMeta,
  token: string,
  submission: FeedbackSubmission,
): Promise<{ status: 'received' }> {
  // Validate before taking any lock: a bad form changes nothing.
  const preview = await openRequest(deps.database.db, deps, token, false);
  const answers = checkAnswers(preview.questions, submission.answers);
  await inTransaction(deps, async (tx) => {
    const { row, plan } = await openRequest(tx, deps, token, true);
    const now = deps.now();
    await tx
      .update(feedbackRequests)
      .set({ usedAt: now.toISOString(), answers })
      .where(eq(feedbackRequests.id, row.id));
    const overall = answers.find((a) => a.questionId === overallQuestionId)?.rating;
    const today = todayIn(await organizationTimezone(tx, plan.orgId), now);
    // Before the plan starts there is nothing to measure yet: the answers are kept, no measurement is made.
    const isMeasured = Boolean(row.metricId && overall != null && daysBetween(plan.startDate, today) >= 0);
    if (row.metricId && overall != null && isMeasured) {
      await tx.insert(measurements).values({
        orgId: plan.orgId,
        planId: plan.id,
        metricId: row.metricId,
        date: daysBetween(today, plan.endDate) < 0 ? plan.endDate : today,
        value: convertRating(overall, row.metricConversion ?? null),
        source: `${row.kind} feedback`,
        note: null,
        recordedByUserId: null,
        createdAt: now.toISOString(),
      });
      await refreshRiskFlags(tx, plan, now, meta);
    }
    const recipients = [
      ...new Set([plan.managerUserId, row.requestedByUserId, ...(await hrOf(tx, plan))]),
    ].filter((id): id is string => Boolean(id));
    await tx.insert(notifications).values(
      recipients.map((userId) => ({
        orgId: plan.orgId,
        userId,
        planId: plan.id,
        kind: 'feedback.received',
        payload: { employeeName: plan.header.employeeName, kind: row.kind, feedbackRequestId: row.id },
        createdAt: now.toISOString(),
      })),
    );
    await appendAuditEvent(tx, meta, now, {
      orgId: plan.orgId,
      actorUserId: null,
      action: 'feedback.received',
      entityType: 'feedback_request',
      entityId: row.id,
      planId: plan.id,
      digest: {
        kind: row.kind,
        answered: answers.length,
        isMeasured,
      },
    });
  });
  return { status: 'received' };
}
