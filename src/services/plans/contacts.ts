// Contacts and resource links of a plan (copied from the organisation's defaults, then overridden per plan),
// and training expenses against the budget.
import { and, eq, max } from 'drizzle-orm';
import type { z } from 'zod';
import type { contactBody, contactCreateBody, expenseBody } from '../../contracts/plans.ts';
import { contacts, expenses } from '../../db/schema/index.ts';
import type { PlanChangeAction } from '../../domain/audit/events.ts';
import { notFound } from '../../domain/errors.ts';
import type { ServiceContext } from '../context.ts';
import { writePlan } from './write-plan.ts';

const contactSpec = (auditAction: PlanChangeAction) => ({
  action: 'plan.update' as const,
  auditAction,
  entityType: 'contact',
  isProgress: true,
});

export async function addContact(
  ctx: ServiceContext,
  planId: string,
  input: z.infer<typeof contactCreateBody>,
) {
  const result = await writePlan(ctx, planId, contactSpec('contact.added'), async (tx, plan) => {
    const [{ value }] = await tx
      .select({ value: max(contacts.position) })
      .from(contacts)
      .where(and(eq(contacts.orgId, plan.orgId), eq(contacts.planId, planId)));
    const [row] = await tx
      .insert(contacts)
      .values({ orgId: plan.orgId, planId, position: (value ?? -1) + 1, ...input })
      .returning({ id: contacts.id });
    return row.id;
  });
  return [...result.plan.contacts, ...result.plan.resources].find((c) => c.id === result.entityId)!;
}

export async function updateContact(
  ctx: ServiceContext,
  planId: string,
  contactId: string,
  input: z.infer<typeof contactBody>,
) {
  const result = await writePlan(
    ctx,
    planId,
    { ...contactSpec('contact.updated'), target: { kind: 'contact', id: contactId } },
    async (tx, plan) => {
      const updated = await tx
        .update(contacts)
        .set(input)
        .where(and(eq(contacts.orgId, plan.orgId), eq(contacts.planId, planId), eq(contacts.id, contactId)))
        .returning({ id: contacts.id });
      if (!updated.length) throw notFound('Contact');
      return contactId;
    },
  );
  return [...result.plan.contacts, ...result.plan.resources].find((c) => c.id === contactId)!;
}

export async function removeContact(ctx: ServiceContext, planId: string, contactId: string) {
  await writePlan(
    ctx,
    planId,
    { ...contactSpec('contact.removed'), target: { kind: 'contact', id: contactId } },
    async (tx, plan) => {
      const removed = await tx
        .delete(contacts)
        .where(and(eq(contacts.orgId, plan.orgId), eq(contacts.planId, planId), eq(contacts.id, contactId)))
        .returning({ id: contacts.id });
      if (!removed.length) throw notFound('Contact');
      return contactId;
    },
  );
}

export async function addExpense(ctx: ServiceContext, planId: string, input: z.infer<typeof expenseBody>) {
  const result = await writePlan(
    ctx,
    planId,
    { action: 'plan.update', auditAction: 'expense.added', entityType: 'expense', isProgress: true },
    async (tx, plan) => {
      const [row] = await tx
        .insert(expenses)
        .values({ orgId: plan.orgId, planId, ...input })
        .returning({ id: expenses.id });
      return row.id;
    },
  );
  return result.plan.support.budget;
}

export async function removeExpense(ctx: ServiceContext, planId: string, expenseId: string) {
  const result = await writePlan(
    ctx,
    planId,
    { action: 'plan.update', auditAction: 'expense.removed', entityType: 'expense', isProgress: true },
    async (tx, plan) => {
      const removed = await tx
        .delete(expenses)
        .where(and(eq(expenses.orgId, plan.orgId), eq(expenses.planId, planId), eq(expenses.id, expenseId)))
        .returning({ id: expenses.id });
      if (!removed.length) throw notFound('Expense');
      return expenseId;
    },
  );
  return result.plan.support.budget;
}
