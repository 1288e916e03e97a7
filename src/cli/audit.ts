// `mejora audit verify` and `mejora retention apply`: record keeping from the command line.
import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { organizations } from '../db/schema/index.ts';

export function registerRecordCommands(program: Command): void {
  const audit = program.command('audit').description('The tamper-evident audit trail');
  audit
    .command('verify')
    .description(
      'Recompute every hash chain and checkpoint; exit 1 when anything was changed, removed or inserted',
    )
    .option('--json', 'print the full report as JSON')
    .action(async (options: { json?: boolean }) => {
      const config = loadConfig();
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      let isIntact = true;
      try {
        const { verifyAudit } = await import('../services/audit/verify-audit.ts');
        const orgs = await database.db
          .select({ id: organizations.id, name: organizations.name })
          .from(organizations);
        const reports = [];
        for (const org of orgs) {
          const report = await verifyAudit(database.db, org.id);
          reports.push({ organization: org.name, ...report });
          isIntact &&= report.isIntact;
          if (!options.json) {
            process.stdout.write(
              `${org.name}: ${report.isIntact ? 'intact' : 'TAMPERED'} — ${report.chains} chains, ${report.events} events, ${report.checkpoints} checkpoints\n`,
            );
            for (const p of report.problems)
              process.stdout.write(`  ${p.problem} at ${p.chain} #${p.seq}: ${p.message}\n`);
          }
        }
        if (options.json) process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
      } finally {
        await database.close();
      }
      process.exitCode = isIntact ? 0 : 1;
    });

  const retention = program
    .command('retention')
    .description('Keep closed plans only for the retention period');
  retention
    .command('apply')
    .description("Anonymise closed plans past their organisation's retention period (statistics are kept)")
    .option('--dry-run', 'list what would be anonymised without changing anything')
    .action(async (options: { dryRun?: boolean }) => {
      const config = loadConfig();
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const { applyRetention } = await import('../services/retention/apply-retention.ts');
        const found = await applyRetention(database.db, new Date(), { isDryRun: Boolean(options.dryRun) });
        const verb = options.dryRun ? 'would anonymise' : 'anonymised';
        process.stdout.write(`${found.length} plan(s) ${verb}.\n`);
        for (const f of found)
          process.stdout.write(`  ${f.planId} (${f.status}, closed ${f.closedAt.slice(0, 10)})\n`);
      } finally {
        await database.close();
      }
    });
}
