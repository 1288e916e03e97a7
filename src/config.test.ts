import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const dataDir = () => mkdtempSync(join(tmpdir(), 'mejora-config-'));

describe('configuration', () => {
  it('uses the documented defaults', () => {
    const dir = dataDir();
    const config = loadConfig({ MEJORA_DATA_DIR: dir });
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.isSecureCookie).toBe(false);
  });

  it('generates a secret once and keeps it in the data dir', () => {
    const dir = dataDir();
    const first = loadConfig({ MEJORA_DATA_DIR: dir }).secret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dir, 'secret'), 'utf8').trim()).toBe(first);
    expect(loadConfig({ MEJORA_DATA_DIR: dir }).secret).toBe(first);
  });

  it.each([
    [{ PORT: 'eighty' }, /^Invalid configuration: PORT is invalid/],
    [{ PORT: '70000' }, /PORT is invalid/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL is invalid: must be a postgres/],
    [{ PUBLIC_URL: 'not a url' }, /PUBLIC_URL is invalid/],
    [{ NODE_ENV: 'production' }, /MEJORA_SECRET is missing: required when NODE_ENV=production/],
    [{ MEJORA_SECRET: 'short' }, /MEJORA_SECRET is invalid: must be at least 32 characters/],
    [{ MEJORA_TIMEZONE: 'Mars/Olympus' }, /MEJORA_TIMEZONE is invalid/],
  ])('stops with one line naming the variable for %o', (env, message) => {
    const attempt = () => loadConfig({ MEJORA_DATA_DIR: dataDir(), ...env });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('marks cookies Secure when the public URL is https', () => {
    expect(
      loadConfig({ MEJORA_DATA_DIR: dataDir(), PUBLIC_URL: 'https://pip.example.com/' }).isSecureCookie,
    ).toBe(true);
  });
});
