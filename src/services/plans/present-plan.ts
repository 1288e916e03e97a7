// Turns a loaded plan into what this actor sees: the full plan read model (and its HTTP answer), or the mentor's
// development-only view.

import { eq } from 'drizzle-orm';
import { type PlanView, toPlanResponse } from '../../contracts/plans.ts';
import type { Executor } from '../../db/client.ts';
import { organizations } from '../../db/schema/index.ts';
import type { Actor } from '../../domain/access/actor.ts';
import { can } from '../../domain/access/policy.ts';
import type { PlanAggregate } from '../../domain/plan/aggregate.ts';
import { composePlanReadModel } from '../../domain/plan/compose-plan-read-model.ts';
import { allowedTransitions, isReadOnly } from '../../domain/plan/lifecycle.ts';
import type { PlanReadModel } from '../../domain/plan/read-model.ts';
import { rolesToSign } from '../../domain/plan/signatures.ts';
import { defaultTemplate } from '../../domain/template/default-templates.ts';
import type { FocusAreaTemplate } from '../../domain/template/template.ts';
import { oncePerTransaction } from '../transaction-cache.ts';
import { factsOf } from './plan-access.ts';

let prompts: Record<string, FocusAreaTemplate[]> | undefined;

/** Prompts of every language's default template, by focus-area key: a goal left as either is a placeholder. */
export function templatePrompts(): Record<string, FocusAreaTemplate[]> {
  if (prompts) return prompts;
  const all: Record<string, FocusAreaTemplate[]> = {};
  for (const locale of ['en', 'es'] as const) {
    for (const area of defaultTemplate(locale).focusAreas) {
      all[area.key] = [...(all[area.key] ?? []), area];
    }
  }
  prompts = all;
  return all;
}

/** The organisation's time zone, read once per transaction. */
export async function organizationTimezone(db: Executor, orgId: string): Promise<string> {
  const settings = await oncePerTransaction(db, `organization.settings:${orgId}`, async () => {
    const [org] = await db
      .select({ settings: organizations.settings })
      .from(organizations)
      .where(eq(organizations.id, orgId));
    return org?.settings;
  });
  return settings?.timezone ?? 'UTC';
}

/** The plan as HTTP answers it to this actor. */
export function presentPlan(actor: Actor, aggregate: PlanAggregate, today: string): PlanView {
  return toPlanResponse(readPlanAs(actor, aggregate, today));
}

/** The plan read model as this actor may read it: their actions and permissions, what is kept from them blanked. */
export function readPlanAs(actor: Actor, aggregate: PlanAggregate, today: string): PlanReadModel {
  const facts = factsOf(aggregate.plan);
  const round = aggregate.approvals.filter((a) => a.round === aggregate.plan.approvalRound);
  const approvals = {
    hasManagerApproval: round.some((a) => a.role === 'manager'),
    hasHrApproval: round.some((a) => a.role === 'hr'),
  };
  const status = aggregate.plan.status;
  // The same rule signing applies: offer only what signPlan accepts.
  const canSignAs = rolesToSign(aggregate.signatures, aggregate.plan.majorVersion).filter(
    (role) =>
      status === 'awaiting_acknowledgment' &&
      can(
        actor,
        role === 'employee'
          ? 'plan.sign_as_employee'
          : role === 'manager'
            ? 'plan.sign_as_manager'
            : 'plan.sign_as_hr',
        facts,
      ),
  );
  const model = composePlanReadModel(aggregate, {
    today,
    prompts: templatePrompts(),
    allowedActions: allowedTransitions(actor, facts, approvals),
    permissions: {
      canEdit: can(actor, 'plan.update', facts) && !isReadOnly(status) && status !== 'in_review',
      canUpdateActivities: can(actor, 'plan.update_activity', facts) && !isReadOnly(status),
      canRecordProgress:
        can(actor, 'plan.record_progress', facts) &&
        (status === 'active' || status === 'awaiting_acknowledgment'),
      canReadAudit: can(actor, 'plan.read_audit', facts),
      canSignAs,
    },
  });
  // An accommodation request may reveal health: its details reach HR, auditors and the employee only.
  const { accommodation } = model.procedure;
  if (accommodation && !can(actor, 'plan.read_accommodation', facts))
    model.procedure = {
      ...model.procedure,
      accommodation: {
        ...accommodation,
        details: '',
        ...(accommodation.resolution ? { resolution: { ...accommodation.resolution, note: '' } } : {}),
      },
    };
  // Comments written for the approvers, and the manager's recommended outcome, reach approvers and auditors
  // only: never the employee or the mentor.
  if (can(actor, 'plan.read_approver_comments', facts))
    return { ...model, outcomeRecommendation: aggregate.plan.outcomeRecommendation ?? null };
  return {
    ...model,
    outcomeRecommendation: null,
    approvals: model.approvals.map((a) => ({ ...a, comment: null })),
  };
}

export function presentMentorPlan(aggregate: PlanAggregate) {
  const { plan } = aggregate;
  return {
    id: plan.id,
    status: plan.status,
    locale: plan.locale,
    header: {
      employeeName: plan.header.employeeName,
      position: plan.header.position,
      startDate: plan.startDate,
      endDate: plan.endDate,
    },
    activities: aggregate.activities,
    support: {
      mentor: {
        meetingFrequency: plan.content.support.mentor.meetingFrequency,
        focusAreas: plan.content.support.mentor.focusAreas,
        supportProvided: plan.content.support.mentor.supportProvided,
      },
    },
    isMentorView: true as const,
  };
}
