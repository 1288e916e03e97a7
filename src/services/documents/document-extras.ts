// What plan documents print beyond the plan view: the mentor's role and the employee's responses for the record.
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { planResponses } from '../../db/schema/fairness.ts';
import { planComments } from '../../db/schema/plans.ts';
import type { DocumentExtras, EmployeeResponse } from '../../documents/printable.ts';
import type { PlanAggregate } from '../../domain/plan/aggregate.ts';

const iso = (value: string): string => new Date(value).toISOString();

/**
 * The employee's written words, oldest first: their responses (at signing, at refusal and any time, kept as written),
 * the reason given when refusing to sign where no response records it, and the comments they wrote on the plan.
 * The one list every copy (PDF, DOCX, dossier) prints.
 */
export async function documentExtras(db: Executor, aggregate: PlanAggregate): Promise<DocumentExtras> {
  const { plan } = aggregate;
  const written = await db
    .select({ context: planResponses.context, text: planResponses.text, createdAt: planResponses.createdAt })
    .from(planResponses)
    .where(and(eq(planResponses.orgId, plan.orgId), eq(planResponses.planId, plan.id)))
    .orderBy(asc(planResponses.createdAt));
  const responses: EmployeeResponse[] = written.map((r) => ({
    text: r.text,
    at: iso(r.createdAt),
    context: r.context === 'any_time' ? ('response' as const) : r.context,
  }));
  const recorded = new Set(written.map((r) => r.text));
  for (const s of aggregate.signatures) {
    if (s.role === 'employee' && s.isRefused && s.response && !recorded.has(s.response)) {
      responses.push({ text: s.response, at: iso(s.signedAt), context: 'refusal' });
    }
  }
  if (plan.employeeUserId) {
    const rows = await db
      .select({ kind: planComments.kind, body: planComments.body, createdAt: planComments.createdAt })
      .from(planComments)
      .where(
        and(
          eq(planComments.orgId, plan.orgId),
          eq(planComments.planId, plan.id),
          eq(planComments.authorUserId, plan.employeeUserId),
        ),
      )
      .orderBy(asc(planComments.createdAt));
    for (const r of rows) responses.push({ text: r.body, at: iso(r.createdAt), context: r.kind });
  }
  responses.sort((a, b) => a.at.localeCompare(b.at));
  const mentor = plan.mentorUserId ? aggregate.people.find((p) => p.userId === plan.mentorUserId) : undefined;
  return { mentorRole: mentor?.jobTitle ?? null, responses };
}
