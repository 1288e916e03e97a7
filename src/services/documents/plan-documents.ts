// Downloads of a plan as PDF or DOCX: the same view the reader may see, rendered, and recorded as a view.
import { loadPlanAggregate } from '../../db/repositories/plan-repository.ts';
import { fileSlug } from '../../documents/file-slug.ts';
import type { DocumentExtras } from '../../documents/printable.ts';
import { can } from '../../domain/access/policy.ts';
import { notFound } from '../../domain/errors.ts';
import { todayIn } from '../../domain/plan/dates.ts';
import type { PlanReadModel } from '../../domain/plan/read-model.ts';
import { defaultTemplate } from '../../domain/template/default-templates.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { loadLogo } from '../organization/logo.ts';
import { canSee, factsOf } from '../plans/plan-access.ts';
import { organizationTimezone, readPlanAs } from '../plans/present-plan.ts';
import { documentExtras } from './document-extras.ts';

export type DocumentFormat = 'pdf' | 'docx';

/** Loads the plan as this reader sees it and records the download in the plan's audit chain. */
export async function planForDocument(
  ctx: ServiceContext,
  planId: string,
  format: string,
  locale?: 'en' | 'es',
): Promise<{ plan: PlanReadModel; extras: DocumentExtras }> {
  const { deps, actor, meta } = ctx;
  const aggregate = await loadPlanAggregate(deps.database.db, actor.orgId, planId);
  if (!aggregate || !canSee(actor, aggregate.plan) || !can(actor, 'plan.read', factsOf(aggregate.plan)))
    throw notFound('Plan');
  return inTransaction(deps, async (tx) => {
    const now = deps.now();
    await appendAuditEvent(tx, meta, now, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: 'plan.document_downloaded',
      entityType: 'document',
      entityId: `${planId}.${format}`,
      planId,
      digest: { version: aggregate.plan.version, format, locale: locale ?? aggregate.plan.locale },
    });
    return {
      plan: readPlanAs(actor, aggregate, todayIn(await organizationTimezone(tx, actor.orgId), now)),
      extras: await documentExtras(tx, aggregate),
    };
  });
}

export async function renderPlanDocument(
  ctx: ServiceContext,
  planId: string,
  format: DocumentFormat,
  locale?: 'en' | 'es',
) {
  const { plan: stored, extras } = await planForDocument(ctx, planId, format, locale);
  // In another language the headings change; what people wrote stays as written.
  const plan =
    locale && locale !== stored.locale ? { ...stored, headings: defaultTemplate(locale).headings } : stored;
  const fileName = `pip-${fileSlug(plan.header.employeeName)}-v${plan.version}.${format}`;
  const logo = await loadLogo(ctx.deps.database.db, ctx.actor.orgId);
  if (format === 'pdf') {
    const { renderPlanPdf } = await import('../../documents/plan-pdf.ts');
    return {
      fileName,
      body: await renderPlanPdf(plan, {
        organizationName: plan.header.organizationName,
        locale: locale ?? plan.locale,
        logo: logo?.image ?? null,
        extras,
      }),
    };
  }
  const { renderPlanDocx } = await import('../../documents/plan-docx.ts');
  return {
    fileName,
    body: await renderPlanDocx(plan, {
      logo,
      locale: locale ?? plan.locale,
      downloadedBy: ctx.actor.name,
      extras,
    }),
  };
}
