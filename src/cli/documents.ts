// `mejora documents export` (plan documents in bulk, resumable) and `mejora dossier verify FILE`.
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Command, InvalidArgumentError } from 'commander';
import { planStatuses } from '../contracts/plans.ts';

/** The main thread's young generation, in MB: left to V8 it grows to 64 MB per semi-space while plans stream past. */
const semiSpaceFlag = '--max-semi-space-size=4';

type ExportFlags = {
  out: string;
  status?: string[];
  department?: string[];
  format: 'pdf' | 'docx';
  locale?: 'en' | 'es';
  zip?: boolean;
  workers?: number;
};

const oneOf =
  <T extends string>(allowed: readonly T[], what: string) =>
  (value: string): T => {
    if (!allowed.includes(value as T))
      throw new InvalidArgumentError(`${what} must be one of ${allowed.join(', ')}`);
    return value as T;
  };

const statusList = (value: string, previous: string[] = []): string[] => [
  ...previous,
  ...value.split(',').map((s) => oneOf(planStatuses, 'a status')(s.trim())),
];
const textList = (value: string, previous: string[] = []): string[] => [...previous, value];

const positiveInt = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number, 1 or more');
  return n;
};

/** Runs this same command again with the memory flag, forwarding Ctrl-C to it; resolves with its exit code. */
function rerunWithMemoryFlag(): Promise<number> {
  const main = fileURLToPath(new URL('./main.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    [...process.execArgv, semiSpaceFlag, main, ...process.argv.slice(2)],
    {
      stdio: 'inherit',
    },
  );
  // The terminal sends Ctrl-C to both processes: the child stops cleanly, the parent waits for it.
  const ignore = (): void => {};
  process.on('SIGINT', ignore);
  return new Promise((done) => {
    child.on('exit', (code, signal) => {
      process.off('SIGINT', ignore);
      done(code ?? (signal ? 130 : 1));
    });
  });
}

async function exportCommand(flags: ExportFlags): Promise<number> {
  if (!process.execArgv.includes(semiSpaceFlag)) return rerunWithMemoryFlag();
  const [{ loadConfig }, { openDatabase }, { exportDocuments }, { commandReader, planSource }, cliProgress] =
    await Promise.all([
      import('../config.ts'),
      import('../db/client.ts'),
      import('../documents/export/export-documents.ts'),
      import('../services/exports/plan-source.ts'),
      import('cli-progress'),
    ]);
  const outDir = resolve(flags.out);
  try {
    mkdirSync(outDir, { recursive: true });
    accessSync(outDir, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'ENOTDIR' || code === 'EEXIST'
          ? 'a file is in the way'
          : 'it cannot be made';
    process.stderr.write(`Cannot write to ${outDir}: ${reason}\n`);
    return 1;
  }
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const controller = new AbortController();
  const onInterrupt = (): void => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
    process.stderr.write(
      '\nStopping once the files being rendered are written; Ctrl-C again to quit at once.\n',
    );
  };
  process.on('SIGINT', onInterrupt);
  const bar = new cliProgress.SingleBar(
    {
      format: ' {bar} {percentage}% | {value}/{total} files | {rate} files/s | {left} left | {failed} failed',
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const clock = (seconds: number | null): string => {
    if (seconds === null || !Number.isFinite(seconds)) return '–';
    const s = Math.round(seconds);
    return s >= 3600
      ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
      : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  };
  let isBarStarted = false;
  try {
    // Run on the server by whoever can reach its database: the reads are recorded as this command's.
    const source = planSource({ database, now: () => new Date() }, commandReader('mejora documents export'), {
      statuses: flags.status,
      departments: flags.department,
    });
    const summary = await exportDocuments({
      source,
      outDir,
      format: flags.format,
      locale: flags.locale ?? null,
      isZip: Boolean(flags.zip),
      workers: flags.workers,
      signal: controller.signal,
      onProgress: (p) => {
        const payload = { rate: p.rate.toFixed(1), left: clock(p.etaSeconds), failed: p.failed };
        if (!isBarStarted) {
          bar.start(p.total, 0, payload);
          isBarStarted = true;
        }
        bar.update(p.rendered + p.skipped + p.failed, payload);
      },
    });
    if (isBarStarted) bar.stop();
    const seconds = summary.elapsedMs / 1000;
    const rate = seconds > 0 ? (summary.rendered / seconds).toFixed(1) : '0';
    process.stdout.write(
      `${summary.total} plan(s): ${summary.rendered} rendered, ${summary.skipped} already done, ` +
        `${summary.failed} failed, in ${seconds.toFixed(1)} s (${rate} files/s) → ${outDir}\n`,
    );
    // Plan ids and the reason only: names stay out of terminals and logs.
    for (const f of summary.failures) process.stdout.write(`  failed: plan ${f.planId}: ${f.message}\n`);
    if (summary.zipPath) process.stdout.write(`Zip: ${summary.zipPath}\n`);
    if (summary.isInterrupted) {
      process.stdout.write('Interrupted: run the same command again to finish; finished files are kept.\n');
      return 130;
    }
    return summary.failed > 0 ? 1 : 0;
  } finally {
    if (isBarStarted) bar.stop();
    process.off('SIGINT', onInterrupt);
    await database.close();
  }
}

async function verifyCommand(file: string, flags: { json?: boolean }): Promise<number> {
  const [{ verifyDossier, DossierError }] = await Promise.all([import('../documents/verify-dossier.ts')]);
  let pdf: Buffer;
  try {
    pdf = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : 'it cannot be read';
    process.stderr.write(`Cannot verify ${file}: ${reason}\n`);
    return 1;
  }
  let report: Awaited<ReturnType<typeof verifyDossier>>;
  try {
    report = await verifyDossier(pdf);
  } catch (error) {
    if (error instanceof DossierError) {
      process.stderr.write(`Cannot verify ${file}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const isAccepted = report.isIntact && report.signatures.every((s) => s.matches);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return isAccepted ? 0 : 1;
  }
  const out: string[] = [];
  const p = report.plan;
  out.push(
    `${file}: ${report.isIntact ? 'intact' : 'NOT INTACT'}` +
      (p
        ? ` — plan ${p.id} (${p.employeeName}), version ${p.shownVersion} shown, generated ${report.generatedAt}`
        : ''),
  );
  const sig = report.pdfSignature;
  if (sig.isSigned) {
    const stamp = sig.timestamp
      ? `; timestamp ${sig.timestamp.time} by ${sig.timestamp.authority ?? 'unknown'}${sig.timestamp.isValid ? '' : ' (INVALID)'}`
      : '; no timestamp';
    out.push(
      `  PDF signature: ${sig.isValid && sig.isWholeFile ? 'valid, covers the whole file' : 'INVALID'} — ${sig.signer ?? 'unknown signer'}, signed ${sig.signedAt ?? 'at an unknown time'}${stamp}`,
    );
  } else out.push('  PDF signature: none');
  out.push(`  record SHA-256: ${report.recordHash}`);
  out.push(
    `  audit trail: ${report.audit.events} events, ${report.audit.isIntact ? 'intact' : 'BROKEN'}` +
      (report.audit.head ? `, chain head #${report.audit.head.seq} ${report.audit.head.hash}` : ''),
  );
  out.push('  signatures:');
  if (report.signatures.length === 0) out.push('    none');
  for (const s of report.signatures) {
    out.push(
      `    ${s.role.padEnd(8)} ${s.signerName} — version ${s.version}${s.isRefused ? ' (refused to sign)' : ''}: ${s.matches ? 'matches' : 'DOES NOT MATCH'}`,
    );
  }
  if (report.problems.length) {
    out.push('  problems:');
    for (const problem of report.problems) out.push(`    - ${problem}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return isAccepted ? 0 : 1;
}

export function registerDocumentCommands(program: Command): void {
  const documents = program.command('documents').description('Plan documents in bulk');
  documents
    .command('export')
    .description(
      'Render the plans that match as PDF or DOCX files into a directory, on every core; ' +
        'an interrupted export resumes where it stopped when run again',
    )
    .requiredOption('--out <dir>', 'directory to write the files into (made if missing)')
    .option(
      '--status <status>',
      `only plans in this status (repeat or comma-separate): ${planStatuses.join(', ')}`,
      statusList,
    )
    .option('--department <name>', 'only plans of this department (repeatable, case-insensitive)', textList)
    .option('--format <format>', 'pdf or docx', oneOf(['pdf', 'docx'] as const, 'the format'), 'pdf')
    .option(
      '--locale <locale>',
      "render in en or es instead of each plan's language",
      oneOf(['en', 'es'] as const, 'the locale'),
    )
    .option('--zip', 'also pack the finished files into <dir>/mejora-documents.zip')
    .option('--workers <n>', 'render threads (default: one per core)', positiveInt)
    .action(async (flags: ExportFlags) => {
      process.exitCode = await exportCommand(flags);
    });

  const dossier = program.command('dossier').description('The signed, verifiable record of a plan');
  dossier
    .command('verify <file>')
    .description(
      "Check a dossier PDF: its embedded record against its hash, each signature against its version's hash, " +
        'the audit chain and the PDF signature; exit 0 when intact, 1 when not',
    )
    .option('--json', 'print the full report as JSON')
    .action(async (file: string, flags: { json?: boolean }) => {
      process.exitCode = await verifyCommand(file, flags);
    });
}
