// Benchmark: JavaScript shipped on the web app's first load (entry script and its preloads), gzipped.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureWebBuilt, webDistDir } from '../src/cli/web-build.ts';

await ensureWebBuilt();
const html = readFileSync(join(webDistDir, 'index.html'), 'utf8');
const firstLoad = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const gz = (file: string) => gzipSync(readFileSync(join(webDistDir, file)), { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const first = firstLoad.reduce((sum, f) => sum + gz(f), 0);
const all = readdirSync(join(webDistDir, 'assets')).filter((f) => f.endsWith('.js'));
const total = all.reduce((sum, f) => sum + gz(join('assets', f)), 0);
process.stdout.write(`first load: ${firstLoad.length} scripts, ${kb(first)} gzipped (budget 300 KB)\n`);
process.stdout.write(`whole app: ${all.length} scripts, ${kb(total)} gzipped (routes load on demand)\n`);
process.exitCode = first <= 300 * 1024 ? 0 : 1;
