// `npm run bench`: every benchmark in turn; each prints its own numbers.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const here = import.meta.dirname;
const benches = ['api.ts', 'documents.ts', 'web-bundle.ts', 'analytics.ts'].filter((f) =>
  existsSync(join(here, f)),
);
let failed = 0;
for (const file of benches) {
  process.stdout.write(`\n== ${file} ==\n`);
  const result = spawnSync(process.execPath, [join(here, file), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
