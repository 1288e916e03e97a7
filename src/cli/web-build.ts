// Builds the web app with Vite when its output is missing or older than its sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const webDistDir = join(root, 'web', 'dist');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

export async function ensureWebBuilt(): Promise<void> {
  const sources = join(root, 'web', 'src');
  if (!existsSync(sources)) return;
  const builtAt = existsSync(join(webDistDir, 'index.html'))
    ? statSync(join(webDistDir, 'index.html')).mtimeMs
    : 0;
  const inputs = [
    newest(sources),
    ...['index.html', 'vite.config.ts'].map((f) => statSync(join(root, 'web', f)).mtimeMs),
  ];
  if (builtAt > Math.max(...inputs)) return;
  process.stdout.write('Building the web app…\n');
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--config', join(root, 'web', 'vite.config.ts')],
    {
      stdio: 'inherit',
      cwd: root,
    },
  );
  if (result.status !== 0) throw new Error('The web app failed to build; see the output above.');
}
