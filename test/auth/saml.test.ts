// Sign-in through a SAML 2.0 identity provider made in the test: signed assertions only, for this service and
// recipient, in time, once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { createOrganization, createUserWithEmployee } from '../helpers/factories.ts';
import { type Client, send, signIn } from '../helpers/http.ts';
import { idpEntityId, type ResponseOptions, startSamlIdp, type TestSamlIdp } from './saml-idp.ts';

const acsUrl = 'http://localhost:3000/api/v1/auth/sso/saml/acs';

describe.each(engines)('SAML sign-in on %s', (engine) => {
  let t: TestApp;
  let idp: TestSamlIdp;
  let org: { id: string; slug: string };
  let hr: Client;
  let person: { userId: string; email: string };
  let entityId: string;

  /** Starts a sign-in at Mejora and answers it as the identity provider, with `spoil` applied. */
  async function answer(spoil: Partial<ResponseOptions> = {}, email = person.email) {
    const start = await t.app.inject({ method: 'GET', url: `/api/v1/auth/sso/start?org=${org.slug}` });
    expect(start.statusCode).toBe(302);
    const request = idp.readRequest(String(start.headers.location));
    expect(request.destination).toBe('https://idp.contoso.test/saml/sso');
    const samlResponse = idp.response({
      inResponseTo: request.requestId,
      email,
      audience: entityId,
      recipient: acsUrl,
      ...spoil,
    });
    return post(samlResponse, request.relayState);
  }

  async function post(samlResponse: string, relayState: string) {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sso/saml/acs',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ SAMLResponse: samlResponse, RelayState: relayState }).toString(),
    });
    const session = response.cookies.find((c) => c.name === 'mejora_session' && c.value);
    return {
      status: response.statusCode,
      body: response.body,
      location: response.headers.location,
      session,
      samlResponse,
      relayState,
    };
  }

  beforeAll(async () => {
    idp = startSamlIdp();
    t = await startTestApp(engine);
    org = await createOrganization(t.database.db, { name: 'Contoso' });
    const admin = await createUserWithEmployee(t.database.db, org.id, { roles: ['hr_admin'] });
    hr = await signIn(t.app, admin.email);
    person = await createUserWithEmployee(t.database.db, org.id, { roles: ['employee'] });
    const saved = await hr.put('/api/v1/organization/sso', {
      protocol: 'saml',
      metadataXml: idp.metadataXml,
    });
    expect(saved.status).toBe(200);
    entityId = saved.body.entityId;
    expect(saved.body).toMatchObject({
      protocol: 'saml',
      issuer: idpEntityId,
      acsUrl,
      displayName: 'idp.contoso.test',
    });
  }, 30_000);
  afterAll(() => t?.close());

  it('serves the service provider metadata with the entity id and the assertion consumer service', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/auth/sso/metadata?org=${org.slug}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/application\/samlmetadata\+xml/);
    expect(response.body).toContain(`entityID="${entityId.replace(/&/g, '&amp;')}"`);
    expect(response.body).toContain(`Location="${acsUrl}"`);
    expect(response.body).toContain('WantAssertionsSigned="true"');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/sso/metadata?org=nobody' })).statusCode,
    ).toBe(404);
  });

  it('refuses metadata without a signing certificate, naming the field', async () => {
    const bad = await hr.put('/api/v1/organization/sso', {
      protocol: 'saml',
      metadataXml: idp.metadataXml.replace(/<md:KeyDescriptor[\s\S]*?<\/md:KeyDescriptor>/, ''),
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ path: 'body/metadataXml' });
    expect((await hr.put('/api/v1/organization/sso', { protocol: 'saml' })).status).toBe(422);
  });

  it('signs in a person with a valid signed assertion into a normal session', async () => {
    const result = await answer();
    expect(result.status).toBe(302);
    expect(result.location).toBe('http://localhost:3000/');
    const me = await send(t.app, 'GET', '/api/v1/me', {
      headers: { cookie: `mejora_session=${result.session?.value}` },
    });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(person.userId);
  });

  it('refuses a tampered assertion', async () => {
    const other = await createUserWithEmployee(t.database.db, org.id, { roles: ['hr_admin'] });
    const result = await answer({ afterSigning: (xml) => xml.replace(person.email, other.email) });
    expect(result.status).toBe(400);
    expect(result.session).toBeUndefined();
    expect(result.body).toContain('could not be verified');
  });

  it('refuses an unsigned assertion', async () => {
    const result = await answer({ isSigned: false });
    expect(result.status).toBe(400);
    expect(result.body).toContain('could not be verified');
    expect(result.session).toBeUndefined();
  });

  it('refuses an expired assertion', async () => {
    const result = await answer({ validForSeconds: -120 });
    expect(result.status).toBe(400);
    expect(result.body).toContain('could not be verified');
    expect(result.session).toBeUndefined();
  });

  it('refuses an assertion for another audience or another recipient', async () => {
    const audience = await answer({ audience: 'https://another-service.test/saml' });
    expect(audience.status).toBe(400);
    expect(audience.body).toContain('could not be verified');
    expect(audience.session).toBeUndefined();
    const recipient = await answer({ recipient: 'https://another-service.test/acs' });
    expect(recipient.status).toBe(400);
    expect(recipient.body).toContain('could not be verified');
    expect(recipient.session).toBeUndefined();
  });

  it('refuses a replayed response and an assertion id seen before', async () => {
    const first = await answer({ assertionId: '_replayed-assertion-1' });
    expect(first.status).toBe(302);
    const again = await post(first.samlResponse, first.relayState);
    expect(again.status).toBe(400);
    expect(again.session).toBeUndefined();
    // A new sign-in answered with an assertion id already used.
    const reused = await answer({ assertionId: '_replayed-assertion-1' });
    expect(reused.status).toBe(400);
    expect(reused.body).toContain('This sign-in answer was already used');
    expect(reused.session).toBeUndefined();
  });

  it('refuses a person without an account', async () => {
    const result = await answer({}, 'stranger@contoso.test');
    expect(result.status).toBe(403);
    expect(result.body).toContain("Your company's identity provider signed you in, but no Mejora account");
  });
});
