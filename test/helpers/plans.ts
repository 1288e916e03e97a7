// Plan factories over HTTP: a plan for the demo employee, filled in so it passes the SMART check.
import type { Client } from './http.ts';

export async function employeeIdOf(client: Client, email: string): Promise<string> {
  const found = await client.get(`/api/v1/employees?q=${encodeURIComponent(email)}`);
  const match = found.body.items.find((e: { email: string }) => e.email === email);
  if (!match) throw new Error(`no employee ${email} visible to ${client.user.name}`);
  return match.id;
}

export async function createPlan(
  client: Client,
  overrides: Partial<{
    employeeId: string;
    startDate: string;
    durationWeeks: number;
    locale: 'en' | 'es';
    hrRepId: string;
    mentorId: string;
  }> = {},
) {
  const employeeId = overrides.employeeId ?? (await employeeIdOf(client, 'employee@demo.mejora.dev'));
  const response = await client.post('/api/v1/plans', {
    startDate: '2026-11-30',
    durationWeeks: 12,
    locale: 'en',
    ...overrides,
    employeeId,
  });
  if (response.status !== 201) throw new Error(`plan creation failed: ${response.status} ${response.text}`);
  return response.body;
}

const goals: Record<
  string,
  { issue: string; goal: string; metric: [string, string, 'higher' | 'lower', number, number] }
> = {
  technical_skills: {
    issue: 'Course platform tickets are often reopened because fixes miss edge cases in the lesson player.',
    goal: 'Resolve lesson player tickets so that fewer than 10% of fixes are reopened within two weeks.',
    metric: ['Reopened tickets', '%', 'lower', 30, 10],
  },
  communication_collaboration: {
    issue: 'Status updates in the course platform channel are missing, so the team learns of delays late.',
    goal: 'Post a written status update for every open task twice a week, rated 4 of 5 by the team.',
    metric: ['Team feedback score', 'rating (1–5)', 'higher', 2.5, 4],
  },
  quality_accuracy: {
    issue: 'Pull requests reach review with failing tests and missing checks on quality.',
    goal: 'Open pull requests with passing tests and the quality checklist done for 95% of changes.',
    metric: ['PRs passing first review', '%', 'higher', 60, 95],
  },
  timeliness_reliability: {
    issue: 'Sprint commitments slip: deadlines for assigned tasks are missed without early notice.',
    goal: 'Meet the agreed deadline for 90% of assigned tasks, flagging any risk two days ahead.',
    metric: ['Deadlines met', '%', 'higher', 55, 90],
  },
};

/** The support fields a plan must fill in before it is submitted (the template only prompts for them). */
export const filledSupport = {
  hr: {
    availability: 'Hugo Reyes, hr.rep@demo.mejora.dev, Monday to Thursday 9:00–17:00',
    supportAreas: 'Workload questions, training requests and the plan process',
  },
  mentor: {
    focusAreas: 'Code review habits and testing the lesson player',
    supportProvided: 'Weekly pairing and review of the week’s pull requests',
  },
};

/**
 * What the readiness check asks the plan to record before it is sent: the prior conversation, the employee's
 * preferred language, whether they asked for an accommodation, and why there is no mentor (if none).
 */
export const filledProcedure = {
  priorConversation: {
    date: '2026-10-20',
    participants: 'Marta Ruiz (manager) and the employee',
    summary:
      'Went through the reopened tickets and the missed sprint deadlines of October, and agreed to a plan.',
  },
  preferredLanguage: 'en',
  accommodation: { status: 'none', details: '' },
  noMentorReason: 'Pairing with the manager replaces a mentor in this team.',
};

/**
 * Fills every focus area with specific text and links one metric each, and fills the support fields and the
 * procedure: the plan then has no empty required field, no SMART errors and nothing the readiness check stops.
 */
export async function completePlan(
  client: Client,
  plan: { id: string; focusAreas: { id: string; templateKey: string | null }[] },
) {
  const support = await client.patch(`/api/v1/plans/${plan.id}`, {
    support: filledSupport,
    procedure: filledProcedure,
  });
  if (support.status !== 200) throw new Error(`support failed: ${support.text}`);
  for (const area of plan.focusAreas) {
    const spec = goals[area.templateKey ?? 'technical_skills'];
    await client.patch(`/api/v1/plans/${plan.id}/focus-areas/${area.id}`, {
      issue: spec.issue,
      impact: 'Delays course releases and adds rework for the team.',
      requiredStandard: `${spec.metric[0]} at ${spec.metric[4]}${spec.metric[1]}, as expected of the role.`,
      examples: [{ date: '2026-10-12', text: 'Example recorded in the October retrospective.' }],
      goal: spec.goal,
      measurement: `Measured weekly: ${spec.metric[0]}.`,
      successCriteria: `${spec.metric[0]} reaches ${spec.metric[4]}${spec.metric[1]} and stays there for three weeks.`,
    });
    const [name, unit, direction, baseline, target] = spec.metric;
    const metric = await client.post(`/api/v1/plans/${plan.id}/metrics`, {
      name,
      unit,
      direction,
      baseline,
      target,
      focusAreaId: area.id,
    });
    if (metric.status !== 201) throw new Error(`metric failed: ${metric.text}`);
  }
  return (await client.get(`/api/v1/plans/${plan.id}`)).body;
}

/** Takes a plan from draft to active: manager submits, HR approves, all three sign. */
export async function activatePlan(manager: Client, hr: Client, employee: Client, planId: string) {
  const submitted = await manager.post(`/api/v1/plans/${planId}/transitions`, { action: 'submit' });
  if (submitted.status !== 200) throw new Error(`submit failed: ${submitted.text}`);
  const approved = await hr.post(`/api/v1/plans/${planId}/transitions`, {
    action: 'approve',
    comment: 'Looks fair',
  });
  if (approved.status !== 200) throw new Error(`approve failed: ${approved.text}`);
  let plan = approved.body;
  for (const [client, role] of [
    [employee, 'employee'],
    [manager, 'manager'],
    [hr, 'hr'],
  ] as const) {
    const clauses = plan.acknowledgmentClauses[role].map((c: { id: string }) => c.id);
    const signed = await client.post(`/api/v1/plans/${planId}/signatures`, {
      role,
      typedName: client.user.name,
      clauses,
    });
    if (signed.status !== 201) throw new Error(`${role} signature failed: ${signed.text}`);
    plan = signed.body;
  }
  return plan;
}
