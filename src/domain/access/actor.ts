// Who is acting: the signed-in user with their roles and directory record.
export type Role = 'hr_admin' | 'hr' | 'manager' | 'employee' | 'mentor' | 'auditor';

export type Actor = {
  userId: string;
  orgId: string;
  name: string;
  email: string;
  locale: 'en' | 'es';
  roles: ReadonlySet<Role>;
  /** The actor's own record in the directory, when they have one. */
  employeeId: string | null;
};

export const isHr = (actor: Actor): boolean => actor.roles.has('hr_admin') || actor.roles.has('hr');
