// What plan documents print beyond the plan view: the mentor's role and the employee's responses for the record.
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { planComments } from '../../db/schema/plans.ts';
import type { DocumentExtras, EmployeeResponse } from '../../documents/printable.ts';
import type { PlanAggregate } from '../../domain/plan/aggregate.ts';

const iso = (value: string): string => new Date(value).toISOString();

/**
 * The employee's written words, oldest first: the reason given when refusing to sign, and the responses and
 * comments they wrote on the plan. The one list every copy (PDF, DOCX, dossier) prints.
 */
export async function documentExtras(db: Executor, aggregate: PlanAggregate): Promise<DocumentExtras> {
  const { plan } = aggregate;
  const responses: EmployeeResponse[] = aggregate.signatures
    .filter((s) => s.role === 'employee' && s.isRefused && s.response)
    .map((s) => ({ text: s.response ?? '', at: iso(s.signedAt), context: 'refusal' as const }));
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
