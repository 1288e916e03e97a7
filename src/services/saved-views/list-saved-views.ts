// A person's saved views of the plans list, by name.
import { asc } from 'drizzle-orm';
import type { SavedView } from '../../contracts/saved-views.ts';
import { savedViews } from '../../db/schema/index.ts';
import type { ServiceContext } from '../context.ts';
import { ownedBy, viewOf } from './saved-view-rows.ts';

export async function listSavedViews(ctx: ServiceContext): Promise<SavedView[]> {
  const rows = await ctx.deps.database.db
    .select()
    .from(savedViews)
    .where(ownedBy(ctx))
    .orderBy(asc(savedViews.name));
  return rows.map(viewOf);
}
