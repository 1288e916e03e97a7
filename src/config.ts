// Reads and validates the environment once, at start; a bad value stops the start with one line.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  MEJORA_DATA_DIR: z.string().min(1).default('./data'),
  MEJORA_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  PUBLIC_URL: z.url('must be an absolute URL such as http://localhost:3000').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Mejora <no-reply@mejora.local>'),
  MEJORA_TIMEZONE: z.string().min(1).default('UTC'),
  SIGN_IN_TRIES_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(10),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(60 * 12),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .default(24 * 7),
  SLACK_API_URL: z
    .url('must be an absolute URL such as https://slack.com/api')
    .default('https://slack.com/api'),
  WEBHOOK_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false'),
  WEBHOOK_SECRET_GRACE_HOURS: z.coerce.number().int().min(0).max(720).default(24),
  ANALYTICS_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .refine((entries) => entries.every(isProxyAddress), {
      message: 'must be comma-separated IP addresses or CIDR ranges such as 10.0.0.0/8',
    }),
});

/** One entry of TRUSTED_PROXIES: an IPv4/IPv6 address, a CIDR range of one, or a name proxy-addr knows. */
function isProxyAddress(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

export type Config = {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  secret: string;
  publicUrl: string;
  isSecureCookie: boolean;
  logLevel: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  timezone: string;
  /** Sign-in tries a minute per client address and per account. */
  signInTriesPerMinute: number;
  sessionIdleMs: number;
  sessionMaxMs: number;
  /** Slack Web API base (tests point it at a local receiver). */
  slackApiUrl: string;
  /**
   * Webhook and Teams URLs may name private or loopback addresses (and use http on loopback). Always so
   * outside production; in production only when WEBHOOK_ALLOW_PRIVATE=true.
   */
  isPrivateWebhookAllowed: boolean;
  /** How long a rotated webhook secret keeps signing deliveries beside the new one. */
  webhookSecretGraceMs: number;
  /** Proxies whose X-Forwarded-For is believed; empty: the client is the connection's own address. */
  trustedProxies: string[];
  /**
   * How long a stored organisation-wide analytics answer may serve when nothing it was computed from changed
   * (figures that move with the clock alone, such as check-ins coming due); 0: computed on every read.
   */
  analyticsMaxAgeMs: number;
};

export class ConfigError extends Error {}

const emptyToUndefined = (env: NodeJS.ProcessEnv): Record<string, string | undefined> =>
  Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === '' ? undefined : v]));

/** Parses the environment; throws ConfigError with one line naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(emptyToUndefined(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0] ?? 'environment');
    const given = env[name];
    throw new ConfigError(
      `Invalid configuration: ${name} ${given === undefined ? 'is missing' : 'is invalid'}: ${issue.message}`,
    );
  }
  const e = parsed.data;
  if (!isValidTimeZone(e.MEJORA_TIMEZONE)) {
    throw new ConfigError(`Invalid configuration: MEJORA_TIMEZONE is invalid: unknown time zone`);
  }
  const dataDir = resolve(e.MEJORA_DATA_DIR);
  let secret = e.MEJORA_SECRET;
  if (!secret) {
    if (e.NODE_ENV === 'production') {
      throw new ConfigError(
        'Invalid configuration: MEJORA_SECRET is missing: required when NODE_ENV=production',
      );
    }
    secret = readOrCreateSecret(dataDir);
  }
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    secret,
    publicUrl,
    isSecureCookie: publicUrl.startsWith('https://'),
    logLevel: e.LOG_LEVEL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    timezone: e.MEJORA_TIMEZONE,
    signInTriesPerMinute: e.SIGN_IN_TRIES_PER_MINUTE,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: e.SESSION_MAX_HOURS * 3_600_000,
    trustedProxies: e.TRUSTED_PROXIES,
    slackApiUrl: e.SLACK_API_URL.replace(/\/$/, ''),
    isPrivateWebhookAllowed: e.NODE_ENV !== 'production' || e.WEBHOOK_ALLOW_PRIVATE === 'true',
    webhookSecretGraceMs: e.WEBHOOK_SECRET_GRACE_HOURS * 3_600_000,
    analyticsMaxAgeMs: e.ANALYTICS_MAX_AGE_SECONDS * 1000,
  };
}

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The embedded engine keeps a generated secret beside its data so sessions survive restarts. */
function readOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}
