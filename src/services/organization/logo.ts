// The organisation's logo: HR administrators upload or remove it; every document of the organisation prints it.
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { organizationLogos } from '../../db/schema/index.ts';
import { type LogoFile, LogoImageError, readLogoImage } from '../../documents/logo-image.ts';
import { invalid, notFound } from '../../domain/errors.ts';
import { appendActorEvent } from '../audit/append-audit-event.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { requireHrAdmin } from './hr-admin.ts';

/** Larger sides are refused: a header logo is drawn about 90 × 30 points. */
const maxSide = 4000;

export const logoUrl = '/api/v1/organization/logo';

const badLogo = (message: string) => invalid([{ path: 'body', message }], `The logo ${message}`);

export async function logoInfo(db: Executor, orgId: string) {
  const [row] = await db
    .select({
      contentType: organizationLogos.contentType,
      width: organizationLogos.width,
      height: organizationLogos.height,
      sha256: organizationLogos.sha256,
      updatedAt: organizationLogos.updatedAt,
      bytes: sql<number>`octet_length(${organizationLogos.image})`,
    })
    .from(organizationLogos)
    .where(eq(organizationLogos.orgId, orgId));
  if (!row) return null;
  const { sha256, ...rest } = row;
  // The hash in the address lets browsers cache each version of the logo for good.
  return {
    ...rest,
    bytes: Number(rest.bytes),
    url: `${logoUrl}?v=${sha256.slice(0, 12)}`,
    updatedAt: new Date(rest.updatedAt).toISOString(),
  };
}

/** The logo for the documents of an organisation, or null. */
export async function loadLogo(db: Executor, orgId: string): Promise<LogoFile | null> {
  const [row] = await db
    .select({
      image: organizationLogos.image,
      contentType: organizationLogos.contentType,
      width: organizationLogos.width,
      height: organizationLogos.height,
    })
    .from(organizationLogos)
    .where(eq(organizationLogos.orgId, orgId));
  return row ?? null;
}

export async function getLogo(ctx: ServiceContext) {
  const [row] = await ctx.deps.database.db
    .select()
    .from(organizationLogos)
    .where(eq(organizationLogos.orgId, ctx.actor.orgId));
  if (!row) throw notFound('Logo');
  return { contentType: row.contentType, image: row.image, sha256: row.sha256 };
}

export async function setLogo(ctx: ServiceContext, image: Buffer) {
  requireHrAdmin(ctx);
  let read: Awaited<ReturnType<typeof readLogoImage>>;
  try {
    read = await readLogoImage(image, maxSide);
  } catch (error) {
    if (error instanceof LogoImageError) throw badLogo(error.message);
    throw error;
  }
  const sha256 = createHash('sha256').update(image).digest('hex');
  return inTransaction(ctx.deps, async (tx) => {
    const values = { ...read, image, sha256, updatedAt: ctx.deps.now().toISOString() };
    await tx
      .insert(organizationLogos)
      .values({ orgId: ctx.actor.orgId, ...values })
      .onConflictDoUpdate({ target: organizationLogos.orgId, set: values });
    await appendActorEvent(tx, ctx, {
      action: 'organization.logo_changed',
      entityType: 'organization',
      entityId: ctx.actor.orgId,
      digest: { sha256, bytes: image.length },
    });
    return (await logoInfo(tx, ctx.actor.orgId))!;
  });
}

export async function removeLogo(ctx: ServiceContext): Promise<void> {
  requireHrAdmin(ctx);
  await inTransaction(ctx.deps, async (tx) => {
    const removed = await tx
      .delete(organizationLogos)
      .where(eq(organizationLogos.orgId, ctx.actor.orgId))
      .returning({ orgId: organizationLogos.orgId });
    if (removed.length === 0) throw notFound('Logo');
    await appendActorEvent(tx, ctx, {
      action: 'organization.logo_removed',
      entityType: 'organization',
      entityId: ctx.actor.orgId,
    });
  });
}
