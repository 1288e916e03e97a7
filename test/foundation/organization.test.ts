import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { demo, signIn } from '../helpers/http.ts';
import { createPlan } from '../helpers/plans.ts';

describe.each(engines)('organisation administration on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t?.close());

  it('HR admin changes settings; bad values name the field; others may only read', async () => {
    const hr = await signIn(t.app, demo.hr);
    expect((await hr.get('/api/v1/organization')).body).toMatchObject({
      name: 'Lumina Learning',
      timezone: 'Europe/Madrid',
      retentionYears: 7,
    });
    const updated = await hr.patch('/api/v1/organization', {
      retentionYears: 5,
      timezone: 'America/Mexico_City',
    });
    expect(updated.body).toMatchObject({ retentionYears: 5, timezone: 'America/Mexico_City' });
    const bad = await hr.patch('/api/v1/organization', { timezone: 'Nowhere/Land', retentionYears: 0 });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body/retentionYears',
      'body/timezone',
    ]);
    const manager = await signIn(t.app, demo.manager);
    expect((await manager.get('/api/v1/organization')).status).toBe(200);
    expect((await manager.patch('/api/v1/organization', { retentionYears: 1 })).status).toBe(403);
  });

  it('default contacts are copied into new plans', async () => {
    const hr = await signIn(t.app, demo.hr);
    const added = await hr.post('/api/v1/organization/contacts', {
      kind: 'resource',
      key: 'training_platform',
      label: 'Training platform',
      url: 'https://academy.lumina.example',
    });
    expect(added.status).toBe(201);
    const plan = await createPlan(hr);
    expect(plan.resources).toEqual([
      expect.objectContaining({ label: 'Training platform', url: 'https://academy.lumina.example' }),
    ]);
    expect(
      (await hr.post('/api/v1/organization/contacts', { kind: 'resource', label: 'x', url: 'not a url' }))
        .body.errors[0].path,
    ).toBe('body/url');
  });

  it('HR admin creates a user who can sign in, changes roles, disables them; pickers list mentors for everyone', async () => {
    const hr = await signIn(t.app, demo.hr);
    const created = await hr.post('/api/v1/users', {
      email: 'nuevo.mentor@lumina.example',
      name: 'Nuevo Mentor',
      password: 'a-long-password',
      roles: ['mentor'],
      locale: 'es',
    });
    expect(created.status).toBe(201);
    const duplicate = await hr.post('/api/v1/users', {
      email: 'nuevo.mentor@lumina.example',
      name: 'X',
      password: 'a-long-password',
      roles: ['mentor'],
    });
    expect(duplicate.status).toBe(422);
    expect(duplicate.body.errors[0].path).toBe('body/email');
    const newcomer = await signIn(t.app, 'nuevo.mentor@lumina.example', 'a-long-password');
    expect(newcomer.user.roles).toEqual(['mentor']);
    const manager = await signIn(t.app, demo.manager);
    const mentors = await manager.get('/api/v1/users?role=mentor');
    expect(mentors.body.items.map((u: { name: string }) => u.name)).toEqual(
      expect.arrayContaining(['Miguel Torres', 'Nuevo Mentor']),
    );
    expect(mentors.body.items.every((u: { email: string }) => u.email === '')).toBe(true);
    expect((await manager.get('/api/v1/users')).status).toBe(403);
    const disabled = await hr.patch(`/api/v1/users/${created.body.id}`, { isDisabled: true });
    expect(disabled.body.isDisabled).toBe(true);
    expect((await newcomer.get('/api/v1/me')).status).toBe(401);
    expect((await hr.patch(`/api/v1/users/${hr.user.id}`, { roles: ['hr'] })).status).toBe(422);
  });
});
