#!/usr/bin/env node
// The `mejora` command. Node 22.18+ runs TypeScript natively; older 22.x needs the flag, so re-run with it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

if (!process.features.typescript) {
  const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
  const result = spawnSync(
    process.execPath,
    ['--experimental-strip-types', '--no-warnings', main, ...process.argv.slice(2)],
    {
      stdio: 'inherit',
    },
  );
  process.exit(result.status ?? 1);
} else {
  await import('../src/cli/main.ts');
}
