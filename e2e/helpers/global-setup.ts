// Once per run of the browser tests: builds the web app when stale and makes the data directory every test file's
// server starts from, migrated and seeded with the demo as `npm start` would seed it. Each file copies it instead of
// migrating and seeding an embedded database of its own (about ten seconds each, more on a busy machine).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config.ts';
import { startServer } from '../../src/runtime.ts';
import { ensureWebBuilt } from './server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A stopped server's data directory: the demo seeded, its secret beside it ('' on PostgreSQL). */
    e2eDataTemplate: string;
  }
}

export default async function globalSetup(project: TestProject): Promise<() => void> {
  await ensureWebBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'mejora-e2e-template-'));
  const config = loadConfig({ ...process.env, MEJORA_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' });
  // A server on PostgreSQL (DATABASE_URL set) seeds nothing: each file starts as it would, from its own data dir.
  if (config.databaseUrl === undefined)
    await (await startServer(config, { webDir: null, print: () => {} })).stop();
  project.provide('e2eDataTemplate', config.databaseUrl === undefined ? dataDir : '');
  return () => rmSync(dataDir, { recursive: true, force: true });
}
