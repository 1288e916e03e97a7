// One-time links that set a password: issued for an invitation or a reset, used once, the newest one counts.
import { randomUUID } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { oneTimeTokens } from '../../db/schema/index.ts';
import { oneTimeToken } from '../running/secret-links.ts';
import { hashSecret } from './tokens.ts';

export type OneTimePurpose = 'invitation' | 'password_reset';

export const oneTimeLifetimeMs: Record<OneTimePurpose, number> = {
  invitation: 7 * 24 * 60 * 60 * 1000,
  password_reset: 60 * 60 * 1000,
};

/**
 * Voids the person's unused links of this purpose and issues a new one. Returns the row id: the email carries a
 * placeholder of it, resolved into the link when the email is sent.
 */
export async function issueOneTimeToken(
  tx: Executor,
  secret: string,
  input: {
    orgId: string;
    userId: string;
    purpose: OneTimePurpose;
    createdByUserId: string | null;
    at: Date;
  },
): Promise<{ id: string; expiresAt: Date }> {
  await tx
    .update(oneTimeTokens)
    .set({ voidedAt: input.at })
    .where(
      and(
        eq(oneTimeTokens.orgId, input.orgId),
        eq(oneTimeTokens.userId, input.userId),
        eq(oneTimeTokens.purpose, input.purpose),
        isNull(oneTimeTokens.usedAt),
        isNull(oneTimeTokens.voidedAt),
      ),
    );
  const id = randomUUID();
  const expiresAt = new Date(input.at.getTime() + oneTimeLifetimeMs[input.purpose]);
  await tx.insert(oneTimeTokens).values({
    id,
    orgId: input.orgId,
    userId: input.userId,
    purpose: input.purpose,
    tokenHash: hashSecret(oneTimeToken(secret, id)),
    createdByUserId: input.createdByUserId,
    createdAt: input.at,
    expiresAt,
  });
  return { id, expiresAt };
}

/**
 * Claims a link for use: one conditional update, so two requests with the same link cannot both succeed. Null
 * when the link is unknown, used, voided or expired (the caller answers all of them alike).
 */
export async function claimOneTimeToken(tx: Executor, token: string, at: Date) {
  const [claimed] = await tx
    .update(oneTimeTokens)
    .set({ usedAt: at })
    .where(
      and(
        eq(oneTimeTokens.tokenHash, hashSecret(token)),
        isNull(oneTimeTokens.usedAt),
        isNull(oneTimeTokens.voidedAt),
        gt(oneTimeTokens.expiresAt, at),
      ),
    )
    .returning();
  return claimed ?? null;
}

/** After a password is set, every other link the person still holds stops working. */
export async function voidOneTimeTokens(
  tx: Executor,
  orgId: string,
  userId: string,
  at: Date,
): Promise<void> {
  await tx
    .update(oneTimeTokens)
    .set({ voidedAt: at })
    .where(
      and(
        eq(oneTimeTokens.orgId, orgId),
        eq(oneTimeTokens.userId, userId),
        isNull(oneTimeTokens.usedAt),
        isNull(oneTimeTokens.voidedAt),
      ),
    );
}
