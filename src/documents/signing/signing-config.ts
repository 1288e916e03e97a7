// The signing settings of the environment: the organisation's PKCS#12 file and an optional timestamp authority.
import { z } from 'zod';
import { ConfigError } from '../../config.ts';

const signingEnv = z.object({
  MEJORA_SIGNING_P12: z.string().min(1).optional(),
  MEJORA_SIGNING_P12_PASSWORD: z.string().optional(),
  MEJORA_TSA_URL: z
    .url({ message: 'must be an http:// or https:// URL' })
    .refine((url) => /^https?:\/\//.test(url), 'must be an http:// or https:// URL')
    .optional(),
});

export type SigningConfig = {
  /** A PKCS#12 file with the organisation's key and certificate; null = the generated self-signed one. */
  p12Path: string | null;
  p12Password: string;
  /** An RFC 3161 timestamp authority; null = signatures carry no timestamp. */
  tsaUrl: string | null;
};

/** Reads the signing variables; a bad value throws ConfigError with one line naming the variable. */
export function readSigningConfig(env: NodeJS.ProcessEnv = process.env): SigningConfig {
  const present = Object.fromEntries(
    Object.keys(signingEnv.shape).map((name) => [name, env[name] === '' ? undefined : env[name]]),
  );
  const parsed = signingEnv.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid configuration: ${String(issue.path[0])} is invalid: ${issue.message}`);
  }
  return {
    p12Path: parsed.data.MEJORA_SIGNING_P12 ?? null,
    p12Password: parsed.data.MEJORA_SIGNING_P12_PASSWORD ?? '',
    tsaUrl: parsed.data.MEJORA_TSA_URL ?? null,
  };
}
