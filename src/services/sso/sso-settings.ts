// The organisation's identity provider: saved, read (never with the client secret) and removed by HR administrators.
import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { ssoSettingsBody } from '../../contracts/sso.ts';
import { organizationSso, organizations, roleMemberships, users } from '../../db/schema/index.ts';
import { invalidField, notFound } from '../../domain/errors.ts';
import { appendActorEvent } from '../audit/append-audit-event.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { requireHrAdmin } from '../organization/hr-admin.ts';
import { discoverOidc } from './oidc-client.ts';
import { readIdpMetadata } from './saml-metadata.ts';
import { sealSecret } from './secret-box.ts';
import { ssoUrls } from './sso-urls.ts';

type Row = typeof organizationSso.$inferSelect;

const maxMetadataBytes = 1_000_000;

function view(ctx: ServiceContext, row: Row, slug: string) {
  const metadata = row.samlMetadataXml ? readIdpMetadata(row.samlMetadataXml) : null;
  return {
    protocol: row.protocol,
    displayName: row.displayName,
    issuer:
      row.protocol === 'oidc'
        ? row.oidcIssuer
        : typeof metadata === 'object'
          ? (metadata?.entityId ?? null)
          : null,
    clientId: row.oidcClientId,
    hasClientSecret: row.oidcClientSecretEncrypted !== null,
    metadataUrl: row.samlMetadataUrl,
    createAccountsOnFirstSignIn: row.isAutoCreate,
    ssoOnly: row.isSsoOnly,
    breakGlassUserId: row.breakGlassUserId,
    ...ssoUrls(ctx.deps.config, slug),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function slugOf(ctx: ServiceContext): Promise<string> {
  const [org] = await ctx.deps.database.db
    .select({ slug: organizations.slug })
    .from(organizations)
    .where(eq(organizations.id, ctx.actor.orgId));
  return org.slug;
}

export async function getSsoSettings(ctx: ServiceContext) {
  requireHrAdmin(ctx);
  const [row] = await ctx.deps.database.db
    .select()
    .from(organizationSso)
    .where(eq(organizationSso.orgId, ctx.actor.orgId));
  if (!row) throw notFound('Single sign-on settings');
  return view(ctx, row, await slugOf(ctx));
}

/** Reads the metadata document at the address, at most 1 MB and 10 seconds. */
async function fetchMetadata(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(10_000), redirect: 'follow' });
  } catch {
    throw invalidField('body/metadataUrl', 'could not be read (no answer from that address)');
  }
  if (!response.ok) throw invalidField('body/metadataUrl', `answered ${response.status}, not the metadata`);
  const text = await response.text();
  if (text.length > maxMetadataBytes)
    throw invalidField('body/metadataUrl', 'the document is larger than 1 MB');
  return text;
}

export async function saveSsoSettings(ctx: ServiceContext, input: z.infer<typeof ssoSettingsBody>) {
  requireHrAdmin(ctx);
  const { config } = ctx.deps;
  let fields: Omit<
    typeof organizationSso.$inferInsert,
    'orgId' | 'isAutoCreate' | 'isSsoOnly' | 'breakGlassUserId'
  >;
  if (input.protocol === 'oidc') {
    const { issuer } = input;
    // The issuer must answer its discovery document now, not at the first person's sign-in.
    await discoverOidc(config, { issuer, clientId: input.clientId, clientSecret: input.clientSecret }).catch(
      () => {
        throw invalidField('body/issuer', "the identity provider's discovery document could not be read");
      },
    );
    fields = {
      protocol: 'oidc',
      displayName: input.displayName ?? new URL(issuer).host,
      oidcIssuer: issuer,
      oidcClientId: input.clientId,
      oidcClientSecretEncrypted: sealSecret(config.secret, input.clientSecret),
      samlMetadataXml: null,
      samlMetadataUrl: null,
    };
  } else {
    if (!!input.metadataXml === !!input.metadataUrl)
      throw invalidField('body/metadataXml', 'send either metadataXml or metadataUrl');
    const xml = input.metadataXml ?? (await fetchMetadata(input.metadataUrl as string));
    const metadata = readIdpMetadata(xml);
    if (typeof metadata === 'string')
      throw invalidField(
        input.metadataXml ? 'body/metadataXml' : 'body/metadataUrl',
        `the metadata ${metadata}`,
      );
    fields = {
      protocol: 'saml',
      displayName:
        input.displayName ??
        (URL.canParse(metadata.entityId) ? new URL(metadata.entityId).host : metadata.entityId).slice(0, 100),
      oidcIssuer: null,
      oidcClientId: null,
      oidcClientSecretEncrypted: null,
      samlMetadataXml: xml,
      samlMetadataUrl: input.metadataUrl ?? null,
    };
  }
  const breakGlassUserId = input.ssoOnly
    ? (input.breakGlassUserId ?? ctx.actor.userId)
    : (input.breakGlassUserId ?? null);
  const now = ctx.deps.now();
  const row = await inTransaction(ctx.deps, async (tx) => {
    if (breakGlassUserId) {
      const [admin] = await tx
        .select({ id: users.id })
        .from(users)
        .innerJoin(
          roleMemberships,
          and(
            eq(roleMemberships.userId, users.id),
            eq(roleMemberships.orgId, users.orgId),
            eq(roleMemberships.role, 'hr_admin'),
          ),
        )
        .where(
          and(eq(users.orgId, ctx.actor.orgId), eq(users.id, breakGlassUserId), isNull(users.disabledAt)),
        );
      if (!admin)
        throw invalidField(
          'body/breakGlassUserId',
          'must be an active HR administrator of this organisation',
        );
    }
    const values = {
      ...fields,
      isAutoCreate: input.createAccountsOnFirstSignIn,
      isSsoOnly: input.ssoOnly,
      breakGlassUserId,
      updatedAt: now,
    };
    const [saved] = await tx
      .insert(organizationSso)
      .values({ orgId: ctx.actor.orgId, ...values })
      .onConflictDoUpdate({ target: organizationSso.orgId, set: values })
      .returning();
    await appendActorEvent(tx, ctx, {
      action: 'organization.sso_saved',
      entityType: 'organization',
      entityId: ctx.actor.orgId,
      digest: { protocol: saved.protocol, isAutoCreate: saved.isAutoCreate, isSsoOnly: saved.isSsoOnly },
    });
    return saved;
  });
  return view(ctx, row, await slugOf(ctx));
}

export async function removeSsoSettings(ctx: ServiceContext) {
  requireHrAdmin(ctx);
  await inTransaction(ctx.deps, async (tx) => {
    const removed = await tx
      .delete(organizationSso)
      .where(eq(organizationSso.orgId, ctx.actor.orgId))
      .returning({ orgId: organizationSso.orgId });
    if (!removed.length) throw notFound('Single sign-on settings');
    await appendActorEvent(tx, ctx, {
      action: 'organization.sso_removed',
      entityType: 'organization',
      entityId: ctx.actor.orgId,
    });
  });
}
