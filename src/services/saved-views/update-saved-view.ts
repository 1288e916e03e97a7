// Renames a saved view or replaces its query; honours If-Match against the view's revision.
import { sql } from 'drizzle-orm';
import type { SavedView, SavedViewUpdate } from '../../contracts/saved-views.ts';
import { savedViews } from '../../db/schema/index.ts';
import { isUniqueViolation } from '../../db/sql.ts';
import { requireUnchanged } from '../../domain/revision.ts';
import { appendActorEvent } from '../audit/append-audit-event.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { isNameTaken, nameTaken, ownedBy, savedViewNotFound, viewOf } from './saved-view-rows.ts';

export async function updateSavedView(
  ctx: ServiceContext,
  id: string,
  input: SavedViewUpdate,
): Promise<SavedView> {
  const now = ctx.deps.now();
  try {
    return await inTransaction(ctx.deps, async (tx) => {
      // Lock the view and read the revision the client could have seen, before any check or write.
      const [current] = await tx.select().from(savedViews).where(ownedBy(ctx, id)).for('update');
      if (!current) throw savedViewNotFound();
      requireUnchanged(ctx.ifMatch, current.revision, 'saved view');
      if (input.name !== undefined && (await isNameTaken(tx, ctx, input.name, id)))
        throw nameTaken(input.name);
      const [row] = await tx
        .update(savedViews)
        .set({
          name: input.name ?? current.name,
          query: input.query ?? current.query,
          // The trigger bumps it too; setting it here keeps the statement an update even when nothing changed.
          revision: sql`${savedViews.revision}`,
          updatedAt: now,
        })
        .where(ownedBy(ctx, id))
        .returning();
      await appendActorEvent(tx, ctx, {
        action: 'saved_view.updated',
        entityType: 'saved_view',
        entityId: id,
      });
      return viewOf(row);
    });
  } catch (error) {
    if (isUniqueViolation(error) && input.name !== undefined) throw nameTaken(input.name);
    throw error;
  }
}
