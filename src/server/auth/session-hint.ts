// A readable companion of the session cookie: it says only that a session may exist (never which one), so the
// web app asks for the signed-in user only then and a visitor's sign-in page makes no request that answers 401.
import type { FastifyReply } from 'fastify';

export const sessionHintCookie = 'mejora_signed_in';

/** Set beside the HttpOnly session cookie, with the same lifetime; holds no secret. */
export function setSessionHint(reply: FastifyReply, expires: Date, secure: boolean): void {
  reply.setCookie(sessionHintCookie, '1', { httpOnly: false, sameSite: 'lax', secure, path: '/', expires });
}

export function clearSessionHint(reply: FastifyReply): void {
  reply.clearCookie(sessionHintCookie, { path: '/' });
}
