// Personal API tokens for integrations: shown once, stored hashed, revocable.
import { and, desc, eq, isNull } from 'drizzle-orm';
import { apiTokens } from '../../db/schema/index.ts';
import { notFound } from '../../domain/errors.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { hashSecret, newSecret } from './tokens.ts';

export async function createApiToken({ deps, actor, meta }: ServiceContext, name: string) {
  const token = newSecret('mej_');
  const now = deps.now();
  const row = await inTransaction(deps, async (tx) => {
    const [created] = await tx
      .insert(apiTokens)
      .values({
        orgId: actor.orgId,
        userId: actor.userId,
        name,
        tokenHash: hashSecret(token),
        createdAt: now,
      })
      .returning();
    await appendAuditEvent(tx, meta, now, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: 'api_token.created',
      entityType: 'api_token',
      entityId: created.id,
    });
    return created;
  });
  return { id: row.id, name: row.name, createdAt: row.createdAt.toISOString(), token };
}

export async function listApiTokens({ deps, actor }: ServiceContext) {
  const rows = await deps.database.db
    .select()
    .from(apiTokens)
    .where(
      and(eq(apiTokens.orgId, actor.orgId), eq(apiTokens.userId, actor.userId), isNull(apiTokens.revokedAt)),
    )
    .orderBy(desc(apiTokens.createdAt));
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  }));
}

export async function revokeApiToken({ deps, actor, meta }: ServiceContext, id: string): Promise<void> {
  const now = deps.now();
  await inTransaction(deps, async (tx) => {
    const revoked = await tx
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(
        and(
          eq(apiTokens.orgId, actor.orgId),
          eq(apiTokens.userId, actor.userId),
          eq(apiTokens.id, id),
          isNull(apiTokens.revokedAt),
        ),
      )
      .returning({ id: apiTokens.id });
    if (revoked.length === 0) throw notFound('API token');
    await appendAuditEvent(tx, meta, now, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: 'api_token.revoked',
      entityType: 'api_token',
      entityId: id,
    });
  });
}
