// Saves the plans list's current filters and sort under a name of the person's choosing.
import type { SavedView, SavedViewCreate } from '../../contracts/saved-views.ts';
import { savedViews } from '../../db/schema/index.ts';
import { isUniqueViolation } from '../../db/sql.ts';
import { appendActorEvent } from '../audit/append-audit-event.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { isNameTaken, nameTaken, viewOf } from './saved-view-rows.ts';

export async function createSavedView(ctx: ServiceContext, input: SavedViewCreate): Promise<SavedView> {
  const now = ctx.deps.now();
  try {
    return await inTransaction(ctx.deps, async (tx) => {
      if (await isNameTaken(tx, ctx, input.name)) throw nameTaken(input.name);
      const [row] = await tx
        .insert(savedViews)
        .values({
          orgId: ctx.actor.orgId,
          ownerUserId: ctx.actor.userId,
          name: input.name,
          query: input.query,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await appendActorEvent(tx, ctx, {
        action: 'saved_view.created',
        entityType: 'saved_view',
        entityId: row.id,
      });
      return viewOf(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}
