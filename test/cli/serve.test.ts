import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'mejora.js');
const dataDir = mkdtempSync(join(tmpdir(), 'mejora-cli-'));
const env = {
  ...process.env,
  MEJORA_DATA_DIR: dataDir,
  PORT: '0',
  LOG_LEVEL: 'silent',
  NODE_ENV: 'development',
};

function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`timed out; output so far:\n${output}`)), timeoutMs);
    child.stdout?.on('data', (chunk) => {
      output += chunk;
      const match = output.match(pattern);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}; output:\n${output}`));
    });
  });
}

describe('the mejora command', () => {
  let server: ChildProcess | undefined;
  afterAll(() => {
    server?.kill('SIGKILL');
  });

  it('serves on the embedded database, seeds the demo, refuses a second process, and stops cleanly', async () => {
    server = spawn(process.execPath, [bin, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const running = await waitForLine(server, /running on embedded PGlite: (http:\/\/\S+)/);
    const url = running.split(': ')[1];
    const health = await fetch(`${url}/api/health`).then((r) => r.json());
    expect(health).toMatchObject({ status: 'ok', db: 'pglite' });
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'hr@demo.mejora.dev', password: 'mejora-demo' }),
    });
    expect(login.status).toBe(200);

    const second = spawnSync(process.execPath, [bin, 'migrate'], { env, encoding: 'utf8' });
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/already in use by process \d+/);
    expect(second.stderr.trim().split('\n')).toHaveLength(1);

    const exited = new Promise<number | null>((resolve) => server!.on('exit', resolve));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);

    const after = spawnSync(process.execPath, [bin, 'migrate'], { env, encoding: 'utf8' });
    expect(after.stdout).toMatch(/Migrations applied \(pglite\)/);
    expect(after.status).toBe(0);
  });

  it('verifies the audit trail and dry-runs retention from the command line', () => {
    const verify = spawnSync(process.execPath, [bin, 'audit', 'verify'], { env, encoding: 'utf8' });
    expect(verify.stdout).toMatch(/Lumina Learning: intact — \d+ chains, \d+ events/);
    expect(verify.status).toBe(0);
    const retention = spawnSync(process.execPath, [bin, 'retention', 'apply', '--dry-run'], {
      env,
      encoding: 'utf8',
    });
    expect(retention.stdout).toMatch(/^0 plan\(s\) would anonymise/);
    expect(retention.status).toBe(0);
  });

  it('stops with one clear line naming a bad variable', () => {
    const result = spawnSync(process.execPath, [bin, 'migrate'], {
      env: { ...env, PORT: 'abc' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/^Invalid configuration: PORT is invalid/);
  });

  it('refuses to serve with a signing certificate that does not exist, naming the variable', () => {
    const result = spawnSync(process.execPath, [bin, 'serve'], {
      env: { ...env, MEJORA_SIGNING_P12: '/nowhere/org.p12' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'Invalid configuration: MEJORA_SIGNING_P12 is invalid: no file at /nowhere/org.p12',
    );
  });

  it('prints help for each command', () => {
    for (const args of [
      ['--help'],
      ['serve', '--help'],
      ['migrate', '--help'],
      ['demo', '--help'],
      ['user', 'create', '--help'],
    ]) {
      const result = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8' });
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/Usage: mejora/);
    }
  });

  it('creates a user from the command line and refuses a bad role', () => {
    const ok = spawnSync(
      process.execPath,
      [
        bin,
        'user',
        'create',
        '--email',
        'ops@example.com',
        '--name',
        'Ops Person',
        '--role',
        'hr_admin',
        '--org',
        'acme',
      ],
      { env: { ...env, MEJORA_PASSWORD: 'a-long-password' }, encoding: 'utf8' },
    );
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toMatch(/User [0-9a-f-]+ created/);
    const bad = spawnSync(
      process.execPath,
      [bin, 'user', 'create', '--email', 'x@example.com', '--name', 'X', '--role', 'boss'],
      { env: { ...env, MEJORA_PASSWORD: 'a-long-password' }, encoding: 'utf8' },
    );
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/unknown role boss/);
  });
});
