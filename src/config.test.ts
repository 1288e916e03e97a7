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
    [{ ANALYTICS_MAX_AGE_SECONDS: '-5' }, /ANALYTICS_MAX_AGE_SECONDS is invalid/],
    [{ NODE_ENV: 'production' }, /MEJORA_SECRET is missing: required when NODE_ENV=production/],
    [{ MEJORA_SECRET: 'short' }, /MEJORA_SECRET is invalid: must be at least 32 characters/],
    [{ MEJORA_TIMEZONE: 'Mars/Olympus' }, /MEJORA_TIMEZONE is invalid/],
    [
      { TRUSTED_PROXIES: '10.0.0.1,proxy.example.com' },
      /TRUSTED_PROXIES is invalid: must be comma-separated/,
    ],
    [{ TRUSTED_PROXIES: '10.0.0.0/33' }, /TRUSTED_PROXIES is invalid/],
    [{ TRUSTED_PROXIES: '10.0.0.0/8/1' }, /TRUSTED_PROXIES is invalid/],
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

  it('trusts no proxy by default, and the listed addresses and ranges when set', () => {
    expect(loadConfig({ MEJORA_DATA_DIR: dataDir() }).trustedProxies).toEqual([]);
    expect(
      loadConfig({ MEJORA_DATA_DIR: dataDir(), TRUSTED_PROXIES: ' 10.0.0.5, 172.16.0.0/12,::1,fd00::/8 ' })
        .trustedProxies,
    ).toEqual(['10.0.0.5', '172.16.0.0/12', '::1', 'fd00::/8']);
  });

  it('marks cookies Secure when the public URL is https', () => {
    expect(
      loadConfig({ MEJORA_DATA_DIR: dataDir(), PUBLIC_URL: 'https://pip.example.com/' }).isSecureCookie,
    ).toBe(true);
  });
});
