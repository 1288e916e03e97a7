// `mejora directory import FILE`: previews a directory file, and with --apply writes it.
import { createReadStream, statSync } from 'node:fs';
import type { Command } from 'commander';

type ImportFlags = { org?: string; apply?: boolean; deactivateMissing?: boolean };

export function registerDirectoryCommands(program: Command): void {
  const directory = program.command('directory').description('The employee directory');
  directory
    .command('import')
    .description(
      'Preview a directory CSV file (nothing is written); --apply writes it. Exit 1 when the file has problems.',
    )
    .argument('<file>', 'the CSV file, its first line naming the columns (English or Spanish)')
    .option('--org <slug>', 'organisation slug (needed when the database holds more than one)')
    .option('--apply', 'write the import (one transaction) when the file has no problem')
    .option('--deactivate-missing', 'deactivate the people of the directory who are not in the file')
    .action(async (file: string, flags: ImportFlags) => {
      process.exitCode = await importCommand(file, flags);
    });
}

async function importCommand(file: string, flags: ImportFlags): Promise<number> {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    process.stderr.write(`Cannot read ${file}\n`);
    return 1;
  }
  const [{ loadConfig }, { openDatabase }, { organizations }, { eq }, service, cliProgress] =
    await Promise.all([
      import('../config.ts'),
      import('../db/client.ts'),
      import('../db/schema/index.ts'),
      import('drizzle-orm'),
      import('../services/directory/import-directory.ts'),
      import('cli-progress'),
    ]);
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const bar = new cliProgress.SingleBar(
    { format: ' {task} {bar} {percentage}% | {value}/{total}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  const isShowingProgress = Boolean(process.stderr.isTTY) && size > 200_000;
  try {
    const orgs = await (flags.org
      ? database.db.select().from(organizations).where(eq(organizations.slug, flags.org))
      : database.db.select().from(organizations));
    if (orgs.length !== 1) {
      process.stderr.write(
        flags.org
          ? `No organisation with the slug ${flags.org}\n`
          : `Name the organisation with --org (${orgs.map((o) => o.slug).join(', ') || 'none exists yet'})\n`,
      );
      return 1;
    }
    const importer = {
      orgId: orgs[0].id,
      userId: null,
      name: 'command line',
      employeeId: null,
      isHrAdmin: true,
    };
    const stream = createReadStream(file);
    if (isShowingProgress) {
      bar.start(size, 0, { task: 'reading ' });
      stream.on('data', () => bar.update(stream.bytesRead));
    }
    const preview = await service.previewDirectoryImport({ database }, importer, stream, {
      isDeactivatingMissing: Boolean(flags.deactivateMissing),
    });
    if (isShowingProgress) bar.stop();
    const { counts } = preview;
    process.stdout.write(
      `${counts.create} to create, ${counts.update} to update, ${counts.deactivate} to deactivate, ${counts.unchanged} unchanged, ${counts.problems} problem(s)\n`,
    );
    if (preview.ignoredColumns.length)
      process.stdout.write(`Ignored columns: ${preview.ignoredColumns.join(', ')}\n`);
    for (const p of preview.problems)
      process.stdout.write(`line ${p.line}${p.column ? `, ${p.column}` : ''}: ${p.message}\n`);
    if (preview.problems.length) {
      process.stdout.write('Nothing was written: correct the file and run the command again.\n');
      return 1;
    }
    if (!flags.apply) {
      process.stdout.write('Nothing was written (preview). Run again with --apply to write it.\n');
      return 0;
    }
    if (isShowingProgress) bar.start(1, 0, { task: 'applying' });
    const applied = await service.applyDirectoryImport(
      { database, now: () => new Date() },
      importer,
      { requestId: null, ip: null, userAgent: 'mejora directory import' },
      preview.id,
      isShowingProgress
        ? (done, total) => {
            bar.setTotal(total);
            bar.update(done);
          }
        : undefined,
    );
    if (isShowingProgress) bar.stop();
    process.stdout.write(
      `Applied: ${applied.counts.create} created, ${applied.counts.update} updated, ${applied.counts.deactivate} deactivated.\n`,
    );
    return 0;
  } finally {
    bar.stop();
    await database.close();
  }
}
