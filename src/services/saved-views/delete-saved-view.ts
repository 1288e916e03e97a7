// Deletes one of the person's saved views; honours If-Match against the view's revision.
import { savedViews } from '../../db/schema/index.ts';
import { requireUnchanged } from '../../domain/revision.ts';
import { appendActorEvent } from '../audit/append-audit-event.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { ownedBy, savedViewNotFound } from './saved-view-rows.ts';

export async function deleteSavedView(ctx: ServiceContext, id: string): Promise<void> {
  await inTransaction(ctx.deps, async (tx) => {
    const [current] = await tx.select().from(savedViews).where(ownedBy(ctx, id)).for('update');
    if (!current) throw savedViewNotFound();
    requireUnchanged(ctx.ifMatch, current.revision, 'saved view');
    await tx.delete(savedViews).where(ownedBy(ctx, id));
    await appendActorEvent(tx, ctx, {
      action: 'saved_view.deleted',
      entityType: 'saved_view',
      entityId: id,
    });
  });
}
