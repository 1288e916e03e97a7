// SCIM bearer tokens: made by an HR administrator for the organisation's identity provider, shown once, stored
// hashed, listed and revoked; resolved into the organisation on every SCIM request.
import { and, desc, eq, isNull } from 'drizzle-orm';
import { organizations, scimTokens } from '../../db/schema/index.ts';
import { canOnOrganization } from '../../domain/access/policy.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import { appendActorEvent } from '../audit/append-audit-event.ts';
import { hashSecret, newSecret } from '../auth/tokens.ts';
import { type Deps, inTransaction, type ServiceContext } from '../context.ts';

const tokenPrefix = 'mejscim_';

function requireTokenManager(ctx: ServiceContext): void {
  if (!canOnOrganization(ctx.actor, 'organization.manage_scim_tokens', ctx.actor.orgId))
    throw new DomainError('forbidden', 'Only HR administrators manage SCIM tokens');
}

export type ScimTokenView = { id: string; name: string; createdAt: string; lastUsedAt: string | null };

const viewOf = (row: typeof scimTokens.$inferSelect): ScimTokenView => ({
  id: row.id,
  name: row.name,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
});

export async function createScimToken(
  ctx: ServiceContext,
  input: { name: string },
): Promise<ScimTokenView & { token: string }> {
  requireTokenManager(ctx);
  const token = newSecret(tokenPrefix);
  const now = ctx.deps.now();
  const row = await inTransaction(ctx.deps, async (tx) => {
    const [created] = await tx
      .insert(scimTokens)
      .values({
        orgId: ctx.actor.orgId,
        name: input.name,
        tokenHash: hashSecret(token),
        createdByUserId: ctx.actor.userId,
        createdAt: now,
      })
      .returning();
    await appendActorEvent(tx, ctx, {
      action: 'scim_token.created',
      entityType: 'scim_token',
      entityId: created.id,
    });
    return created;
  });
  return { ...viewOf(row), token };
}

export async function listScimTokens(ctx: ServiceContext): Promise<ScimTokenView[]> {
  requireTokenManager(ctx);
  const rows = await ctx.deps.database.db
    .select()
    .from(scimTokens)
    .where(and(eq(scimTokens.orgId, ctx.actor.orgId), isNull(scimTokens.revokedAt)))
    .orderBy(desc(scimTokens.createdAt));
  return rows.map(viewOf);
}

export async function revokeScimToken(ctx: ServiceContext, id: string): Promise<void> {
  requireTokenManager(ctx);
  const now = ctx.deps.now();
  await inTransaction(ctx.deps, async (tx) => {
    const revoked = await tx
      .update(scimTokens)
      .set({ revokedAt: now })
      .where(and(eq(scimTokens.orgId, ctx.actor.orgId), eq(scimTokens.id, id), isNull(scimTokens.revokedAt)))
      .returning({ id: scimTokens.id });
    if (revoked.length === 0) throw notFound('SCIM token');
    await appendActorEvent(tx, ctx, { action: 'scim_token.revoked', entityType: 'scim_token', entityId: id });
  });
}

/** The identity provider calling: its organisation and the token it used (no user account stands behind it). */
export type ScimCaller = { orgId: string; tokenId: string; organizationSlug: string };

/** Touch at most once a minute: a sync of thousands of users must not write the token row on every request. */
const touchEveryMs = 60_000;

export async function authenticateScimToken(deps: Deps, token: string): Promise<ScimCaller | null> {
  if (!token.startsWith(tokenPrefix) || token.length > 200) return null;
  const db = deps.database.db;
  const [row] = await db
    .select({
      id: scimTokens.id,
      orgId: scimTokens.orgId,
      lastUsedAt: scimTokens.lastUsedAt,
      slug: organizations.slug,
    })
    .from(scimTokens)
    .innerJoin(organizations, eq(organizations.id, scimTokens.orgId))
    .where(and(eq(scimTokens.tokenHash, hashSecret(token)), isNull(scimTokens.revokedAt)));
  if (!row) return null;
  const now = deps.now();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > touchEveryMs) {
    await db
      .update(scimTokens)
      .set({ lastUsedAt: now })
      .where(and(eq(scimTokens.orgId, row.orgId), eq(scimTokens.id, row.id)));
  }
  return { orgId: row.orgId, tokenId: row.id, organizationSlug: row.slug };
}
