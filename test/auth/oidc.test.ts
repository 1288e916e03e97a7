// Sign-in through an OpenID Connect identity provider (a real oidc-provider on loopback), end to end over HTTP.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { employees, organizationSso, users } from '../../src/db/schema/index.ts';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { createOrganization, createUserWithEmployee } from '../helpers/factories.ts';
import { type Client, send, signIn } from '../helpers/http.ts';
import {
  CookieJar,
  signInAtProvider,
  startIdentityProvider,
  type TestIdentityProvider,
} from './oidc-provider.ts';

const callbackUrl = 'http://localhost:3000/api/v1/auth/sso/callback';

describe.each(engines)('OIDC sign-in on %s', (engine) => {
  let t: TestApp;
  let idp: TestIdentityProvider;
  let org: { id: string; slug: string };
  let hr: Client;
  let hrUserId: string;

  const settings = (options: Record<string, unknown> = {}) => ({
    protocol: 'oidc',
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    displayName: 'Contoso ID',
    ...options,
  });

  /** The browser's whole trip: Mejora's start, the provider's pages, and back to Mejora's callback. */
  async function ssoSignIn(login: string, tamper?: (callback: URL) => void) {
    const start = await t.app.inject({ method: 'GET', url: `/api/v1/auth/sso/start?org=${org.slug}` });
    expect(start.statusCode).toBe(302);
    const stateCookie = start.cookies.find((c) => c.name === 'mejora_sso');
    expect(stateCookie?.httpOnly).toBe(true);
    const back = await signInAtProvider(String(start.headers.location), login, new CookieJar());
    expect(back.origin + back.pathname).toBe(callbackUrl);
    tamper?.(back);
    const callback = await t.app.inject({
      method: 'GET',
      url: back.pathname + back.search,
      headers: { cookie: `mejora_sso=${stateCookie?.value}` },
    });
    const session = callback.cookies.find((c) => c.name === 'mejora_session' && c.value);
    return { status: callback.statusCode, location: callback.headers.location, body: callback.body, session };
  }

  beforeAll(async () => {
    idp = await startIdentityProvider(callbackUrl);
    t = await startTestApp(engine);
    org = await createOrganization(t.database.db, { name: 'Contoso' });
    const admin = await createUserWithEmployee(t.database.db, org.id, {
      roles: ['hr_admin'],
      name: 'Hana Admin',
    });
    hrUserId = admin.userId;
    hr = await signIn(t.app, admin.email);
    const saved = await hr.put('/api/v1/organization/sso', settings());
    expect(saved.status).toBe(200);
  }, 30_000);
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  it('keeps the client secret encrypted and never returns it', async () => {
    const read = await hr.get('/api/v1/organization/sso');
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      protocol: 'oidc',
      issuer: idp.issuer,
      clientId: 'mejora',
      hasClientSecret: true,
      displayName: 'Contoso ID',
      callbackUrl,
    });
    expect(read.text).not.toContain(idp.clientSecret);
    const [row] = await t.database.db.select().from(organizationSso).where(eq(organizationSso.orgId, org.id));
    expect(row.oidcClientSecretEncrypted).not.toContain(idp.clientSecret);
    expect(row.oidcClientSecretEncrypted?.startsWith('v1.')).toBe(true);
  });

  it('tells the sign-in page which organisations sign in with their identity provider', async () => {
    const known = await send(t.app, 'GET', `/api/v1/auth/sso/discovery?org=${org.slug}`);
    expect(known.body).toMatchObject({ isEnabled: true, protocol: 'oidc', displayName: 'Contoso ID' });
    const unknown = await send(t.app, 'GET', '/api/v1/auth/sso/discovery?org=nobody-here');
    expect(unknown.body.isEnabled).toBe(false);
  });

  it('refuses the settings to anyone but an HR administrator, and an issuer that does not answer', async () => {
    const employee = await createUserWithEmployee(t.database.db, org.id, { roles: ['employee'] });
    const client = await signIn(t.app, employee.email);
    expect((await client.get('/api/v1/organization/sso')).status).toBe(403);
    expect((await client.put('/api/v1/organization/sso', settings())).status).toBe(403);
    const wrong = await hr.put(
      '/api/v1/organization/sso',
      settings({ issuer: 'http://127.0.0.1:9/nothing' }),
    );
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0].path).toBe('body/issuer');
  });

  it('signs in an existing person by verified email, with PKCE, state and nonce, into a normal session', async () => {
    const person = await createUserWithEmployee(t.database.db, org.id, {
      roles: ['employee'],
      name: 'Ana Ruiz',
    });
    idp.accounts.set('sub-ana', {
      email: person.email.toUpperCase(),
      email_verified: true,
      name: 'Ana Ruiz',
    });
    const start = await t.app.inject({ method: 'GET', url: `/api/v1/auth/sso/start?org=${org.slug}` });
    const authorization = new URL(String(start.headers.location));
    expect(authorization.origin).toBe(idp.issuer);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('nonce')).toBeTruthy();
    expect(authorization.searchParams.get('state')).toBeTruthy();

    const result = await ssoSignIn('sub-ana');
    expect(result.status).toBe(302);
    expect(result.location).toBe('http://localhost:3000/');
    expect(result.session?.httpOnly).toBe(true);
    const cookie = `mejora_session=${result.session?.value}`;
    const me = await send(t.app, 'GET', '/api/v1/me', { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(person.userId);

    // The same sign-out as a password session.
    const out = await send(t.app, 'POST', '/api/v1/auth/logout', {
      headers: { cookie, 'x-csrf-token': me.body.csrfToken },
    });
    expect(out.status).toBe(204);
    expect((await send(t.app, 'GET', '/api/v1/me', { headers: { cookie } })).status).toBe(401);

    // Linked now: the subject signs in even once the provider's email is no longer verified.
    idp.accounts.set('sub-ana', { email: 'ana.new@elsewhere.test', email_verified: false, name: 'Ana Ruiz' });
    const again = await ssoSignIn('sub-ana');
    expect(again.status).toBe(302);
    const meAgain = await send(t.app, 'GET', '/api/v1/me', {
      headers: { cookie: `mejora_session=${again.session?.value}` },
    });
    expect(meAgain.body.user.id).toBe(person.userId);
  });

  it('follows the same idle expiry as a password session', async () => {
    const person = await createUserWithEmployee(t.database.db, org.id, { roles: ['employee'] });
    idp.accounts.set('sub-idle', { email: person.email, email_verified: true, name: 'Idle Person' });
    const result = await ssoSignIn('sub-idle');
    const cookie = `mejora_session=${result.session?.value}`;
    expect((await send(t.app, 'GET', '/api/v1/me', { headers: { cookie } })).status).toBe(200);
    t.clock.advance(t.deps.config.sessionIdleMs + 60_000);
    expect((await send(t.app, 'GET', '/api/v1/me', { headers: { cookie } })).status).toBe(401);
    hr = await signIn(
      t.app,
      (await t.database.db.select().from(users).where(eq(users.id, hrUserId)))[0].email,
    );
  });

  it('refuses a tampered state, a callback without the browser cookie, and a used state', async () => {
    const person = await createUserWithEmployee(t.database.db, org.id, { roles: ['employee'] });
    idp.accounts.set('sub-tamper', { email: person.email, email_verified: true, name: 'T' });
    const tampered = await ssoSignIn('sub-tamper', (url) => url.searchParams.set('state', 'forged-state'));
    expect(tampered.status).toBe(400);
    expect(tampered.session).toBeUndefined();
    expect(tampered.body).toContain('This sign-in has expired');
    expect(tampered.body).toContain('Este inicio de sesión ha caducado');

    const start = await t.app.inject({ method: 'GET', url: `/api/v1/auth/sso/start?org=${org.slug}` });
    const back = await signInAtProvider(String(start.headers.location), 'sub-tamper');
    const withoutCookie = await t.app.inject({ method: 'GET', url: back.pathname + back.search });
    expect(withoutCookie.statusCode).toBe(400);
    expect(withoutCookie.cookies.find((c) => c.name === 'mejora_session' && c.value)).toBeUndefined();

    const good = await t.app.inject({ method: 'GET', url: `/api/v1/auth/sso/start?org=${org.slug}` });
    const cookie = `mejora_sso=${good.cookies.find((c) => c.name === 'mejora_sso')?.value}`;
    const goodBack = await signInAtProvider(String(good.headers.location), 'sub-tamper');
    const first = await t.app.inject({
      method: 'GET',
      url: goodBack.pathname + goodBack.search,
      headers: { cookie },
    });
    expect(first.statusCode).toBe(302);
    const replay = await t.app.inject({
      method: 'GET',
      url: goodBack.pathname + goodBack.search,
      headers: { cookie },
    });
    expect(replay.statusCode).toBe(400);
  });

  it('refuses an unknown person and an unverified email, unless accounts are created on first sign-in', async () => {
    idp.accounts.set('sub-new', {
      email: 'new.person@contoso.test',
      email_verified: true,
      name: 'Nuevo Persona',
    });
    const refused = await ssoSignIn('sub-new');
    expect(refused.status).toBe(403);
    expect(refused.body).toContain("Your company's identity provider signed you in, but no Mejora account");
    expect(refused.body).toContain('ninguna cuenta de Mejora le corresponde');
    expect(refused.session).toBeUndefined();

    expect(
      (await hr.put('/api/v1/organization/sso', settings({ createAccountsOnFirstSignIn: true }))).status,
    ).toBe(200);
    idp.accounts.set('sub-unverified', {
      email: 'unverified@contoso.test',
      email_verified: false,
      name: 'U',
    });
    expect((await ssoSignIn('sub-unverified')).status).toBe(403);

    const created = await ssoSignIn('sub-new');
    expect(created.status).toBe(302);
    const me = await send(t.app, 'GET', '/api/v1/me', {
      headers: { cookie: `mejora_session=${created.session?.value}` },
    });
    expect(me.body.user).toMatchObject({
      email: 'new.person@contoso.test',
      name: 'Nuevo Persona',
      roles: ['employee'],
    });
    const [employee] = await t.database.db
      .select()
      .from(employees)
      .where(eq(employees.userId, me.body.user.id));
    expect(employee.orgId).toBe(org.id);
    const [user] = await t.database.db.select().from(users).where(eq(users.id, me.body.user.id));
    expect(user.passwordHash).toBeNull();
    expect((await hr.put('/api/v1/organization/sso', settings())).status).toBe(200);
  });

  it('refuses a disabled account', async () => {
    const person = await createUserWithEmployee(t.database.db, org.id, { roles: ['employee'] });
    idp.accounts.set('sub-gone', { email: person.email, email_verified: true, name: 'Gone' });
    expect((await hr.patch(`/api/v1/users/${person.userId}`, { isDisabled: true })).status).toBe(200);
    const refused = await ssoSignIn('sub-gone');
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('Your Mejora account is disabled');
    expect(refused.session).toBeUndefined();
  });

  it('SSO only: password sign-in is refused except for the break-glass HR administrator', async () => {
    const person = await createUserWithEmployee(t.database.db, org.id, { roles: ['manager'] });
    expect(
      (
        await send(t.app, 'POST', '/api/v1/auth/login', {
          body: { email: person.email, password: 'mejora-demo' },
        })
      ).status,
    ).toBe(200);
    const saved = await hr.put('/api/v1/organization/sso', settings({ ssoOnly: true }));
    expect(saved.status).toBe(200);
    expect(saved.body.breakGlassUserId).toBe(hrUserId);
    const refused = await send(t.app, 'POST', '/api/v1/auth/login', {
      body: { email: person.email, password: 'mejora-demo' },
    });
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    expect(refused.body.detail).toMatch(/identity provider only/);
    const wrongPassword = await send(t.app, 'POST', '/api/v1/auth/login', {
      body: { email: person.email, password: 'not-the-password' },
    });
    expect(wrongPassword.status).toBe(401);
    const [admin] = await t.database.db.select().from(users).where(eq(users.id, hrUserId));
    const breakGlass = await send(t.app, 'POST', '/api/v1/auth/login', {
      body: { email: admin.email, password: 'mejora-demo' },
    });
    expect(breakGlass.status).toBe(200);
    // The same person still signs in through the identity provider.
    idp.accounts.set('sub-manager', { email: person.email, email_verified: true, name: 'M' });
    expect((await ssoSignIn('sub-manager')).status).toBe(302);
  });

  it('turns single sign-on off', async () => {
    expect((await hr.delete('/api/v1/organization/sso')).status).toBe(204);
    expect((await hr.get('/api/v1/organization/sso')).status).toBe(404);
    const start = await t.app.inject({ method: 'GET', url: `/api/v1/auth/sso/start?org=${org.slug}` });
    expect(start.statusCode).toBe(404);
    expect(start.headers['content-type']).toMatch(/text\/html/);
  });
});
