// Every kind of audit event Mejora records, in one catalogue: its name and the shape of the data it carries. An
// event's name is a key of this catalogue (the type system refuses any other), and its data is checked against
// the event's schema before it joins a chain, so the record says the same thing in the same shape every time.
// Events written through a plan change (see commitPlanChange) also carry `planChange`'s fields: the version
// written, the document's hash and the paths that changed. Data holds ids, counts and codes, never free text
// about a person beyond what the event is (a reason the actor gave is part of the record).
import { z } from 'zod';

const none = z.undefined();
const fields = z.strictObject({ fields: z.array(z.string()) });
const count = z.strictObject({ count: z.number().int().nonnegative() });
const version = z.strictObject({ version: z.number().int().positive() });
const isoDate = z.string().min(10).max(40);
const planStatus = z.string().min(1).max(40);
const transition = z.strictObject({
  from: planStatus,
  to: planStatus,
  outcome: z.string().optional(),
  isFinalEvaluationHeld: z.boolean().optional(),
  overrideReason: z.string().optional(),
  cause: z.string().optional(),
  by: z.string().optional(),
});
const managerChange = z.strictObject({ fromUserId: z.string().nullable(), toUserId: z.string().nullable() });

/** The fields a plan change adds to its event's data. */
export const planChange = z.strictObject({
  version: z.number().int().positive(),
  documentHash: z.string(),
  changed: z.array(z.string()),
});

type EventType = { data: z.ZodType; isPlanChange?: true };
const plain = <S extends z.ZodType>(data: S) => ({ data });
const change = <S extends z.ZodType>(data: S) => ({ data, isPlanChange: true as const });

export const auditEventTypes = {
  // Plan content, written through a plan change.
  'plan.created': change(z.strictObject({ template: z.string(), locale: z.string() })),
  'plan.updated': change(fields),
  'plan.signed': change(z.strictObject({ role: z.string(), activated: z.literal(true).optional() })),
  'plan.refused': change(z.strictObject({ role: z.string(), activated: z.literal(true).optional() })),
  'plan.refusal_witnessed': change(
    z.strictObject({ role: z.string(), activated: z.literal(true).optional() }),
  ),
  'plan.manager_changed': change(managerChange),
  'plan.submitted': change(transition),
  'plan.approved': change(transition),
  'plan.rejected': change(transition),
  'plan.paused': change(transition),
  'plan.resumed': change(transition),
  'plan.cancelled': change(transition),
  'plan.closed': change(transition),
  'plan.closed_with_override': change(transition),
  'plan.outcome_recommended': change(transition),
  'plan.accommodation_requested': change(
    z.strictObject({ from: planStatus, to: planStatus, characters: z.number().int().nonnegative() }),
  ),
  'plan.accommodation_resolved': change(
    z.strictObject({ decision: z.string(), from: planStatus, to: planStatus.nullable() }),
  ),
  'adjustment.approved': change(none),
  'appeal.decided': change(
    z
      .strictObject({ decision: z.string(), outcome: z.string().optional(), endDate: isoDate.optional() })
      .or(none),
  ),
  'success_criterion.added': change(none),
  'success_criterion.updated': change(none),
  'success_criterion.ticked': change(none),
  'success_criterion.removed': change(none),
  'focus_area.added': change(none),
  'focus_area.updated': change(none),
  'focus_area.removed': change(none),
  'focus_area.reordered': change(none),
  'metric.added': change(none),
  'metric.updated': change(none),
  'metric.removed': change(none),
  'measurement.recorded': change(none),
  'measurement.removed': change(none),
  'activity.added': change(none),
  'activity.updated': change(none),
  'activity.removed': change(none),
  'contact.added': change(none),
  'contact.updated': change(none),
  'contact.removed': change(none),
  'expense.added': change(none),
  'expense.removed': change(none),

  // Plans: reads, records and documents.
  'plan.viewed': plain(version),
  'plan.development_viewed': plain(version),
  'plan.version_viewed': plain(version.or(none)),
  'plan.audit_viewed': plain(none),
  'plan.readiness_viewed': plain(none),
  'plan.readiness_warning_accepted': plain(z.strictObject({ code: z.string(), reason: z.string() })),
  'plan.outcome_evidence_viewed': plain(none),
  'plan.response_added': plain(
    z.strictObject({ context: z.string(), characters: z.number().int() }).or(none),
  ),
  'plan.comment_added': plain(none),
  'plan.appealed': plain(z.strictObject({ outcome: z.string().nullable(), deadline: isoDate })),
  'plan.anonymised': plain(z.strictObject({ reason: z.string() })),
  'plan.document_downloaded': plain(
    z.strictObject({ version: z.number().int(), format: z.string(), locale: z.string() }),
  ),
  'plan.document_exported': plain(
    z.strictObject({ version: z.number().int(), exportId: z.string().optional() }),
  ),
  'plan.dossier_downloaded': plain(version),
  'plan.progress_report_downloaded': plain(z.strictObject({ version: z.number().int(), weekStart: isoDate })),
  'plan.exported_for_data_request': plain(z.strictObject({ employeeId: z.string() })),
  'adjustment.proposed': plain(z.strictObject({ paths: z.array(z.string()) })),
  'adjustment.rejected': plain(none),

  // Running a plan.
  'check_ins.viewed': plain(count),
  'check_ins.scheduled': plain(
    z.strictObject({ added: z.number().int(), removed: z.number().int(), timeZone: z.string() }),
  ),
  'check_in.added': plain(z.strictObject({ type: z.string(), scheduledAt: isoDate })),
  'check_in.updated': plain(z.looseObject({ type: z.string() })),
  'check_in.held': plain(z.looseObject({ type: z.string() })),
  'check_in.rescheduled': plain(z.looseObject({ type: z.string() })),
  'check_in.missed': plain(z.looseObject({ type: z.string() })),
  'check_in.cancelled': plain(z.looseObject({ type: z.string() })),
  'check_in.scheduled': plain(z.looseObject({ type: z.string() })),
  'check_in.commented': plain(z.looseObject({ type: z.string() })),
  'progress.viewed': plain(none),
  'progress_reports.viewed': plain(none),
  'progress_report.produced': plain(z.strictObject({ weekStart: isoDate })),
  'risk.flagged': plain(z.strictObject({ flags: z.array(z.string()) })),
  'feedback.requested': plain(z.looseObject({})),
  'feedback.received': plain(z.looseObject({})),
  'feedback.viewed': plain(count),
  'calendar.token_regenerated': plain(none),
  'calendar.feed_read': plain(z.strictObject({ events: z.number().int() })),

  // Document exports.
  'documents.export_requested': plain(z.looseObject({})),
  'documents.export_cancelled': plain(none),
  'documents.export_deleted': plain(none),
  'documents.export_downloaded': plain(none),

  // Accounts and sign-in.
  'auth.login': plain(z.strictObject({ method: z.string() }).or(none)),
  'auth.login_failed': plain(z.looseObject({}).or(none)),
  'auth.session_revoked': plain(none),
  'auth.password_reset_requested': plain(none),
  'auth.password_reset': plain(none),
  'auth.invitation_accepted': plain(none),
  'api_token.created': plain(z.looseObject({}).or(none)),
  'api_token.revoked': plain(none),
  'user.created': plain(z.strictObject({ roles: z.array(z.string()), via: z.string().optional() })),
  'user.updated': plain(fields),
  'user.invited': plain(z.strictObject({ employeeId: z.string().nullable() })),
  'user.preferences_updated': plain(z.looseObject({})),
  'user.notification_preferences_updated': plain(z.looseObject({})),

  // The directory.
  'employee.created': plain(z.looseObject({}).or(none)),
  'employee.updated': plain(fields),
  'employee.deactivated': plain(z.strictObject({ reason: z.string(), isAccountDisabled: z.boolean() })),
  'employee.data_exported': plain(z.strictObject({ files: z.number().int(), plans: z.number().int() })),
  'directory.imported': plain(z.looseObject({})),
  'scim.user_created': plain(z.looseObject({ via: z.literal('scim') })),
  'scim.user_updated': plain(z.looseObject({ via: z.literal('scim') })),
  'scim.user_deactivated': plain(z.looseObject({ via: z.literal('scim') })),
  'scim.user_reactivated': plain(z.looseObject({ via: z.literal('scim') })),
  'scim_token.created': plain(z.looseObject({}).or(none)),
  'scim_token.revoked': plain(none),

  // The organisation.
  'organization.updated': plain(fields),
  'organization.contact_added': plain(none),
  'organization.contact_updated': plain(none),
  'organization.contact_removed': plain(none),
  'organization.logo_changed': plain(z.strictObject({ sha256: z.string(), bytes: z.number().int() })),
  'organization.logo_removed': plain(none),
  'organization.chat_updated': plain(z.looseObject({})),
  'organization.sso_saved': plain(
    z.strictObject({ protocol: z.string(), isAutoCreate: z.boolean(), isSsoOnly: z.boolean() }),
  ),
  'organization.sso_removed': plain(none),
  'saved_view.created': plain(none),
  'saved_view.updated': plain(none),
  'saved_view.deleted': plain(none),
  'template.created': plain(z.looseObject({}).or(none)),
  'template.updated': plain(version),
  'webhook.created': plain(z.strictObject({ events: z.array(z.string()) })),
  'webhook.updated': plain(fields),
  'webhook.deleted': plain(none),
  'webhook.secret_rotated': plain(z.strictObject({ previousSecretExpiresAt: z.string().nullable() })),
  'webhook.delivery_replayed': plain(z.strictObject({ deliveryId: z.string() })),
} as const satisfies Record<string, EventType>;

export type AuditAction = keyof typeof auditEventTypes;
/** The data an event of kind `A` carries (for a plan change, beside `planChange`'s fields). */
export type AuditData<A extends AuditAction> = z.input<(typeof auditEventTypes)[A]['data']>;
/** The events written through a plan change. */
export type PlanChangeAction = {
  [A in AuditAction]: (typeof auditEventTypes)[A] extends { isPlanChange: true } ? A : never;
}[AuditAction];

export const isAuditAction = (value: string): value is AuditAction => Object.hasOwn(auditEventTypes, value);

/**
 * Checks an event's data against its kind's schema; a mismatch is a programming error, so it throws. A plan
 * change's own fields are checked apart from the event's.
 */
export function checkAuditData(action: AuditAction, data: Record<string, unknown> | null | undefined): void {
  const type: EventType = auditEventTypes[action];
  let own = data ?? undefined;
  if (type.isPlanChange && own) {
    const { version: v, documentHash, changed, ...rest } = own;
    planChange.parse({ version: v, documentHash, changed });
    own = Object.keys(rest).length ? rest : undefined;
  }
  const result = type.data.safeParse(own);
  if (!result.success)
    throw new Error(`audit event ${action}: its data does not match the catalogue (${result.error.message})`);
}
