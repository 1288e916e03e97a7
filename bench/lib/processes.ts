// Child processes for benchmarks: the server under test and the load generator each run in their own.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

/** Starts a process and resolves with the first stdout line that `pick` accepts. */
export async function startProcess<T>(
  args: string[],
  env: Record<string, string>,
  pick: (line: string) => T | undefined,
  timeoutMs = 120_000,
): Promise<{ child: ChildProcess; value: T }> {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const value = await new Promise<T>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(
      () => reject(new Error(`${args.join(' ')}: no answer in ${timeoutMs} ms`)),
      timeoutMs,
    );
    child.stdout?.on('data', (chunk) => {
      buffer += chunk;
      for (const line of buffer.split('\n')) {
        const found = pick(line);
        if (found !== undefined) {
          clearTimeout(timer);
          resolve(found);
        }
      }
      buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with ${code}: ${stderr}`));
    });
  });
  child.stdout?.resume();
  return { child, value };
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export type Load = {
  requests: number;
  rate: number;
  p50: number;
  p90: number;
  /** autocannon reports no p95: p97.5 is the nearest percentile above it. */
  p97_5: number;
  p99: number;
  max: number;
  errors: number;
};

/**
 * Runs autocannon in its own process against one URL (with `paths`, each connection on its own path of that
 * origin) and returns its summary.
 */
export async function measure(
  url: string,
  options: { connections: number; seconds: number; headers?: Record<string, string>; paths?: string[] },
): Promise<Load> {
  const runner = join(root, 'bench', 'lib', 'load-runner.ts');
  const job = { url, ...options };
  const child = spawn(process.execPath, [runner, JSON.stringify(job)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  await once(child, 'exit');
  const result = JSON.parse(output);
  return {
    requests: result.requests.total,
    rate: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}
