// The organisation's signing key and certificate: a configured PKCS#12 file, or a self-signed one made at first use.
import {
  createHash,
  createPrivateKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  X509Certificate,
} from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import forge from 'node-forge';
import { ConfigError } from '../../config.ts';
import type { SigningConfig } from './signing-config.ts';

export type OrganizationCertificate = {
  privateKey: KeyObject;
  /** DER of the certificate that matches the key. */
  certificate: Buffer;
  /** DER of the other certificates in the file (issuers), in file order. */
  chain: Buffer[];
  /** The certificate's subject, e.g. "CN=Mejora document signing, O=Lumina Learning". */
  subject: string;
  isSelfSigned: boolean;
  source: 'configured' | 'generated';
  path: string;
};

export type CertificateOptions = {
  dataDir: string;
  config: Pick<SigningConfig, 'p12Path' | 'p12Password'>;
  /** Written into a generated certificate's subject. */
  organizationName?: string;
};

/** Where the generated certificate lives inside the data dir. */
export const generatedP12Path = (dataDir: string): string =>
  join(resolve(dataDir), 'signing', 'organization.p12');
const passphrasePathOf = (p12Path: string): string => `${p12Path}.passphrase`;

const cache = new Map<string, { mtimeMs: number; loaded: Promise<OrganizationCertificate> }>();

/**
 * The certificate that signs documents. Decoding a PKCS#12 file costs tens of milliseconds of key derivation,
 * so the result is kept per file until the file changes.
 */
export async function loadOrganizationCertificate(
  options: CertificateOptions,
): Promise<OrganizationCertificate> {
  const { p12Path, p12Password } = options.config;
  if (p12Path !== null) {
    return cached(resolve(p12Path), p12Password, () => readConfigured(resolve(p12Path), p12Password));
  }
  const path = generatedP12Path(options.dataDir);
  if (!exists(path)) generateSelfSigned(path, options.organizationName ?? 'Mejora');
  return cached(path, '', () => {
    let passphrase: string;
    try {
      passphrase = readFileSync(passphrasePathOf(path), 'utf8').trim();
    } catch {
      throw new ConfigError(
        `The signing certificate ${path} has lost its passphrase file; remove both to make anew`,
      );
    }
    return decode(readFileSync(path), passphrase, path, 'generated');
  });
}

/** Kept per file and password (as a hash): a wrong password must fail even when the file was opened before. */
function cached(
  path: string,
  password: string,
  load: () => OrganizationCertificate,
): Promise<OrganizationCertificate> {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(path).mtimeMs;
  } catch {
    return Promise.resolve().then(load);
  }
  const key = `${path}\0${createHash('sha256').update(password).digest('hex')}`;
  const hit = cache.get(key);
  if (hit && hit.mtimeMs === mtimeMs) return hit.loaded;
  const loaded = Promise.resolve().then(load);
  cache.set(key, { mtimeMs, loaded });
  loaded.catch(() => cache.delete(key));
  return loaded;
}

const exists = (path: string): boolean => {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
};

function readConfigured(path: string, password: string): OrganizationCertificate {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new ConfigError(`Invalid configuration: MEJORA_SIGNING_P12 names ${path}, which cannot be read`);
  }
  return decode(bytes, password, path, 'configured');
}

function decode(
  bytes: Buffer,
  password: string,
  path: string,
  source: OrganizationCertificate['source'],
): OrganizationCertificate {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(bytes.toString('binary')));
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (error) {
    const isPassword =
      error instanceof Error && /MAC could not be verified|Invalid password/i.test(error.message);
    throw new ConfigError(
      isPassword
        ? `Invalid configuration: MEJORA_SIGNING_P12_PASSWORD does not open ${path}`
        : `Invalid configuration: ${path} is not a PKCS#12 file with an RSA key`,
    );
  }
  const keyBag =
    p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag]?.[0] ??
    p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag]?.[0];
  const key = keyBag?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key) throw new ConfigError(`Invalid configuration: ${path} holds no private key`);
  const certs = (p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [])
    .map((bag) => bag.cert)
    .filter((cert): cert is forge.pki.Certificate => cert !== undefined);
  const own = certs.find((cert) => {
    const pub = cert.publicKey as forge.pki.rsa.PublicKey;
    return pub.n?.equals(key.n) && pub.e?.equals(key.e);
  });
  if (!own) throw new ConfigError(`Invalid configuration: ${path} has no certificate for its private key`);
  const der = (cert: forge.pki.Certificate): Buffer =>
    Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  const certificate = der(own);
  const x509 = new X509Certificate(certificate);
  return {
    privateKey: createPrivateKey(forge.pki.privateKeyToPem(key)),
    certificate,
    chain: certs.filter((c) => c !== own).map(der),
    subject: x509.subject.split('\n').join(', '),
    isSelfSigned: x509.issuer === x509.subject && x509.verify(x509.publicKey),
    source,
    path,
  };
}

/**
 * Makes a 2048-bit RSA key and a ten-year self-signed certificate, protected by a random passphrase kept beside it
 * (both 0600). They are written into a fresh directory that is then renamed into place, so two processes starting
 * at once end with one certificate: the second rename fails and that process uses the first one's.
 */
export function generateSelfSigned(p12Path: string, organizationName: string, now = new Date()): void {
  const dir = dirname(p12Path);
  mkdirSync(dirname(dir), { recursive: true, mode: 0o700 });
  const staging = `${dir}.staging-${randomBytes(6).toString('hex')}`;
  mkdirSync(staging, { mode: 0o700 });
  try {
    const { key, cert } = forgeSelfSigned({
      subject: [
        { shortName: 'CN', value: 'Mejora document signing' },
        { shortName: 'O', value: organizationName },
      ],
      extensions: [
        { name: 'basicConstraints', cA: false, critical: true },
        { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
        { name: 'subjectKeyIdentifier' },
      ],
      years: 10,
      now,
    });
    const passphrase = randomBytes(24).toString('base64url');
    const p12 = forge.pkcs12.toPkcs12Asn1(key, [cert], passphrase, {
      algorithm: 'aes256',
      friendlyName: 'Mejora document signing',
    });
    const name = p12Path.slice(dir.length + 1);
    writeFileSync(join(staging, name), Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'), {
      mode: 0o600,
    });
    writeFileSync(join(staging, `${name}.passphrase`), `${passphrase}\n`, { mode: 0o600 });
    // Renaming onto an empty directory replaces it; onto a filled one it fails, and the files there are used.
    try {
      renameSync(staging, dir);
    } catch {
      if (!exists(p12Path)) {
        throw new ConfigError(`Cannot create the signing certificate: ${dir} exists and holds other files`);
      }
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

type SelfSignedInput = {
  subject: { shortName: string; value: string }[];
  extensions: Record<string, unknown>[];
  years: number;
  now: Date;
};

function forgeSelfSigned(input: SelfSignedInput): {
  key: forge.pki.rsa.PrivateKey;
  cert: forge.pki.Certificate;
} {
  // Node makes the key natively; forge only writes the certificate and the PKCS#12 around it.
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  // A positive serial: a leading zero nibble keeps the high bit clear.
  cert.serialNumber = `0${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(input.now.getTime() - 60_000);
  cert.validity.notAfter = new Date(input.now.getTime() + input.years * 365.25 * 86_400_000);
  cert.setSubject(input.subject);
  cert.setIssuer(input.subject);
  cert.setExtensions(input.extensions);
  cert.sign(key, forge.md.sha256.create());
  return { key, cert };
}

/** A self-signed RSA certificate and its key, for tests and local tools (e.g. a timestamp authority). */
export function selfSignedCertificate(
  input: Omit<SelfSignedInput, 'now' | 'years'> & { now?: Date; years?: number },
): { privateKey: KeyObject; certificate: Buffer } {
  const { key, cert } = forgeSelfSigned({ years: 1, now: new Date(), ...input });
  return {
    privateKey: createPrivateKey(forge.pki.privateKeyToPem(key)),
    certificate: Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary'),
  };
}
