// Plan templates: the default in English and Spanish, and organisation copies that HR edits (versioned).
import { and, desc, eq } from 'drizzle-orm';
import { planTemplates } from '../../db/schema/index.ts';
import { DomainError, invalid, notFound } from '../../domain/errors.ts';
import { defaultTemplate } from '../../domain/template/default-templates.ts';
import { type PlanTemplate, planTemplateSchema } from '../../domain/template/template.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { claimUnchanged } from '../preconditions.ts';

export type TemplateSummary = {
  id: string;
  name: string;
  locale: 'en' | 'es';
  version: number;
  basedOn: string;
  isDefault: boolean;
};

const requireHrAdmin = (ctx: ServiceContext) => {
  if (!ctx.actor.roles.has('hr_admin'))
    throw new DomainError('forbidden', 'Only HR administrators manage templates');
};

const isUuid = (id: string) => /^[0-9a-f-]{36}$/i.test(id);

/**
 * Parses a whole template; each error's path says where the template sits in the request:
 * `body/body/...` when copying (the template is the `body` field), `body/...` when saving (it is the body).
 */
function validate(body: unknown, at: readonly string[]): PlanTemplate {
  const parsed = planTemplateSchema.safeParse(body);
  if (!parsed.success) {
    throw invalid(
      parsed.error.issues
        .slice(0, 50)
        .map((i) => ({ path: [...at, ...i.path.map(String)].join('/'), message: i.message })),
      'The template is incomplete or malformed',
    );
  }
  return parsed.data;
}

export async function listTemplates(ctx: ServiceContext): Promise<TemplateSummary[]> {
  const rows = await ctx.deps.database.db
    .select()
    .from(planTemplates)
    .where(eq(planTemplates.orgId, ctx.actor.orgId))
    .orderBy(desc(planTemplates.createdAt));
  const defaults = (['en', 'es'] as const).map((locale) => {
    const t = defaultTemplate(locale);
    return { id: 'default', name: t.name, locale, version: t.version, basedOn: 'default', isDefault: true };
  });
  return [
    ...defaults,
    ...rows.map((r) => ({
      id: r.id,
      name: r.name,
      locale: r.locale,
      version: r.version,
      basedOn: r.basedOn,
      isDefault: false,
    })),
  ];
}

export async function getTemplate(
  ctx: ServiceContext,
  id: string,
  locale: 'en' | 'es',
): Promise<PlanTemplate & { revision?: number }> {
  if (id === 'default') return defaultTemplate(locale);
  const [row] = isUuid(id)
    ? await ctx.deps.database.db
        .select()
        .from(planTemplates)
        .where(and(eq(planTemplates.orgId, ctx.actor.orgId), eq(planTemplates.id, id)))
    : [];
  if (!row) throw notFound('Template');
  return { ...(row.body as PlanTemplate), id: row.id, version: row.version, revision: row.revision };
}

/** Copies the default template (optionally already changed) into the organisation. */
export async function copyTemplate(
  ctx: ServiceContext,
  input: { locale: 'en' | 'es'; name: string; body?: unknown },
) {
  requireHrAdmin(ctx);
  const base = defaultTemplate(input.locale);
  const body = validate(
    {
      ...((input.body as object) ?? base),
      id: 'copy',
      version: 1,
      locale: input.locale,
      name: input.name,
    },
    ['body', 'body'],
  );
  return inTransaction(ctx.deps, async (tx) => {
    const [row] = await tx
      .insert(planTemplates)
      .values({
        orgId: ctx.actor.orgId,
        name: input.name,
        locale: input.locale,
        version: 1,
        basedOn: `default@${base.version}`,
        body,
      })
      .returning();
    await appendAuditEvent(tx, ctx.meta, ctx.deps.now(), {
      orgId: ctx.actor.orgId,
      actorUserId: ctx.actor.userId,
      action: 'template.created',
      entityType: 'template',
      entityId: row.id,
    });
    return { ...body, id: row.id, version: 1, revision: row.revision };
  });
}

/** Saves a new version of an organisation template; plans keep the version they were made from. */
export async function updateTemplate(ctx: ServiceContext, id: string, body: unknown) {
  requireHrAdmin(ctx);
  return inTransaction(ctx.deps, async (tx) => {
    const [row] = isUuid(id)
      ? await tx
          .select()
          .from(planTemplates)
          .where(and(eq(planTemplates.orgId, ctx.actor.orgId), eq(planTemplates.id, id)))
          .for('update')
      : [];
    if (!row) throw notFound('Template');
    // A save over someone else's newer version is refused (412) when the editor sends what it read.
    await claimUnchanged(tx, ctx, { kind: 'template', id });
    const version = row.version + 1;
    const parsed = validate({ ...(body as object), id: row.id, version, locale: row.locale }, ['body']);
    const [saved] = await tx
      .update(planTemplates)
      .set({ body: parsed, version, name: parsed.name })
      .where(and(eq(planTemplates.orgId, ctx.actor.orgId), eq(planTemplates.id, id)))
      .returning({ revision: planTemplates.revision });
    await appendAuditEvent(tx, ctx.meta, ctx.deps.now(), {
      orgId: ctx.actor.orgId,
      actorUserId: ctx.actor.userId,
      action: 'template.updated',
      entityType: 'template',
      entityId: id,
      digest: { version },
    });
    return { ...parsed, revision: saved.revision };
  });
}
