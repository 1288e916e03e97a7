// Starts Mejora: opens the database, seeds the demo when embedded and empty, serves HTTP, shuts down cleanly.
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/client.ts';
import { createJobRunner } from './jobs/job-runner.ts';
import { type App, buildApp } from './server/app.ts';
import { guardProcess } from './server/request-guard.ts';
import type { Deps } from './services/context.ts';
import { demoLogins, seedDemo } from './services/demo/seed-demo.ts';
import { seedDemoPlans } from './services/demo/seed-demo-plans.ts';
import { version } from './version.ts';

export type Running = { app: App; database: Database; url: string; stop(): Promise<void> };

export async function startServer(
  config: Config,
  options: { webDir?: string | null; print?: (line: string) => void } = {},
): Promise<Running> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let app: App | undefined;
  try {
    const deps: Deps = { database, config, now: () => new Date() };
    const isSeeded =
      database.engine === 'pglite' && (await seedDemo(database.db, { timezone: config.timezone }));
    if (isSeeded) await seedDemoPlans(deps);
    app = await buildApp({ deps, version, webDir: options.webDir ?? null });
    // An error escaping a request answers that request with a 500; it never ends the process.
    guardProcess(app.log);
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
    if (isSeeded) {
      print(
        'Demo organisation "Lumina Learning" created. Sign in with any of these (password: mejora-demo):',
      );
      for (const login of demoLogins) print(`  ${login.role.padEnd(9)} ${login.email}`);
    }
    print(
      `Mejora ${version} is running on ${database.engine === 'pglite' ? 'embedded PGlite' : 'PostgreSQL'}: ${url}`,
    );
    print(`API reference: ${url}/api/docs`);
    const started = app;
    // Jobs start after the server listens, in the background: /api/health answers meanwhile.
    const jobs = createJobRunner(deps, { log: started.log });
    deps.afterCommit = () => jobs.wake();
    jobs
      .start()
      .catch((error) => started.log.error({ error: (error as Error).message }, 'job runner failed to start'));
    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        await started.close();
        await jobs.stop();
        await database.close();
      })();
      return stopping;
    };
    return { app: started, database, url, stop };
  } catch (error) {
    await app?.close().catch(() => {});
    await database.close();
    throw error;
  }
}

/** Drains requests and closes the database on SIGINT/SIGTERM. */
export function stopOnSignals(running: Running): void {
  const onSignal = (signal: string) => {
    process.stdout.write(`Received ${signal}, shutting down…\n`);
    running.stop().then(
      () => process.exit(0),
      (error) => {
        process.stderr.write(`Shutdown failed: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}
