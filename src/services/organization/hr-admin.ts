// The organisation's settings, accounts and logo are changed by HR administrators only.
import { DomainError } from '../../domain/errors.ts';
import type { ServiceContext } from '../context.ts';

export function requireHrAdmin(ctx: ServiceContext): void {
  if (!ctx.actor.roles.has('hr_admin'))
    throw new DomainError('forbidden', 'Only HR administrators manage the organisation');
}
