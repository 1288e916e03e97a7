// The secrets in one-time feedback links and calendar feed URLs: HMACs under the server secret, never stored.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { hashSecret } from '../auth/tokens.ts';

const hmac = (secret: string, message: string): string =>
  createHmac('sha256', secret).update(message).digest('base64url');

/**
 * The token of a feedback link. The request id is random, so the token is too for anyone without the
 * server secret; only its SHA-256 is stored, and the outbox keeps a placeholder resolved when the email
 * is sent, so no plaintext token rests in the database.
 */
export const feedbackToken = (secret: string, requestId: string): string =>
  `fb_${hmac(secret, `feedback:${requestId}`)}`;

/**
 * The token of an invitation or password-reset link, derived from its one_time_tokens row id like a feedback
 * token: the row stores its SHA-256 and the outbox a placeholder, so the token itself rests nowhere.
 */
export const oneTimeToken = (secret: string, tokenId: string): string =>
  `ot_${hmac(secret, `one-time:${tokenId}`)}`;

export const feedbackTokenHash = (token: string): string => hashSecret(token);

/** The calendar feed token of a user; `seed` (users.calendar_token_hash) changes when it is regenerated. */
export const calendarToken = (secret: string, userId: string, seed: string | null): string =>
  `${userId}.${hmac(secret, `calendar:${userId}:${seed ?? 'initial'}`)}`;

export const isSameToken = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};
