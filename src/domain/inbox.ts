// What waits on a person: every decision, signature and record they owe, each with the one action it needs.
// Composed from the plans related to the person and decided by the access policy, never by rules of its own.
import type { Actor } from './access/actor.ts';
import { can, type PlanAction, type PlanFacts, type PlanStatus } from './access/policy.ts';
import { rolesToSign, type SignerRole } from './plan/signatures.ts';

export const inboxKinds = [
  'approve_plan',
  'sign_plan',
  'witness_refusal',
  'decide_adjustment',
  'record_check_in',
  'record_mentor_session',
  'recommend_outcome',
  'close_plan',
] as const;
export type InboxKind = (typeof inboxKinds)[number];

/** The one thing to do, named by the web app's button. */
export type InboxAction = 'approve' | 'sign' | 'witness' | 'decide' | 'record' | 'recommend' | 'close';

export type InboxItem = {
  kind: InboxKind;
  planId: string;
  employeeName: string;
  title: string;
  action: InboxAction;
  /** When it is due; null when it waits without a date. */
  dueAt: string | null;
  /** The item the action concerns inside the plan (check-in, adjustment or signature). */
  subjectId: string | null;
};

export type InboxPlan = PlanFacts & {
  id: string;
  employeeName: string;
  approvalRound: number;
  majorVersion: number;
  endDate: string;
  hasOutcomeRecommendation: boolean;
};

export type InboxFacts = {
  plans: readonly InboxPlan[];
  approvals: readonly { planId: string; round: number; role: 'manager' | 'hr' }[];
  signatures: readonly {
    id: string;
    planId: string;
    version: number;
    role: SignerRole;
    isRefused: boolean;
    witnessedAt: string | null;
  }[];
  pendingAdjustments: readonly { id: string; planId: string; createdAt: string }[];
  dueCheckIns: readonly { id: string; planId: string; type: string; scheduledAt: string }[];
};

const titles: Record<'en' | 'es', Record<InboxKind, (name: string) => string>> = {
  en: {
    approve_plan: (n) => `Approve the plan for ${n}`,
    sign_plan: (n) => `Sign the plan for ${n}`,
    witness_refusal: (n) => `Give a witness statement for ${n}'s refusal to sign`,
    decide_adjustment: (n) => `Decide on an adjustment to the plan for ${n}`,
    record_check_in: (n) => `Record the check-in with ${n}`,
    record_mentor_session: (n) => `Record the mentor session with ${n}`,
    recommend_outcome: (n) => `Recommend an outcome for the plan for ${n}`,
    close_plan: (n) => `Close the plan for ${n}`,
  },
  es: {
    approve_plan: (n) => `Aprobar el plan de ${n}`,
    sign_plan: (n) => `Firmar el plan de ${n}`,
    witness_refusal: (n) => `Registrar la declaración de testigo de la negativa a firmar de ${n}`,
    decide_adjustment: (n) => `Decidir un ajuste del plan de ${n}`,
    record_check_in: (n) => `Registrar la reunión de seguimiento con ${n}`,
    record_mentor_session: (n) => `Registrar la sesión de mentoría con ${n}`,
    recommend_outcome: (n) => `Recomendar un resultado para el plan de ${n}`,
    close_plan: (n) => `Cerrar el plan de ${n}`,
  },
};

const signAction: Record<SignerRole, PlanAction> = {
  employee: 'plan.sign_as_employee',
  manager: 'plan.sign_as_manager',
  hr: 'plan.sign_as_hr',
};

/** Plans agreed or being agreed: signatures and refusals count. */
export const underAgreementStatuses: readonly PlanStatus[] = ['awaiting_acknowledgment', 'active', 'paused'];
/** Plans running: check-ins are held and the end date can pass. */
export const runningStatuses: readonly PlanStatus[] = ['active', 'paused'];
/** Plans that can hold an inbox item: from review until closed or cancelled. */
export const inboxStatuses: readonly PlanStatus[] = ['in_review', ...underAgreementStatuses];

const underAgreement: ReadonlySet<PlanStatus> = new Set(underAgreementStatuses);
const running: ReadonlySet<PlanStatus> = new Set(runningStatuses);

/** Days before its time a check-in appears in the inbox. */
const checkInLeadMs = 24 * 60 * 60 * 1000;

/** Everything that waits on the actor, the most urgent first (dated items by date, then the rest). */
export function composeInbox(actor: Actor, facts: InboxFacts, now: Date, today: string): InboxItem[] {
  const byId = new Map(facts.plans.map((plan) => [plan.id, plan]));
  const items: InboxItem[] = [];
  const add = (
    plan: InboxPlan,
    kind: InboxKind,
    action: InboxAction,
    dueAt: string | null,
    subjectId: string | null,
  ) =>
    items.push({
      kind,
      planId: plan.id,
      employeeName: plan.employeeName,
      title: titles[actor.locale][kind](plan.employeeName),
      action,
      dueAt,
      subjectId,
    });

  for (const plan of facts.plans) {
    if (plan.status === 'in_review') {
      const given = new Set(
        facts.approvals
          .filter((a) => a.planId === plan.id && a.round === plan.approvalRound)
          .map((a) => a.role),
      );
      const owesManager = !given.has('manager') && can(actor, 'plan.approve_as_manager', plan);
      const owesHr = !given.has('hr') && can(actor, 'plan.approve_as_hr', plan);
      if (owesManager || owesHr) add(plan, 'approve_plan', 'approve', null, null);
    }
    if (underAgreement.has(plan.status)) {
      const signed = facts.signatures.filter((s) => s.planId === plan.id);
      const owed = rolesToSign(signed, plan.majorVersion).filter((role) =>
        can(actor, signAction[role], plan),
      );
      if (owed.length > 0) add(plan, 'sign_plan', 'sign', null, null);
    }
    if (running.has(plan.status) && plan.endDate < today) {
      if (!plan.hasOutcomeRecommendation && can(actor, 'plan.recommend_outcome', plan)) {
        add(plan, 'recommend_outcome', 'recommend', `${plan.endDate}T00:00:00.000Z`, null);
      }
      if (can(actor, 'plan.close', plan))
        add(plan, 'close_plan', 'close', `${plan.endDate}T00:00:00.000Z`, null);
    }
  }
  for (const signature of facts.signatures) {
    const plan = byId.get(signature.planId);
    if (!plan || !signature.isRefused || signature.witnessedAt || !underAgreement.has(plan.status)) continue;
    if (signature.version < plan.majorVersion) continue;
    if (can(actor, 'plan.witness', plan)) add(plan, 'witness_refusal', 'witness', null, signature.id);
  }
  for (const adjustment of facts.pendingAdjustments) {
    const plan = byId.get(adjustment.planId);
    if (plan && can(actor, 'plan.decide_adjustment', plan)) {
      add(plan, 'decide_adjustment', 'decide', null, adjustment.id);
    }
  }
  for (const checkIn of facts.dueCheckIns) {
    const plan = byId.get(checkIn.planId);
    if (!plan || !running.has(plan.status)) continue;
    if (new Date(checkIn.scheduledAt).getTime() - now.getTime() > checkInLeadMs) continue;
    const isMentorSession = checkIn.type === 'mentor_session';
    const kind: InboxKind = isMentorSession ? 'record_mentor_session' : 'record_check_in';
    // A check-in is recorded by the manager (or HR for them); a mentor session by the mentor.
    const isOwed = isMentorSession
      ? plan.mentorUserId === actor.userId && can(actor, 'plan.record_mentor_session', plan)
      : plan.managerUserId === actor.userId && can(actor, 'plan.record_progress', plan);
    if (isOwed) add(plan, kind, 'record', checkIn.scheduledAt, checkIn.id);
  }
  return items.sort((a, b) => {
    if (a.dueAt && b.dueAt) return a.dueAt.localeCompare(b.dueAt);
    if (a.dueAt || b.dueAt) return a.dueAt ? -1 : 1;
    return a.title.localeCompare(b.title);
  });
}
