// The `mejora` command line: serve, migrate, demo, user create, directory import.
import { existsSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig } from '../config.ts';
import { DataDirLockedError, openDatabase } from '../db/client.ts';
import { DomainError } from '../domain/errors.ts';
import type { GeneratedSize } from '../services/demo/generate-organization.ts';
import { version } from '../version.ts';
import { registerRecordCommands } from './audit.ts';
import { registerDirectoryCommands } from './directory.ts';
import { registerDocumentCommands } from './documents.ts';
import { registerUserCommands } from './user.ts';
import { ensureWebBuilt, webDistDir } from './web-build.ts';

const program = new Command();
program
  .name('mejora')
  .description('Performance Improvement Plans, from draft to signed record')
  .version(version);

program
  .command('serve')
  .description('Run the web app and API (applies migrations; seeds the demo on an empty embedded database)')
  .option('--port <port>', 'port to listen on (overrides PORT)', parsePort)
  .option('--build-web', 'build the web app first when it is missing or out of date')
  .action(async (options: { port?: number; buildWeb?: boolean }) => {
    const config = loadConfig(
      options.port === undefined ? process.env : { ...process.env, PORT: String(options.port) },
    );
    // Signing settings are checked now, not at the first dossier download.
    const { readSigningConfig } = await import('../documents/signing/signing-config.ts');
    const signing = readSigningConfig();
    if (signing.p12Path && !existsSync(signing.p12Path)) {
      throw new ConfigError(
        `Invalid configuration: MEJORA_SIGNING_P12 is invalid: no file at ${signing.p12Path}`,
      );
    }
    if (options.buildWeb) await ensureWebBuilt();
    const { startServer, stopOnSignals } = await import('../runtime.ts');
    stopOnSignals(await startServer(config, { webDir: webDistDir }));
  });

program
  .command('migrate')
  .description('Apply the database migrations and exit')
  .action(async () => {
    const config = loadConfig();
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    await database.close();
    process.stdout.write(`Migrations applied (${database.engine}).\n`);
  });

program
  .command('demo')
  .description('Seed the demo organisation "Lumina Learning" (also on PostgreSQL)')
  .option(
    '--size <size>',
    'then grow it for speed measurements: small (1,000 people), medium (10,000) or large (100,000 people, 20,000 plans, about a million check-ins and measurements)',
    parseSize,
  )
  .action(async (options: { size?: GeneratedSize }) => {
    const config = loadConfig();
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const { seedDemo, demoLogins } = await import('../services/demo/seed-demo.ts');
      const isSeeded = await seedDemo(database.db, { isForced: true, timezone: config.timezone });
      if (isSeeded) {
        const { seedDemoPlans } = await import('../services/demo/seed-demo-plans.ts');
        await seedDemoPlans({ database, config, now: () => new Date() });
      }
      process.stdout.write(
        isSeeded
          ? 'Demo organisation created. Logins (password: mejora-demo):\n'
          : 'The demo organisation already exists.\n',
      );
      if (isSeeded) for (const l of demoLogins) process.stdout.write(`  ${l.role.padEnd(9)} ${l.email}\n`);
      if (options.size) {
        const { generateOrganization } = await import('../services/demo/generate-organization.ts');
        process.stdout.write(`Generating the ${options.size} organisation…\n`);
        const counts = await generateOrganization(database.db, options.size, (step, rows, elapsedMs) =>
          process.stdout.write(
            `  ${(elapsedMs / 1000).toFixed(1).padStart(7)} s  ${step.padEnd(18)} ${rows}\n`,
          ),
        );
        process.stdout.write(
          `Generated: ${Object.entries(counts)
            .map(([table, n]) => `${n} ${table}`)
            .join(', ')}.\n`,
        );
      }
    } finally {
      await database.close();
    }
  });

registerUserCommands(program);
registerDirectoryCommands(program);
registerRecordCommands(program);
registerDocumentCommands(program);

function parseSize(value: string): GeneratedSize {
  if (value === 'small' || value === 'medium' || value === 'large') return value;
  throw new InvalidArgumentError('Size must be small, medium or large.');
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InvalidArgumentError('must be a port number 0–65535');
  return port;
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  if (error instanceof DomainError) {
    const fields = error.fieldErrors.map((f) => `${f.path} ${f.message}`).join('; ');
    process.stderr.write(`${fields || error.message}\n`);
    process.exit(1);
  }
  throw error;
}
