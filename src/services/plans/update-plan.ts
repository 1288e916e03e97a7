// Edits a plan's header, dates, people and text sections; dates regenerate the timeline and move deadlines.
import { and, eq } from 'drizzle-orm';
import type { PlanUpdate, PlanView } from '../../contracts/plans.ts';
import { focusAreas, plans } from '../../db/schema/index.ts';
import { invalidField } from '../../domain/errors.ts';
import { addDays, daysBetween, todayIn } from '../../domain/plan/dates.ts';
import type { PlanContent } from '../../domain/plan/plan.ts';
import { buildTimeline, planEndDate } from '../../domain/plan/timeline.ts';
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

    let startDate = input.startDate ?? plan.startDate;
    let durationWeeks = input.durationWeeks ?? plan.durationWeeks;
    if (input.endDate !== undefined) {
      const days = daysBetween(startDate, input.endDate) + 1;
      if (days <= 0) throw invalidField('body/endDate', 'must be after the start date');
      if (days % 7 !== 0)
        throw invalidField('body/endDate', 'must end a whole number of weeks after the start date');
      durationWeeks = days / 7;
      if (durationWeeks < 4 || durationWeeks > 26)
        throw invalidField('body/endDate', 'the plan must last 4 to 26 weeks');
    }
    const endDate = planEndDate(startDate, durationWeeks);
    if (startDate !== plan.startDate || durationWeeks !== plan.durationWeeks) {
      const shift = daysBetween(plan.startDate, startDate);
      if (content.isTimelineEdited && durationWeeks === plan.durationWeeks) {
        content.timeline = shiftTimeline(content.timeline, shift);
      } else {
        const template = await resolveTemplate(tx, actor.orgId, plan.templateId, plan.locale);
        content.timeline = buildTimeline(template.timeline, startDate, durationWeeks);
        content.isTimelineEdited = false;
      }
      Object.assign(changes, { startDate, durationWeeks, endDate });
      // Deadlines that were the plan's end move with it.
      await tx
        .update(focusAreas)
        .set({ deadline: endDate })
        .where(
          and(
            eq(focusAreas.orgId, actor.orgId),
            eq(focusAreas.planId, planId),
            eq(focusAreas.deadline, plan.endDate),
          ),
        );
      startDate = startDate as string;
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

function shiftTimeline(timeline: PlanContent['timeline'], days: number): PlanContent['timeline'] {
  const move = (d: string) => addDays(d, days);
  return {
    phases: timeline.phases.map((p) => ({
      ...p,
      startDate: move(p.startDate),
      endDate: move(p.endDate),
      tasks: p.tasks.map((t) => ({ ...t, date: move(t.date) })),
      milestone: { ...p.milestone, date: move(p.milestone.date) },
    })),
    milestones: timeline.milestones.map((m) => ({ ...m, date: move(m.date) })),
  };
}
