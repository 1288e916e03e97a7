// Accounts of the directory over HTTP: invitations, password reset, and handing plans to a new manager.
import { z } from 'zod';
import { roleSchema } from './auth.ts';
import { shortText, uuid } from './common.ts';

export const accountSchema = z
  .object({
    status: z
      .enum(['active', 'invited', 'not_invited', 'none', 'deactivated'])
      .describe(
        'active: can sign in; invited: invitation sent, password not set yet; not_invited: an account without a password that was never invited; none: no account; deactivated: the account may not sign in',
      ),
    userId: uuid.nullable(),
    roles: z.array(roleSchema),
    hasPassword: z.boolean(),
    invitedAt: z.string().nullable().describe('When the latest invitation was sent'),
    invitationExpiresAt: z.string().nullable().describe('When the pending invitation stops working'),
  })
  .meta({ id: 'Account' });

export const invitationSchema = z
  .object({ employeeId: uuid, userId: uuid, expiresAt: z.string() })
  .meta({ id: 'Invitation' });

export const bulkInvitationSchema = z.object({
  invited: z.number().int().describe('People sent an invitation'),
  skipped: z.number().int().describe('People who could not be invited (their address is another account)'),
});

export const passwordResetBody = z
  .object({ email: z.string().trim().min(1, 'is required').max(254) })
  .strict();

export const passwordSetBody = z
  .object({
    token: z.string().trim().min(1, 'is required').max(200),
    password: z.string().min(12, 'must be at least 12 characters').max(200, 'at most 200 characters'),
  })
  .strict();

export const reassignmentSchema = z
  .object({
    planId: uuid,
    status: z.string(),
    employeeName: z.string(),
    managerUserId: uuid,
    managerName: z.string().nullable(),
    reason: z.enum(['account_deactivated', 'left']),
  })
  .meta({ id: 'Reassignment' });

export const managerChangeBody = z.object({ managerEmployeeId: uuid, reason: shortText(2000) }).strict();

export const managerChangeSchema = z.object({
  planId: uuid,
  adjustmentId: uuid
    .nullable()
    .describe('Set when the plan was under agreement: the change is an adjustment'),
  version: z.number().int(),
});
