// What the saved-view use cases share: the answer shape, the owner's row lookup, and the name-taken conflict.
import { and, eq } from 'drizzle-orm';
import type { SavedView, SavedViewQuery } from '../../contracts/saved-views.ts';
import type { Executor } from '../../db/client.ts';
import { savedViews } from '../../db/schema/index.ts';
import { conflict, notFound } from '../../domain/errors.ts';
import type { ServiceContext } from '../context.ts';

export const viewOf = (row: typeof savedViews.$inferSelect): SavedView => ({
  id: row.id,
  name: row.name,
  query: row.query as SavedViewQuery,
  revision: row.revision,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/** Only the owner's views exist for them: anyone else's id answers 404, as if there were none. */
export const ownedBy = (ctx: ServiceContext, id?: string) =>
  and(
    eq(savedViews.orgId, ctx.actor.orgId),
    eq(savedViews.ownerUserId, ctx.actor.userId),
    id === undefined ? undefined : eq(savedViews.id, id),
  );

export const savedViewNotFound = () => notFound('Saved view');

export const nameTaken = (name: string) =>
  conflict(`You already have a saved view named "${name}": choose another name`, undefined, {
    field: 'name',
  });

/** Whether the person already has another view with this name (checked before the write, kept by a unique index). */
export async function isNameTaken(
  tx: Executor,
  ctx: ServiceContext,
  name: string,
  exceptId?: string,
): Promise<boolean> {
  const rows = await tx
    .select({ id: savedViews.id })
    .from(savedViews)
    .where(and(ownedBy(ctx), eq(savedViews.name, name)));
  return rows.some((row) => row.id !== exceptId);
}
