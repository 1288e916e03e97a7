// Edits a plan's header, dates, people and text sections; dates reschedule the timeline and move deadlines.
import { and, eq } from 'drizzle-orm';
import type { PlanUpdate, PlanView } from '../../contracts/plans.ts';
import type { Tx } from '../../db/client.ts';
import { focusAreas, plans } from '../../db/schema/index.ts';
import { invalidField } from '../../domain/errors.ts';
import type { PlanRow } from '../../domain/plan/aggregate.ts';
import { todayIn } from '../../domain/plan/dates.ts';
import { isUnderAgreement } from '../../domain/plan/lifecycle.ts';
import type { PlanContent } from '../../domain/plan/plan.ts';
import { emptyProcedure } from '../../domain/plan/readiness.ts';
import { planLengthLimits, planLengthWeeks } from '../../domain/plan/sections.ts';
import { planEndDate, rescheduleTimeline } from '../../domain/plan/timeline.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { claimUnchanged } from '../preconditions.ts';
import { commitPlanChange } from './commit-plan-change.ts';
import { resolveTemplate } from './create-plan.ts';
import { requireEditable, requirePlan } from './plan-access.ts';
import { organizationTimezone, presentPlan } from './present-plan.ts';
import { findUserWithRole } from './users-with-role.ts';

export async function updatePlan(ctx: ServiceContext, planId: string, input: PlanUpdate): Promise<PlanView> {
  const { deps, actor } = ctx;
  return inTransaction(deps, async (tx) => {
    const plan = await requirePlan(tx, actor, planId, 'plan.update', { isWrite: true });
    requireEditable(plan);
    await claimUnchanged(tx, ctx, { kind: 'plan', id: planId });
    const content: PlanContent = structuredClone(plan.content);
    const header = { ...plan.header };
    const changes: Partial<typeof plans.$inferInsert> = {};

    const startDate = input.startDate ?? plan.startDate;
    let durationWeeks = input.durationWeeks ?? plan.durationWeeks;
    if (input.endDate !== undefined) {
      durationWeeks = planLengthWeeks(startDate, input.endDate, planLengthLimits.draft, 'body/endDate');
    }
    if (startDate !== plan.startDate || durationWeeks !== plan.durationWeeks) {
      const today = isUnderAgreement(plan.status)
        ? todayIn(await organizationTimezone(tx, actor.orgId), deps.now())
        : null;
      const path =
        input.endDate !== undefined
          ? 'body/endDate'
          : input.durationWeeks !== undefined
            ? 'body/durationWeeks'
            : 'body/startDate';
      Object.assign(
        changes,
        await changePlanDates(tx, plan, content, { startDate, durationWeeks }, today, path),
      );
    }
    if (input.hrRepId !== undefined) {
      const user = await findUserWithRole(tx, actor.orgId, input.hrRepId, ['hr', 'hr_admin'], 'body/hrRepId');
      changes.hrRepUserId = user?.id ?? null;
      header.hrRepName = user?.name ?? null;
    }
    if (input.mentorId !== undefined) {
      const user = await findUserWithRole(tx, actor.orgId, input.mentorId, ['mentor'], 'body/mentorId');
      changes.mentorUserId = user?.id ?? null;
      header.mentorName = user?.name ?? null;
    }
    if (input.employeeName !== undefined) header.employeeName = input.employeeName;
    if (input.position !== undefined) header.position = input.position;
    if (input.department !== undefined) header.department = input.department;
    if (input.overview) content.overview = { ...content.overview, ...input.overview };
    if (input.issuesIntro !== undefined) content.issuesIntro = input.issuesIntro;
    if (input.goalsIntro !== undefined) content.goalsIntro = input.goalsIntro;
    if (input.support) {
      const { mentor, hr, training, ...rest } = input.support;
      content.support = {
        ...content.support,
        ...rest,
        mentor: { ...content.support.mentor, ...mentor },
        hr: { ...content.support.hr, ...hr },
        training: { ...content.support.training, ...training },
      };
    }
    if (input.timeline) {
      const last = input.timeline.phases.at(-1);
      if (input.timeline.phases.length === 0 || !last)
        throw invalidField('body/timeline/phases', 'needs at least one phase');
      if (last.endWeek > durationWeeks) {
        throw invalidField(
          'body/timeline/phases',
          `phases must end by week ${durationWeeks}, the plan's last week`,
        );
      }
      content.timeline = input.timeline;
      content.isTimelineEdited = true;
    }
    if (input.tracking) content.tracking = { ...content.tracking, ...input.tracking };
    if (input.responsibilities)
      content.responsibilities = { ...content.responsibilities, ...input.responsibilities };
    if (input.additionalResources) content.additionalResources = input.additionalResources;
    if (input.confidentialityNotice !== undefined)
      content.confidentialityNotice = input.confidentialityNotice;
    if (input.consequences !== undefined) content.consequences = input.consequences;
    if (input.procedure) {
      const current = plan.procedure ?? emptyProcedure;
      const { priorConversation, ...rest } = input.procedure;
      changes.procedure = {
        ...current,
        ...rest,
        priorConversation: { ...current.priorConversation, ...priorConversation },
      };
    }

    await tx
      .update(plans)
      .set({ ...changes, header, content })
      .where(and(eq(plans.orgId, actor.orgId), eq(plans.id, planId)));
    const committed = await commitPlanChange(tx, ctx, planId, {
      action: 'plan.updated',
      entityType: 'plan',
      digest: { fields: Object.keys(input) },
    });
    return presentPlan(
      actor,
      committed.aggregate,
      todayIn(await organizationTimezone(tx, actor.orgId), deps.now()),
    );
  });
}

/**
 * New dates for a plan, the one way both a draft's edit and an approved extension take: the timeline is
 * rescheduled (rebuilt before the start; once started, what is done kept and what is still scheduled
 * stretched to the new end), deadlines that were the plan's end move with it, and every deadline must still
 * fall inside the plan. Changes `content` in place; returns the plan's new date columns.
 */
export async function changePlanDates(
  tx: Tx,
  plan: PlanRow,
  content: PlanContent,
  to: { startDate: string; durationWeeks: number },
  today: string | null,
  path: string,
): Promise<{ startDate: string; durationWeeks: number; endDate: string }> {
  const endDate = planEndDate(to.startDate, to.durationWeeks);
  if (today !== null && endDate < today) throw invalidField(path, `must not be before today (${today})`);
  const template = await resolveTemplate(tx, plan.orgId, plan.templateId, plan.locale);
  content.timeline = rescheduleTimeline({
    timeline: content.timeline,
    pattern: template.timeline,
    isEdited: content.isTimelineEdited,
    from: { startDate: plan.startDate, endDate: plan.endDate, durationWeeks: plan.durationWeeks },
    to,
    today,
  });
  if (!(content.isTimelineEdited && to.durationWeeks === plan.durationWeeks) && today === null)
    content.isTimelineEdited = false;
  const scope = and(eq(focusAreas.orgId, plan.orgId), eq(focusAreas.planId, plan.id));
  await tx
    .update(focusAreas)
    .set({ deadline: endDate })
    .where(and(scope, eq(focusAreas.deadline, plan.endDate)));
  const areas = await tx
    .select({ title: focusAreas.title, deadline: focusAreas.deadline })
    .from(focusAreas)
    .where(scope);
  for (const area of areas) {
    if (area.deadline && (area.deadline < to.startDate || area.deadline > endDate)) {
      throw invalidField(
        path,
        `the focus area “${area.title}” is due ${area.deadline}, outside the new dates (${to.startDate} to ${endDate}): move its deadline too`,
      );
    }
  }
  return { startDate: to.startDate, durationWeeks: to.durationWeeks, endDate };
}
