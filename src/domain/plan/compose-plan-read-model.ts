// Composes the plan read model: stored rows plus everything computed (gaps, progress, SMART, review dates).
import type { FocusAreaTemplate } from '../template/template.ts';
import type { PlanAggregate } from './aggregate.ts';
import { evaluateMetric } from './metrics.ts';
import type { PlanPermissions, PlanReadModel } from './read-model.ts';
import { emptyProcedure } from './readiness.ts';
import { isSignatureCurrent } from './signatures.ts';
import { checkSmart } from './smart.ts';
import { nextReviewDate, reviewPeriod } from './timeline.ts';

export type ReadModelContext = {
  today: string;
  /** Template prompts per focus-area key, in every language, to spot placeholders. */
  prompts: Record<string, FocusAreaTemplate[]>;
  allowedActions: string[];
  permissions: PlanPermissions;
};

export function composePlanReadModel(agg: PlanAggregate, ctx: ReadModelContext): PlanReadModel {
  const { plan } = agg;
  const content = plan.content;
  const names = new Map(agg.people.map((p) => [p.userId, p.name]));
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  const span = { startDate: plan.startDate, endDate: plan.endDate };

  // Each metric's measurements, in one pass over all of them; ordered by date (YYYY-MM-DD orders as text, so no
  // collation is needed), stable for one day's several.
  const byMetric = new Map<string, PlanAggregate['measurements']>();
  for (const x of agg.measurements) {
    const list = byMetric.get(x.metricId);
    if (list) list.push(x);
    else byMetric.set(x.metricId, [x]);
  }
  const metrics = agg.metrics.map((m) => {
    const points = (byMetric.get(m.id) ?? []).sort((a, b) =>
      a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
    );
    const evaluation = evaluateMetric({ ...m, measurements: points }, span, ctx.today);
    return {
      ...m,
      ...evaluation,
      measurements: points.map(({ metricId: _m, ...p }) => p),
    };
  });

  const focusAreas = agg.focusAreas.map((area) => {
    const linked = metrics.filter((m) => m.focusAreaId === area.id);
    const findings = checkSmart(area, {
      prompts: area.templateKey ? ctx.prompts[area.templateKey] : undefined,
      metrics: linked.map((m) => ({
        evaluation: m,
        direction: m.direction,
        baseline: m.baseline,
        target: m.target,
      })),
      startDate: plan.startDate,
      endDate: plan.endDate,
      locale: plan.locale,
    });
    return {
      ...area,
      metricIds: linked.map((m) => m.id),
      smart: { findings, isSmart: !findings.some((f) => f.severity === 'error') },
    };
  });

  const groups = (['technical', 'soft_skills', 'professional'] as const).map((key) => {
    const items = agg.activities.filter((a) => a.groupKey === key);
    return {
      key,
      title: content.developmentGroups[key],
      done: items.filter((a) => a.status === 'done').length,
      total: items.length,
    };
  });

  const spent = agg.expenses.reduce((sum, e) => sum + e.amount, 0);
  const directoryContacts = [
    { role: 'manager', userId: plan.managerUserId, label: content.headings.manager },
    { role: 'hr', userId: plan.hrRepUserId, label: content.headings.hrRepresentative },
    { role: 'mentor', userId: plan.mentorUserId, label: content.headings.mentor },
  ]
    .filter((c) => c.userId)
    .map((c, i) => {
      const person = agg.people.find((p) => p.userId === c.userId);
      return {
        id: c.userId!,
        kind: 'contact' as const,
        key: c.role,
        position: i - 10,
        label: c.label,
        name: person?.name ?? null,
        email: person?.email ?? null,
        phone: null,
        location: null,
        url: null,
        instructions: null,
        source: 'directory' as const,
      };
    });
  const stored = agg.contacts.map((c) => ({ ...c, source: 'plan' as const }));

  const approvals = agg.approvals
    .filter((a) => a.round === plan.approvalRound)
    .map((a) => ({
      role: a.role,
      userId: a.userId,
      name: nameOf(a.userId) ?? '',
      comment: a.comment,
      createdAt: a.createdAt,
    }));

  return {
    id: plan.id,
    status: plan.status,
    locale: plan.locale,
    version: plan.version,
    revision: plan.revision,
    templateId: plan.templateId,
    templateVersion: plan.templateVersion,
    title: content.title,
    subtitle: content.subtitle,
    headings: content.headings,
    header: {
      organizationName: plan.header.organizationName,
      employeeId: plan.employeeId,
      employeeName: plan.header.employeeName,
      position: plan.header.position,
      department: plan.header.department,
      managerUserId: plan.managerUserId,
      managerName: plan.header.managerName,
      hrRepUserId: plan.hrRepUserId,
      hrRepName: plan.header.hrRepName,
      mentorUserId: plan.mentorUserId,
      mentorName: plan.header.mentorName,
      startDate: plan.startDate,
      endDate: plan.endDate,
      durationWeeks: plan.durationWeeks,
      reviewPeriod: reviewPeriod(plan.startDate, plan.endDate),
      nextReviewDate: nextReviewDate(plan.startDate, plan.endDate, ctx.today),
      createdByName: nameOf(plan.createdByUserId) ?? '',
      createdAt: plan.createdAt,
      pausedAt: plan.pausedAt,
    },
    overview: content.overview,
    issuesIntro: content.issuesIntro,
    goalsIntro: content.goalsIntro,
    focusAreas,
    metrics,
    smart: content.smart,
    activities: agg.activities,
    development: { groups },
    support: {
      manager: content.support.manager,
      managerCheckIn: content.support.managerCheckIn,
      mentor: { name: plan.header.mentorName, ...content.support.mentor },
      hr: { name: plan.header.hrRepName, ...content.support.hr },
      training: content.support.training,
      budget: {
        total: content.support.trainingBudget,
        spent: round2(spent),
        remaining: round2(content.support.trainingBudget - spent),
        currency: content.support.currency,
        expenses: agg.expenses,
      },
      hoursPerWeek: content.support.hoursPerWeek,
    },
    timeline: content.timeline,
    tracking: { ...content.tracking, metricsByArea: metricsToTrack(agg, ctx.prompts) },
    successCriteria: agg.successCriteria.map((c) => ({
      id: c.id,
      revision: c.revision,
      position: c.position,
      text: c.text,
      isMet: c.isMet,
      checkedByName: nameOf(c.checkedByUserId),
      checkedAt: c.checkedAt,
    })),
    responsibilities: content.responsibilities,
    additionalResources: content.additionalResources,
    documentation: content.documentation,
    guidance: content.guidance,
    contacts: [...directoryContacts, ...stored.filter((c) => c.kind === 'contact')],
    resources: stored.filter((c) => c.kind === 'resource'),
    acknowledgmentClauses: {
      employee: content.acknowledgmentClauses.employee.clauses,
      manager: content.acknowledgmentClauses.manager.clauses,
      hr: content.acknowledgmentClauses.hr.clauses,
    },
    acknowledgmentIntros: {
      employee: content.acknowledgmentClauses.employee.intro,
      manager: content.acknowledgmentClauses.manager.intro,
      hr: content.acknowledgmentClauses.hr.intro,
    },
    approvals,
    signatures: agg.signatures.map((s) => ({
      id: s.id,
      role: s.role,
      userId: s.userId,
      signerName: s.signerName,
      typedName: s.typedName,
      clauses: s.clauses,
      version: s.version,
      documentHash: s.documentHash,
      isCurrent: isSignatureCurrent(s, plan.majorVersion),
      isRefused: s.isRefused,
      response: s.response,
      witnessName: s.witnessName,
      witnessStatement: s.witnessStatement,
      witnessedAt: s.witnessedAt,
      signedAt: s.signedAt,
    })),
    review: content.review,
    completion: content.completion,
    outcome: plan.outcome,
    confidentialityNotice: content.confidentialityNotice,
    consequences: content.consequences ?? '',
    procedure: plan.procedure ?? emptyProcedure,
    responses: (agg.responses ?? []).map(({ authorUserId: _a, ...r }) => r),
    appeals: (agg.appeals ?? []).map((a) => ({
      id: a.id,
      planId: plan.id,
      reason: a.reason,
      status: a.status,
      createdAt: a.createdAt,
      decision: a.decision,
      decisionReason: a.decisionReason,
      decidedByName: a.decidedByName,
      decidedAt: a.decidedAt,
      newOutcome: a.newOutcome,
      newEndDate: a.newEndDate,
    })),
    allowedActions: ctx.allowedActions,
    permissions: ctx.permissions,
  };
}

/**
 * "Performance metrics to track", by the focus areas the plan has now: a removed area is gone, a renamed one
 * shows its new title. An area from the template lists the template's suggestions (stored in the plan's
 * language), an area added since lists the plan's metrics that measure it.
 */
function metricsToTrack(agg: PlanAggregate, prompts: ReadModelContext['prompts']) {
  const stored = agg.plan.content.tracking.metricsByArea;
  return agg.focusAreas.flatMap((area) => {
    const templates = area.templateKey ? (prompts[area.templateKey] ?? []) : [];
    const suggested = area.templateKey
      ? stored.find((s) => s.title === area.title || templates.some((t) => t.title === s.title))?.metrics
      : undefined;
    const metrics = suggested ?? agg.metrics.filter((m) => m.focusAreaId === area.id).map((m) => m.name);
    return metrics.length ? [{ title: area.title, metrics }] : [];
  });
}

const round2 = (x: number) => Math.round(x * 100) / 100;
