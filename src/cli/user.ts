// `mejora user create`: adds an account to an organisation.
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { organizations } from '../db/schema/index.ts';
import type { Role } from '../domain/access/actor.ts';
import { invalidField } from '../domain/errors.ts';

const allRoles: Role[] = ['hr_admin', 'hr', 'manager', 'employee', 'mentor', 'auditor'];

function parseRoles(value: string): Role[] {
  const roles = value.split(',').map((r) => r.trim());
  const unknown = roles.filter((r) => !allRoles.includes(r as Role));
  if (unknown.length)
    throw new InvalidArgumentError(`unknown role ${unknown.join(', ')}; use ${allRoles.join(', ')}`);
  return roles as Role[];
}

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('Manage user accounts');
  user
    .command('create')
    .description('Create a user (the password is read from MEJORA_PASSWORD, never from the command line)')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--name <name>', 'full name')
    .requiredOption('--role <roles>', `comma-separated roles: ${allRoles.join(', ')}`, parseRoles)
    .option('--org <slug>', 'organisation slug (created when it does not exist)', 'default')
    .option('--org-name <name>', 'name of a new organisation')
    .option('--locale <locale>', 'en or es', 'en')
    .action(
      async (options: {
        email: string;
        name: string;
        role: Role[];
        org: string;
        orgName?: string;
        locale: string;
      }) => {
        const password = process.env.MEJORA_PASSWORD;
        if (!password)
          throw invalidField('MEJORA_PASSWORD', 'set it to the new user’s password (at least 10 characters)');
        if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(options.email))
          throw invalidField('--email', 'must be an email address');
        if (options.locale !== 'en' && options.locale !== 'es')
          throw invalidField('--locale', 'must be en or es');
        const config = loadConfig();
        const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
        try {
          const { createUser } = await import('../services/users/create-user.ts');
          const { randomUUID } = await import('node:crypto');
          const id = await database.db.transaction(async (tx) => {
            let [org] = await tx.select().from(organizations).where(eq(organizations.slug, options.org));
            if (!org) {
              const orgId = randomUUID();
              [org] = await tx
                .insert(organizations)
                .values({
                  id: orgId,
                  orgId,
                  slug: options.org,
                  name: options.orgName ?? options.org,
                  settings: {
                    timezone: config.timezone,
                    retentionYears: 7,
                    defaultLocale: options.locale as 'en' | 'es',
                  },
                })
                .returning();
            }
            return createUser(tx as never, {
              orgId: org.id,
              email: options.email,
              name: options.name,
              password,
              roles: options.role,
              locale: options.locale as 'en' | 'es',
            });
          });
          process.stdout.write(`User ${id} created.\n`);
        } finally {
          await database.close();
        }
      },
    );
}
