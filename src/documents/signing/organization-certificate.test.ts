import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../config.ts';
import {
  generatedP12Path,
  generateSelfSigned,
  loadOrganizationCertificate,
} from './organization-certificate.ts';
import { readSigningConfig } from './signing-config.ts';

const fresh = () => mkdtempSync(join(tmpdir(), 'mejora-cert-'));
const none = { p12Path: null, p12Password: '' };

describe('organisation certificate', () => {
  it('is generated once at first use into the data dir, private to the owner, with its passphrase beside it', async () => {
    const dataDir = fresh();
    const first = await loadOrganizationCertificate({
      dataDir,
      config: none,
      organizationName: 'Lumina Learning',
    });
    expect(first).toMatchObject({
      source: 'generated',
      isSelfSigned: true,
      subject: 'CN=Mejora document signing, O=Lumina Learning',
      path: join(dataDir, 'signing', 'organization.p12'),
    });
    const p12 = generatedP12Path(dataDir);
    expect(statSync(p12).mode & 0o777).toBe(0o600);
    expect(statSync(`${p12}.passphrase`).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(p12)).mode & 0o777).toBe(0o700);
    expect(readFileSync(`${p12}.passphrase`, 'utf8').trim()).toMatch(/^[\w-]{32}$/);
    const again = await loadOrganizationCertificate({
      dataDir,
      config: none,
      organizationName: 'Another name',
    });
    expect(again.certificate.equals(first.certificate)).toBe(true);
  });

  it('a second process making it at the same time keeps the first one’s certificate', () => {
    const path = generatedP12Path(fresh());
    generateSelfSigned(path, 'First');
    const bytes = readFileSync(path);
    generateSelfSigned(path, 'Second');
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('reads a configured PKCS#12 file, and says in one line what is wrong with a bad one', async () => {
    const made = generatedP12Path(fresh());
    generateSelfSigned(made, 'Configured Org');
    const password = readFileSync(`${made}.passphrase`, 'utf8').trim();
    const configured = await loadOrganizationCertificate({
      dataDir: fresh(),
      config: { p12Path: made, p12Password: password },
    });
    expect(configured).toMatchObject({
      source: 'configured',
      subject: 'CN=Mejora document signing, O=Configured Org',
    });
    expect(configured.privateKey.asymmetricKeyType).toBe('rsa');

    const load = (p12Path: string, p12Password = password) =>
      loadOrganizationCertificate({ dataDir: fresh(), config: { p12Path, p12Password } });
    await expect(load(made, 'wrong')).rejects.toThrow(
      new ConfigError(`Invalid configuration: MEJORA_SIGNING_P12_PASSWORD does not open ${made}`),
    );
    await expect(load('/nowhere/org.p12')).rejects.toThrow(
      'Invalid configuration: MEJORA_SIGNING_P12 names /nowhere/org.p12, which cannot be read',
    );
    const garbage = join(fresh(), 'garbage.p12');
    writeFileSync(garbage, 'not a certificate');
    await expect(load(garbage)).rejects.toThrow(`${garbage} is not a PKCS#12 file with an RSA key`);
  });
});

describe('signing configuration', () => {
  it('reads the P12 path, its password and the timestamp authority; empty means unset', () => {
    expect(readSigningConfig({})).toEqual({ p12Path: null, p12Password: '', tsaUrl: null });
    expect(
      readSigningConfig({
        MEJORA_SIGNING_P12: '/etc/mejora/org.p12',
        MEJORA_SIGNING_P12_PASSWORD: 's3cret',
        MEJORA_TSA_URL: 'https://tsa.example.org/tsr',
      }),
    ).toEqual({
      p12Path: '/etc/mejora/org.p12',
      p12Password: 's3cret',
      tsaUrl: 'https://tsa.example.org/tsr',
    });
    expect(readSigningConfig({ MEJORA_SIGNING_P12: '', MEJORA_TSA_URL: '' })).toEqual({
      p12Path: null,
      p12Password: '',
      tsaUrl: null,
    });
  });

  it('refuses a timestamp authority that is not an http(s) URL, naming the variable', () => {
    expect(() => readSigningConfig({ MEJORA_TSA_URL: 'ftp://tsa.example.org' })).toThrow(
      'Invalid configuration: MEJORA_TSA_URL is invalid: must be an http:// or https:// URL',
    );
    expect(() => readSigningConfig({ MEJORA_TSA_URL: 'tsa' })).toThrow(ConfigError);
  });
});
