// SCIM 2.0 provisioning as an identity provider does it: a token from HR, 200 people with their managers, the PATCH
// shapes Entra ID and Okta send, filters and pages, deactivation that signs the person out, and the errors.
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, employees, users } from '../../src/db/schema/index.ts';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { createOrganization, createUserWithEmployee } from '../helpers/factories.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';

const coreUrn = 'urn:ietf:params:scim:schemas:core:2.0:User';
const enterpriseUrn = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const patchUrn = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const errorUrn = 'urn:ietf:params:scim:api:messages:2.0:Error';

// biome-ignore lint/suspicious/noExplicitAny: SCIM answers of every shape
type ScimResponse = { status: number; body: any; headers: Record<string, unknown> };

const people = 200;
const managerCount = 10;

describe.each(engines)('SCIM provisioning on %s', (engine) => {
  let t: TestApp;
  let hr: Client;
  let token = '';
  const ids: string[] = [];

  async function scim(
    method: string,
    url: string,
    body?: unknown,
    options: {
      token?: string | null;
      contentType?: string;
      raw?: string;
      headers?: Record<string, string>;
    } = {},
  ): Promise<ScimResponse> {
    const bearer = options.token === undefined ? token : options.token;
    const response = await t.app.inject({
      method: method as 'GET',
      url: `/scim/v2${url}`,
      headers: {
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...(body !== undefined || options.raw !== undefined
          ? { 'content-type': options.contentType ?? 'application/scim+json' }
          : {}),
        ...options.headers,
      },
      payload: options.raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const type = String(response.headers['content-type'] ?? '');
    return {
      status: response.statusCode,
      body: type.includes('json') && response.body ? response.json() : null,
      headers: response.headers,
    };
  }

  const create = async (user: unknown): Promise<string> => {
    const created = await scim('POST', '/Users', user);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.headers.location).toBe(created.body.meta.location);
    return created.body.id;
  };

  const userOf = (i: number, extra: Record<string, unknown> = {}) => ({
    schemas: [coreUrn, enterpriseUrn],
    userName: `Person.${i}@Acme.example`,
    externalId: `ext-${i}`,
    name: { givenName: `Given${i}`, familyName: `Family ${i}` },
    displayName: `Given${i} Family ${i}`,
    title: i < managerCount ? 'Team Lead' : 'Analyst',
    active: true,
    emails: [{ value: `person.${i}@acme.example`, type: 'work', primary: true }],
    preferredLanguage: i % 2 ? 'es-ES' : 'en-US',
    [enterpriseUrn]: { employeeNumber: `E${1000 + i}`, department: i % 3 ? 'Sales' : 'Support' },
    ...extra,
  });

  beforeAll(async () => {
    t = await startTestApp(engine);
    hr = await signIn(t.app, demo.hr);
    const created = await hr.post('/api/v1/organization/scim-tokens', { name: 'Entra ID' });
    expect(created.status).toBe(201);
    token = created.body.token;
  });
  afterAll(() => t?.close());

  it('only an HR administrator makes, lists and revokes SCIM tokens; the token is shown once', async () => {
    const manager = await signIn(t.app, demo.manager);
    expect((await manager.post('/api/v1/organization/scim-tokens', { name: 'x' })).status).toBe(403);
    expect((await manager.get('/api/v1/organization/scim-tokens')).status).toBe(403);
    const rep = await signIn(t.app, demo.hrRep);
    expect((await rep.post('/api/v1/organization/scim-tokens', { name: 'x' })).status).toBe(403);
    const made = await hr.post('/api/v1/organization/scim-tokens', { name: 'Okta' });
    expect(made.status).toBe(201);
    expect(made.body.token).toMatch(/^mejscim_/);
    expect(made.body.baseUrl).toMatch(/\/scim\/v2$/);
    const listed = await hr.get('/api/v1/organization/scim-tokens');
    expect(listed.body.items.map((i: { name: string }) => i.name)).toEqual(
      expect.arrayContaining(['Entra ID', 'Okta']),
    );
    expect(JSON.stringify(listed.body)).not.toContain(made.body.token);
    expect((await scim('GET', '/Users?count=1', undefined, { token: made.body.token })).status).toBe(200);
    expect((await hr.delete(`/api/v1/organization/scim-tokens/${made.body.id}`)).status).toBe(204);
    const revoked = await scim('GET', '/Users?count=1', undefined, { token: made.body.token });
    expect(revoked.status).toBe(401);
    expect(revoked.body).toMatchObject({ schemas: [errorUrn], status: '401' });
    expect(revoked.headers['content-type']).toContain('application/scim+json');
    expect((await hr.delete(`/api/v1/organization/scim-tokens/${made.body.id}`)).status).toBe(404);
  });

  it('answers 401 to a wrong token, to no token, to a session cookie and to a personal API token', async () => {
    expect((await scim('GET', '/Users', undefined, { token: null })).status).toBe(401);
    expect((await scim('GET', '/Users', undefined, { token: 'mejscim_wrong' })).status).toBe(401);
    const withCookie = await scim('POST', '/Users', userOf(9999), {
      token: null,
      headers: { cookie: hr.cookie, 'x-csrf-token': hr.csrfToken },
    });
    expect(withCookie.status).toBe(401);
    const personal = await hr.post('/api/v1/me/tokens', { name: 'personal' });
    expect((await scim('GET', '/Users', undefined, { token: personal.body.token })).status).toBe(401);
  });

  it('describes itself: ServiceProviderConfig, ResourceTypes and Schemas', async () => {
    const config = await scim('GET', '/ServiceProviderConfig');
    expect(config.status).toBe(200);
    expect(config.headers['content-type']).toContain('application/scim+json');
    expect(config.body).toMatchObject({
      patch: { supported: true },
      filter: { supported: true, maxResults: 200 },
    });
    const types = await scim('GET', '/ResourceTypes');
    expect(types.body.Resources[0]).toMatchObject({ id: 'User', endpoint: '/Users', schema: coreUrn });
    const schemas = await scim('GET', '/Schemas');
    expect(schemas.body.Resources.map((s: { id: string }) => s.id)).toEqual([coreUrn, enterpriseUrn]);
    const enterprise = await scim('GET', `/Schemas/${enterpriseUrn}`);
    expect(enterprise.body.attributes.map((a: { name: string }) => a.name)).toContain('manager');
    expect((await scim('GET', '/Groups')).status).toBe(404);
  });

  it(`provisions ${people} people, reports before their managers, then sets the managers`, async () => {
    // A manager that does not exist yet is refused (the identity provider sets the manager once it was created).
    const unknown = await scim(
      'POST',
      '/Users',
      userOf(people, { [enterpriseUrn]: { manager: { value: crypto.randomUUID() } } }),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.scimType).toBe('invalidValue');
    // Ten reports arrive before their managers: created without one, their manager is set once it exists.
    const early = Array.from({ length: managerCount }, (_, k) => managerCount + k);
    for (const i of early) ids[i] = await create(userOf(i));
    for (let i = 0; i < managerCount; i++) ids[i] = await create(userOf(i));
    for (const i of early) {
      const manager = ids[i % managerCount];
      // Entra ID sends the manager's id as the value; Okta and the RFC send {"value": id}.
      const body =
        i % 2
          ? {
              schemas: [patchUrn],
              Operations: [{ op: 'Add', path: `${enterpriseUrn}:manager`, value: manager }],
            }
          : {
              schemas: [patchUrn],
              Operations: [{ op: 'replace', value: { [enterpriseUrn]: { manager: { value: manager } } } }],
            };
      const patched = await scim('PATCH', `/Users/${ids[i]}`, body);
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      expect(patched.body[enterpriseUrn].manager).toMatchObject({
        value: manager,
        displayName: `Given${i % managerCount} Family ${i % managerCount}`,
      });
    }
    // The others arrive with their manager.
    for (let i = 2 * managerCount; i < people; i++) {
      const user = userOf(i);
      ids[i] = await create({
        ...user,
        [enterpriseUrn]: { ...user[enterpriseUrn], manager: { value: ids[i % managerCount] } },
      });
    }
    const first = (await scim('GET', `/Users/${ids[0]}`)).body;
    expect(first).toMatchObject({
      userName: 'person.0@acme.example',
      displayName: 'Given0 Family 0',
      externalId: 'ext-0',
      active: true,
      preferredLanguage: 'en',
      [enterpriseUrn]: { employeeNumber: 'E1000', department: 'Support' },
      meta: { resourceType: 'User', version: expect.stringMatching(/^W\/"\d+"$/) },
    });
    const report = (await scim('GET', `/Users/${ids[42]}`)).body;
    expect(report[enterpriseUrn].manager).toMatchObject({ value: ids[2], displayName: 'Given2 Family 2' });
    // The directory shows them as HR sees it.
    const employee = await hr.get(`/api/v1/employees/${ids[42]}`);
    expect(employee.body).toMatchObject({
      email: 'person.42@acme.example',
      managerId: ids[2],
      department: 'Support',
    });
    const [account] = await t.database.db
      .select()
      .from(users)
      .where(eq(users.email, 'person.42@acme.example'));
    expect(account.passwordHash).toBeNull();
    // A manager who reports to their own report would be a cycle.
    const cycle = await scim('PATCH', `/Users/${ids[2]}`, {
      schemas: [patchUrn],
      Operations: [{ op: 'replace', path: `${enterpriseUrn}:manager`, value: { value: ids[42] } }],
    });
    expect(cycle.status).toBe(400);
  }, 60_000);

  it('filters by userName, externalId and email, as Entra ID and Okta look people up', async () => {
    const one = async (filter: string) => {
      const found = await scim('GET', `/Users?filter=${encodeURIComponent(filter)}`);
      expect(found.status, JSON.stringify(found.body)).toBe(200);
      return found.body;
    };
    expect(
      (await one('userName eq "PERSON.7@acme.example"')).Resources.map((r: { id: string }) => r.id),
    ).toEqual([ids[7]]);
    expect((await one('externalId eq "ext-8"')).Resources[0].id).toBe(ids[8]);
    expect((await one('externalId eq "EXT-8"')).totalResults).toBe(0);
    expect((await one('emails.value eq "person.9@acme.example"')).Resources[0].id).toBe(ids[9]);
    expect((await one('emails[type eq "work"].value eq "person.10@acme.example"')).Resources[0].id).toBe(
      ids[10],
    );
    expect((await one('emails[type eq "work" and value eq "person.11@acme.example"]')).Resources[0].id).toBe(
      ids[11],
    );
    expect((await one(`${enterpriseUrn}:employeeNumber eq "E1012"`)).Resources[0].id).toBe(ids[12]);
    expect((await one('userName eq "person.1@acme.example" or externalId eq "ext-2"')).totalResults).toBe(2);
    expect((await one('externalId sw "ext-" and not (title eq "Analyst")')).totalResults).toBe(managerCount);
    expect((await one('userName eq "nobody@acme.example"')).totalResults).toBe(0);
    for (const bad of [
      'userName eq',
      'userName xx "a"',
      'favoriteColor eq "blue"',
      '(userName eq "a"',
      'userName eq "a" junk',
    ]) {
      const refused = await scim('GET', `/Users?filter=${encodeURIComponent(bad)}`);
      expect(refused.status, bad).toBe(400);
      expect(refused.body).toMatchObject({ schemas: [errorUrn], status: '400', scimType: 'invalidFilter' });
    }
  });

  it('pages with startIndex and count, with the total', async () => {
    const seen = new Set<string>();
    const filter = encodeURIComponent('externalId sw "ext-"');
    for (let start = 1; start <= people; start += 37) {
      const page = await scim('GET', `/Users?filter=${filter}&startIndex=${start}&count=37`);
      expect(page.body).toMatchObject({ totalResults: people, startIndex: start });
      expect(page.body.itemsPerPage).toBe(Math.min(37, people - start + 1));
      for (const r of page.body.Resources) seen.add(r.id);
    }
    expect(seen.size).toBe(people);
    const none = await scim('GET', `/Users?filter=${filter}&count=0`);
    expect(none.body).toMatchObject({ totalResults: people, itemsPerPage: 0, Resources: [] });
    const capped = await scim('GET', '/Users?count=5000');
    expect(capped.body.itemsPerPage).toBe(200);
    const slim = await scim('GET', `/Users?filter=${filter}&count=1&attributes=userName`);
    expect(Object.keys(slim.body.Resources[0]).sort()).toEqual(['id', 'schemas', 'userName']);
    const lean = await scim('GET', `/Users/${ids[3]}?excludedAttributes=emails,${enterpriseUrn}:department`);
    expect(lean.body.emails).toBeUndefined();
    expect(lean.body[enterpriseUrn].department).toBeUndefined();
    expect(lean.body.userName).toBe('person.3@acme.example');
    expect((await scim('GET', '/Users?count=abc')).status).toBe(400);
  });

  it('applies the PATCH shapes Entra ID sends', async () => {
    const id = ids[20];
    const patched = await scim('PATCH', `/Users/${id}`, {
      schemas: [patchUrn],
      Operations: [
        { op: 'Replace', path: 'title', value: 'Senior Analyst' },
        { op: 'Add', path: 'emails[type eq "work"].value', value: 'p20.new@acme.example' },
        { op: 'Replace', path: 'name.givenName', value: 'Renamed' },
        { op: 'Replace', path: `${enterpriseUrn}:department`, value: 'Marketing' },
        { op: 'Replace', path: `${enterpriseUrn}:employeeNumber`, value: 'E9020' },
      ],
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({
      title: 'Senior Analyst',
      userName: 'p20.new@acme.example',
      displayName: 'Renamed Family 20',
      [enterpriseUrn]: { department: 'Marketing', employeeNumber: 'E9020' },
    });
    const removed = await scim('PATCH', `/Users/${id}`, {
      schemas: [patchUrn],
      Operations: [{ op: 'Remove', path: `${enterpriseUrn}:manager` }],
    });
    expect(removed.body[enterpriseUrn].manager).toBeUndefined();
    // Some Entra ID versions send active as the string "False".
    const off = await scim('PATCH', `/Users/${id}`, {
      schemas: [patchUrn],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    expect(off.body.active).toBe(false);
    const on = await scim('PATCH', `/Users/${id}`, {
      schemas: [patchUrn],
      Operations: [{ op: 'Replace', path: 'active', value: 'True' }],
    });
    expect(on.body.active).toBe(true);
  });

  it('applies the PATCH shapes Okta sends, and PUT replaces the User', async () => {
    const id = ids[21];
    const patched = await scim('PATCH', `/Users/${id}`, {
      schemas: [patchUrn],
      Operations: [
        {
          op: 'replace',
          value: { name: { givenName: 'Ana', familyName: 'Okta' }, displayName: 'Ana Okta', title: 'Lead' },
        },
      ],
    });
    expect(patched.body).toMatchObject({ displayName: 'Ana Okta', title: 'Lead' });
    const off = await scim('PATCH', `/Users/${id}`, {
      schemas: [patchUrn],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    expect(off.body.active).toBe(false);
    // Okta's managerId holds the manager's login or number rather than Mejora's id: both are resolved.
    const byLogin = await scim('PATCH', `/Users/${id}`, {
      schemas: [patchUrn],
      Operations: [
        { op: 'replace', value: { [enterpriseUrn]: { manager: { value: 'PERSON.3@acme.example' } } } },
      ],
    });
    expect(byLogin.body[enterpriseUrn].manager.value).toBe(ids[3]);
    const byNumber = await scim('PATCH', `/Users/${id}`, {
      schemas: [patchUrn],
      Operations: [{ op: 'replace', path: `${enterpriseUrn}:manager`, value: { value: 'E1004' } }],
    });
    expect(byNumber.body[enterpriseUrn].manager.value).toBe(ids[4]);
    const put = await scim(
      'PUT',
      `/Users/${id}`,
      userOf(21, { displayName: 'Ana Replaced', title: undefined, active: true }),
    );
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ displayName: 'Ana Replaced', active: true });
    expect(put.body.title).toBeUndefined();
    // If-Match with an old version is refused.
    const stale = await scim(
      'PATCH',
      `/Users/${id}`,
      { schemas: [patchUrn], Operations: [{ op: 'replace', path: 'title', value: 'X' }] },
      { headers: { 'if-match': 'W/"1"' } },
    );
    expect(stale.status).toBe(412);
    const fresh = await scim(
      'PATCH',
      `/Users/${id}`,
      { schemas: [patchUrn], Operations: [{ op: 'replace', path: 'title', value: 'X' }] },
      { headers: { 'if-match': put.body.meta.version } },
    );
    expect(fresh.status).toBe(200);
  });

  it('deactivation signs the person out everywhere and stops their sign-in; their records stay; reactivation lets them in', async () => {
    const employee = await signIn(t.app, demo.employee);
    const personal = await employee.post('/api/v1/me/tokens', { name: 'mine' });
    const found = await scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "${demo.employee}"`)}`);
    const id = found.body.Resources[0].id;
    expect(id).toBe(employee.user.employeeId);
    const plansBefore = (await hr.get('/api/v1/plans?limit=100')).body.items.length;
    const off = await scim('PATCH', `/Users/${id}`, {
      schemas: [patchUrn],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    expect(off.body.active).toBe(false);
    expect((await employee.get('/api/v1/me')).status).toBe(401);
    const bearer = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${personal.body.token}` },
    });
    expect(bearer.statusCode).toBe(401);
    await expect(signIn(t.app, demo.employee)).rejects.toThrow(/401/);
    // Records kept: the directory entry and the plans.
    expect((await hr.get(`/api/v1/employees/${id}`)).status).toBe(200);
    expect((await hr.get('/api/v1/plans?limit=100')).body.items.length).toBe(plansBefore);
    const [row] = await t.database.db.select().from(employees).where(eq(employees.id, id));
    expect(row.deactivatedAt).not.toBeNull();
    const on = await scim('PATCH', `/Users/${id}`, {
      schemas: [patchUrn],
      Operations: [{ op: 'replace', path: 'active', value: true }],
    });
    expect(on.body.active).toBe(true);
    expect((await (await signIn(t.app, demo.employee)).get('/api/v1/me')).status).toBe(200);
    // DELETE deactivates too, and the person stays readable as inactive.
    expect((await scim('DELETE', `/Users/${ids[30]}`)).status).toBe(204);
    expect((await scim('GET', `/Users/${ids[30]}`)).body.active).toBe(false);
  });

  it('refuses duplicates with 409 uniqueness', async () => {
    const again = await scim(
      'POST',
      '/Users',
      userOf(5, { userName: 'PERSON.5@acme.example', externalId: 'other', [enterpriseUrn]: {} }),
    );
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ status: '409', scimType: 'uniqueness' });
    const demoAccount = await scim('POST', '/Users', { schemas: [coreUrn], userName: demo.manager });
    expect(demoAccount.status).toBe(409);
    const taken = await scim('PATCH', `/Users/${ids[6]}`, {
      schemas: [patchUrn],
      Operations: [{ op: 'replace', path: 'externalId', value: 'ext-7' }],
    });
    expect(taken.status).toBe(409);
    const number = await scim(
      'POST',
      '/Users',
      userOf(500, { [enterpriseUrn]: { employeeNumber: 'E1001' } }),
    );
    expect(number.body.scimType).toBe('uniqueness');
  });

  it('answers bad requests with a SCIM error and a scimType, never a 500', async () => {
    const cases: [
      string,
      string,
      unknown,
      { raw?: string; contentType?: string },
      number,
      string | undefined,
    ][] = [
      ['POST', '/Users', undefined, { raw: '{"userName": ' }, 400, 'invalidSyntax'],
      [
        'POST',
        '/Users',
        { schemas: [coreUrn], userName: 'a@b.example', favoriteColor: 'blue' },
        {},
        400,
        'invalidValue',
      ],
      ['POST', '/Users', { schemas: [coreUrn], userName: 'not an email' }, {}, 400, 'invalidValue'],
      ['POST', '/Users', { schemas: [coreUrn] }, {}, 400, 'invalidValue'],
      ['POST', '/Users', { schemas: [coreUrn], userName: 'x\u0000@b.example' }, {}, 400, 'invalidValue'],
      [
        'POST',
        '/Users',
        { schemas: [coreUrn], userName: 'a@b.example', active: 'maybe' },
        {},
        400,
        'invalidValue',
      ],
      ['POST', '/Users', undefined, { raw: 'userName=a', contentType: 'text/plain' }, 415, undefined],
      [
        'PATCH',
        `/Users/${ids[1]}`,
        { schemas: [patchUrn], Operations: [{ op: 'replace', path: 'id', value: 'x' }] },
        {},
        400,
        'mutability',
      ],
      [
        'PATCH',
        `/Users/${ids[1]}`,
        { schemas: [patchUrn], Operations: [{ op: 'replace', path: 'shoeSize', value: 1 }] },
        {},
        400,
        'invalidPath',
      ],
      [
        'PATCH',
        `/Users/${ids[1]}`,
        { schemas: [patchUrn], Operations: [{ op: 'move', path: 'title', value: 1 }] },
        {},
        400,
        'invalidSyntax',
      ],
      ['PATCH', `/Users/${ids[1]}`, { schemas: [patchUrn], Operations: [] }, {}, 400, 'invalidSyntax'],
      [
        'PATCH',
        `/Users/${ids[1]}`,
        { schemas: [patchUrn], Operations: [{ op: 'remove' }] },
        {},
        400,
        'noTarget',
      ],
      [
        'PATCH',
        `/Users/${ids[1]}`,
        { schemas: [patchUrn], Operations: [{ op: 'replace', path: 'emails[type eq', value: 1 }] },
        {},
        400,
        'invalidPath',
      ],
      [
        'PATCH',
        `/Users/${ids[1]}`,
        { schemas: [patchUrn], Operations: [{ op: 'replace', path: 'title', value: 42 }] },
        {},
        400,
        'invalidValue',
      ],
      ['GET', '/Users/not-a-uuid', undefined, {}, 404, undefined],
      ['GET', `/Users/${'x'.repeat(500)}`, undefined, {}, 404, undefined],
      ['GET', '/Users?filter=%E0%A4%A', undefined, {}, 400, undefined],
      ['PUT', `/Users/${crypto.randomUUID()}`, userOf(1), {}, 404, undefined],
    ];
    for (const [method, url, body, options, status, scimType] of cases) {
      const answer = await scim(method, url, body, options);
      expect(
        answer.status,
        `${method} ${url} ${JSON.stringify(body ?? options.raw)}: ${JSON.stringify(answer.body)}`,
      ).toBe(status);
      expect(answer.headers['content-type']).toContain('application/scim+json');
      expect(answer.body).toMatchObject({ schemas: [errorUrn], status: String(status) });
      if (scimType) expect(answer.body.scimType).toBe(scimType);
    }
    // application/json is read as well as application/scim+json.
    const plain = await scim(
      'PATCH',
      `/Users/${ids[1]}`,
      { schemas: [patchUrn], Operations: [{ op: 'replace', path: 'title', value: 'Plain' }] },
      { contentType: 'application/json' },
    );
    expect(plain.body.title).toBe('Plain');
  });

  it("another organisation's token sees and changes nothing of this one", async () => {
    const other = await createOrganization(t.database.db);
    const admin = await createUserWithEmployee(t.database.db, other.id, { roles: ['hr_admin'] });
    const otherHr = await signIn(t.app, admin.email);
    const otherToken = (await otherHr.post('/api/v1/organization/scim-tokens', { name: 'Keycloak' })).body
      .token;
    const list = await scim('GET', '/Users?count=200', undefined, { token: otherToken });
    expect(list.body.totalResults).toBe(1);
    expect(list.body.Resources[0].userName).toBe(admin.email);
    const filtered = await scim(
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "person.3@acme.example"')}`,
      undefined,
      { token: otherToken },
    );
    expect(filtered.body.totalResults).toBe(0);
    expect((await scim('GET', `/Users/${ids[3]}`, undefined, { token: otherToken })).status).toBe(404);
    const patch = await scim(
      'PATCH',
      `/Users/${ids[3]}`,
      { schemas: [patchUrn], Operations: [{ op: 'replace', value: { active: false } }] },
      { token: otherToken },
    );
    expect(patch.status).toBe(404);
    expect((await scim('DELETE', `/Users/${ids[3]}`, undefined, { token: otherToken })).status).toBe(404);
    expect((await scim('GET', `/Users/${ids[3]}`)).body.active).toBe(true);
  });

  it('audits every SCIM change in the organisation chain without personal data', async () => {
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, hr.user.orgId), like(auditEvents.action, 'scim.%')));
    const actions = new Set(events.map((e) => e.action));
    expect([...actions].sort()).toEqual([
      'scim.user_created',
      'scim.user_deactivated',
      'scim.user_reactivated',
      'scim.user_updated',
    ]);
    expect(events.filter((e) => e.action === 'scim.user_created').length).toBe(people);
    expect(events.every((e) => e.chain === 'org' && e.actorUserId === null && e.digest?.via === 'scim')).toBe(
      true,
    );
    const text = JSON.stringify(events.map((e) => e.digest));
    expect(text).not.toMatch(/acme\.example|Given|Family|E10\d\d/);
    const tokenEvents = await t.database.db
      .select()
      .from(auditEvents)
      .where(like(auditEvents.action, 'scim_token.%'));
    expect(tokenEvents.map((e) => e.action)).toEqual(
      expect.arrayContaining(['scim_token.created', 'scim_token.revoked']),
    );
  });
});
