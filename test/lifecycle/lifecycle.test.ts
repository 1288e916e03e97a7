import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';
import { activatePlan, completePlan, createPlan } from '../helpers/plans.ts';

describe.each(engines)('plan lifecycle on %s', (engine) => {
  let t: TestApp;
  let manager: Client;
  let hr: Client;
  let employee: Client;
  let hrRep: Client;
  let auditor: Client;
  const ready = async () => completePlan(manager, await createPlan(manager));
  const transition = (client: Client, id: string, body: object) =>
    client.post(`/api/v1/plans/${id}/transitions`, body);

  beforeAll(async () => {
    // The clock moves weeks ahead in some tests: sessions must outlive it.
    t = await startTestApp(engine, { env: { SESSION_IDLE_MINUTES: '200000', SESSION_MAX_HOURS: '5000' } });
    manager = await signIn(t.app, demo.manager);
    hr = await signIn(t.app, demo.hr);
    employee = await signIn(t.app, demo.employee);
    hrRep = await signIn(t.app, demo.hrRep);
    auditor = await signIn(t.app, demo.auditor);
  });
  afterAll(() => t?.close());

  it('refuses to submit an incomplete plan, listing what to fix', async () => {
    const plan = await createPlan(manager);
    const response = await transition(manager, plan.id, { action: 'submit' });
    expect(response.status).toBe(422);
    expect(response.body.errors.map((e: { path: string }) => e.path)).toContain('metrics');
    expect(response.body.errors.some((e: { path: string }) => e.path.endsWith('/specific'))).toBe(true);
    expect((await manager.get(`/api/v1/plans/${plan.id}`)).body.status).toBe('draft');
  });

  it('every allowed and refused transition per role, with 409 naming what is allowed', async () => {
    const plan = await ready();
    expect(plan.allowedActions).toEqual(['submit']);
    const hrView = (await hr.get(`/api/v1/plans/${plan.id}`)).body;
    expect(hrView.allowedActions).toEqual(['submit', 'cancel']);
    // The employee sees nothing of a draft.
    expect((await transition(employee, plan.id, { action: 'submit' })).status).toBe(404);
    const early = await transition(manager, plan.id, {
      action: 'close',
      outcome: 'successful',
      summary: 'x',
    });
    expect(early.status, early.text).toBe(409);
    expect(early.body.allowedActions).toEqual(['submit']);

    const submitted = await transition(manager, plan.id, { action: 'submit', comment: 'Ready for HR' });
    expect(submitted.body.status).toBe('in_review');
    expect(submitted.body.approvals).toEqual([
      expect.objectContaining({ role: 'manager', name: 'Marta Navarro', comment: 'Ready for HR' }),
    ]);
    // Still hidden from the employee while in review; the manager already approved by submitting.
    expect((await employee.get(`/api/v1/plans/${plan.id}`)).status).toBe(404);
    expect(submitted.body.allowedActions).toEqual(['reject']);
    const twice = await transition(manager, plan.id, { action: 'approve' });
    expect(twice.status).toBe(409);
    expect(twice.body.allowedActions).toEqual(['reject']);
    // Edits wait until the plan is back in draft.
    expect((await manager.patch(`/api/v1/plans/${plan.id}`, { issuesIntro: 'changed' })).status).toBe(409);

    const noReason = await transition(hr, plan.id, { action: 'reject' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors[0].path).toBe('body/reason');
    const rejected = await transition(hr, plan.id, {
      action: 'reject',
      reason: 'Add a dated example per area',
    });
    expect(rejected.body.status).toBe('draft');
    expect(rejected.body.approvals).toEqual([]);

    await transition(manager, plan.id, { action: 'submit' });
    const approved = await transition(hr, plan.id, { action: 'approve', comment: 'Fair and specific' });
    expect(approved.body.status).toBe('awaiting_acknowledgment');
    expect(approved.body.approvals.map((a: { role: string }) => a.role).sort()).toEqual(['hr', 'manager']);
    expect((await employee.get(`/api/v1/plans/${plan.id}`)).status).toBe(200);
    expect((await transition(employee, plan.id, { action: 'cancel', reason: 'no' })).status).toBe(409);
    expect((await transition(auditor, plan.id, { action: 'pause', reason: 'x' })).status).toBe(409);
  });

  it('all three signatures make the plan active; each binds to the version’s hash', async () => {
    const plan = await ready();
    await transition(manager, plan.id, { action: 'submit' });
    const awaiting = (await transition(hr, plan.id, { action: 'approve' })).body;
    expect(awaiting.permissions.canSignAs).toEqual(['hr']);
    const employeeView = (await employee.get(`/api/v1/plans/${plan.id}`)).body;
    expect(employeeView.permissions.canSignAs).toEqual(['employee']);
    const clauses = employeeView.acknowledgmentClauses.employee.map((c: { id: string }) => c.id);

    const unticked = await employee.post(`/api/v1/plans/${plan.id}/signatures`, {
      typedName: 'Elena Martín',
      clauses: clauses.slice(1),
    });
    expect(unticked.status).toBe(422);
    expect(unticked.body.errors[0]).toMatchObject({ path: 'body/clauses' });
    expect(unticked.body.errors[0].message).toContain(clauses[0]);
    const wrongName = await employee.post(`/api/v1/plans/${plan.id}/signatures`, {
      typedName: 'Elena M.',
      clauses,
    });
    expect(wrongName.status).toBe(422);
    expect(wrongName.body.errors[0].path).toBe('body/typedName');
    const unknownClause = await employee.post(`/api/v1/plans/${plan.id}/signatures`, {
      typedName: 'Elena Martín',
      clauses: [...clauses, 'extra'],
    });
    expect(unknownClause.body.errors[0].path).toBe(`body/clauses/${clauses.length}`);

    const signed = await employee.post(`/api/v1/plans/${plan.id}/signatures`, {
      typedName: 'elena  martín',
      clauses,
    });
    expect(signed.status).toBe(201);
    expect(signed.body.status).toBe('awaiting_acknowledgment');
    const signature = signed.body.signatures[0];
    expect(signature).toMatchObject({
      role: 'employee',
      signerName: 'Elena Martín',
      isCurrent: true,
      version: signed.body.version,
    });
    expect(signature.documentHash).toMatch(/^[0-9a-f]{64}$/);
    const versions = (await employee.get(`/api/v1/plans/${plan.id}/versions`)).body.items;
    expect(versions[0].documentHash).toBe(signature.documentHash);
    expect(
      (await employee.post(`/api/v1/plans/${plan.id}/signatures`, { typedName: 'Elena Martín', clauses }))
        .status,
    ).toBe(409);
    // The employee may not sign for the manager.
    expect(
      (
        await employee.post(`/api/v1/plans/${plan.id}/signatures`, {
          role: 'manager',
          typedName: 'Elena Martín',
          clauses,
        })
      ).status,
    ).toBe(403);

    const sign = async (client: Client, role: 'manager' | 'hr') =>
      client.post(`/api/v1/plans/${plan.id}/signatures`, {
        role,
        typedName: client.user.name,
        clauses: awaiting.acknowledgmentClauses[role].map((c: { id: string }) => c.id),
      });
    expect((await sign(manager, 'manager')).body.status).toBe('awaiting_acknowledgment');
    const active = await sign(hr, 'hr');
    expect(active.body.status).toBe('active');
    expect(active.body.signatures.every((s: { isCurrent: boolean }) => s.isCurrent)).toBe(true);
    const notes = await employee.get('/api/v1/notifications');
    expect(notes.body.items.map((n: { kind: string }) => n.kind)).toEqual(
      expect.arrayContaining(['plan.activated', 'plan.sent_for_acknowledgment']),
    );
    expect(notes.body.unreadCount).toBeGreaterThan(0);
  });

  it('the employee may refuse with a written response; HR witnesses it and the plan starts with the refusal on record', async () => {
    const plan = await ready();
    await transition(manager, plan.id, { action: 'submit' });
    await transition(hr, plan.id, { action: 'approve' });
    const empty = await employee.post(`/api/v1/plans/${plan.id}/signatures`, {
      refused: true,
      response: ' ',
    });
    expect(empty.status).toBe(422);
    const refused = await employee.post(`/api/v1/plans/${plan.id}/signatures`, {
      refused: true,
      response: 'I disagree with the examples given for communication.',
    });
    expect(refused.status).toBe(201);
    const refusal = refused.body.signatures.find((s: { isRefused: boolean }) => s.isRefused);
    for (const [client, role] of [
      [manager, 'manager'],
      [hr, 'hr'],
    ] as const) {
      await client.post(`/api/v1/plans/${plan.id}/signatures`, {
        role,
        typedName: client.user.name,
        clauses: refused.body.acknowledgmentClauses[role].map((c: { id: string }) => c.id),
      });
    }
    expect((await hr.get(`/api/v1/plans/${plan.id}`)).body.status).toBe('awaiting_acknowledgment');
    expect(
      (await manager.post(`/api/v1/plans/${plan.id}/signatures/${refusal.id}/witness`, { statement: 'x' }))
        .status,
    ).toBe(403);
    const witnessed = await hr.post(`/api/v1/plans/${plan.id}/signatures/${refusal.id}/witness`, {
      statement: 'Present at the meeting on 2 December; the plan was explained and a copy offered.',
    });
    expect(witnessed.body.status).toBe('active');
    expect(witnessed.body.signatures.find((s: { id: string }) => s.id === refusal.id)).toMatchObject({
      response: 'I disagree with the examples given for communication.',
      witnessName: 'Helena Ruiz',
    });
    const comment = await employee.post(`/api/v1/plans/${plan.id}/comments`, {
      kind: 'response',
      body: 'My written response.',
    });
    expect(comment.status).toBe(201);
    expect(
      (await hr.get(`/api/v1/plans/${plan.id}/comments`)).body.items.map((c: { body: string }) => c.body),
    ).toContain('My written response.');
  });

  it('a major change is refused directly, then proposed, approved: signatures void, back to acknowledgment', async () => {
    const plan = await activatePlan(manager, hr, employee, (await ready()).id);
    expect(plan.status).toBe('active');
    const metric = plan.metrics[0];
    const direct = await manager.patch(`/api/v1/plans/${plan.id}/metrics/${metric.id}`, {
      target: metric.target + 1,
    });
    expect(direct.status).toBe(409);
    expect(direct.body.detail).toContain(`/api/v1/plans/${plan.id}/adjustments`);
    const goal = await manager.patch(`/api/v1/plans/${plan.id}/focus-areas/${plan.focusAreas[0].id}`, {
      goal: 'Another goal of ten words at least, with 5 numbers.',
    });
    expect(goal.status).toBe(409);
    expect((await manager.patch(`/api/v1/plans/${plan.id}`, { endDate: '2027-03-07' })).status).toBe(409);

    const proposed = await manager.post(`/api/v1/plans/${plan.id}/adjustments`, {
      reason: 'Extension: two weeks of sick leave in January',
      changes: {
        plan: { endDate: '2027-03-07' },
        metrics: { update: [{ id: metric.id, target: metric.target + 1 }] },
      },
    });
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({
      status: 'pending',
      kind: 'major',
      proposedByName: 'Marta Navarro',
    });
    expect(proposed.body.summary).toEqual(
      expect.arrayContaining([{ path: 'endDate', before: '2027-02-21', after: '2027-03-07' }]),
    );
    const badId = await manager.post(`/api/v1/plans/${plan.id}/adjustments`, {
      reason: 'x',
      changes: { metrics: { remove: ['00000000-0000-4000-8000-000000000000'] } },
    });
    expect(badId.status).toBe(422);
    expect(badId.body.errors[0].path).toBe('body/changes/metrics/remove/0');
    expect(
      (
        await manager.post(`/api/v1/plans/${plan.id}/adjustments/${proposed.body.id}/decision`, {
          decision: 'approve',
          reason: 'ok',
        })
      ).status,
    ).toBe(403);

    const decided = await hr.post(`/api/v1/plans/${plan.id}/adjustments/${proposed.body.id}/decision`, {
      decision: 'approve',
      reason: 'Leave documented',
    });
    expect(decided.body).toMatchObject({ status: 'approved', decidedByName: 'Helena Ruiz' });
    const after = (await hr.get(`/api/v1/plans/${plan.id}`)).body;
    expect(after.status).toBe('awaiting_acknowledgment');
    expect(after.header.endDate).toBe('2027-03-07');
    expect(after.metrics[0].target).toBe(metric.target + 1);
    expect(after.signatures).toHaveLength(3);
    expect(after.signatures.every((s: { isCurrent: boolean }) => !s.isCurrent)).toBe(true);
    expect(after.permissions.canSignAs).toEqual(['hr']);
    const diff = await hr.get(
      `/api/v1/plans/${plan.id}/versions/diff?from=${plan.version}&to=${after.version}`,
    );
    expect(diff.body.changes.map((c: { path: string }) => c.path)).toEqual(
      expect.arrayContaining(['endDate']),
    );
  });

  it('minor changes while active are applied and logged as adjustments', async () => {
    const plan = await activatePlan(manager, hr, employee, (await ready()).id);
    const activity = plan.activities[1];
    const moved = await manager.patch(`/api/v1/plans/${plan.id}/activities/${activity.id}`, {
      dueDate: '2027-01-15',
    });
    expect(moved.status).toBe(200);
    const ticked = await employee.patch(`/api/v1/plans/${plan.id}/activities/${activity.id}`, {
      status: 'done',
      evidence: 'Certificate #42',
    });
    expect(ticked.body.status).toBe('done');
    expect(
      (await employee.patch(`/api/v1/plans/${plan.id}/activities/${activity.id}`, { title: 'Renamed' }))
        .status,
    ).toBe(403);
    const log = (await manager.get(`/api/v1/plans/${plan.id}/adjustments`)).body.items;
    expect(log[0]).toMatchObject({ kind: 'minor', status: 'applied' });
    expect(JSON.stringify(log[0].summary)).toContain('dueDate');
    const after = (await manager.get(`/api/v1/plans/${plan.id}`)).body;
    expect(after.status).toBe('active');
    expect(after.signatures.every((s: { isCurrent: boolean }) => s.isCurrent)).toBe(true);
  });

  it('pause and resume shift the remaining dates by the paused length; a paused plan takes no measurements', async () => {
    const plan = await activatePlan(manager, hr, employee, (await ready()).id);
    t.clock.set('2026-12-14T10:00:00Z');
    expect((await transition(hr, plan.id, { action: 'pause' })).status).toBe(422);
    const paused = await transition(hr, plan.id, { action: 'pause', reason: 'Leave of absence' });
    expect(paused.body.status).toBe('paused');
    expect(paused.body.allowedActions).toEqual(['resume', 'cancel']);
    const measurement = await manager.post(
      `/api/v1/plans/${plan.id}/metrics/${plan.metrics[0].id}/measurements`,
      { date: '2026-12-14', value: 20 },
    );
    expect(measurement.status).toBe(409);
    t.clock.set('2026-12-28T10:00:00Z');
    const resumed = await transition(hr, plan.id, { action: 'resume' });
    expect(resumed.body.status).toBe('active');
    expect(resumed.body.header.endDate).toBe('2027-03-07');
    const lastPhase = resumed.body.timeline.phases.at(-1);
    expect(lastPhase.endDate).toBe('2027-03-07');
    expect(resumed.body.timeline.phases[0].startDate).toBe('2026-11-30');
    expect(resumed.body.signatures.every((s: { isCurrent: boolean }) => s.isCurrent)).toBe(true);
    const log = (await hr.get(`/api/v1/plans/${plan.id}/adjustments`)).body.items;
    expect(log.find((a: { kind: string }) => a.kind === 'pause')).toMatchObject({
      status: 'applied',
      changes: { days: 14 },
    });
    t.clock.set('2026-11-24T09:00:00Z');
  });

  it('closing records the outcome and makes the plan read-only; cancelling needs HR and a reason', async () => {
    const plan = await activatePlan(manager, hr, employee, (await ready()).id);
    const noOutcome = await transition(hr, plan.id, { action: 'close', summary: 'Done' });
    expect(noOutcome.body.errors[0].path).toBe('body/outcome');
    const closed = await transition(hr, plan.id, {
      action: 'close',
      outcome: 'successful',
      summary: 'All four goals met and sustained.',
      overrideReason: 'Goals met early and confirmed by the team lead.',
      areaSummaries: [{ focusAreaId: plan.focusAreas[0].id, summary: 'Reopened tickets down to 6%.' }],
    });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    expect(closed.body.outcome).toMatchObject({ outcome: 'successful', decidedByName: 'Helena Ruiz' });
    expect(closed.body.outcome.areaSummaries[0].title).toBe('Technical Skills Gap');
    expect(closed.body.outcome.completionSteps).toHaveLength(5);
    expect(closed.body.allowedActions).toEqual([]);
    expect((await manager.patch(`/api/v1/plans/${plan.id}`, { issuesIntro: 'x' })).status).toBe(409);
    expect(
      (
        await manager.post(`/api/v1/plans/${plan.id}/metrics`, {
          name: 'x',
          unit: '',
          direction: 'higher',
          baseline: 1,
          target: 2,
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await employee.patch(`/api/v1/plans/${plan.id}/activities/${plan.activities[0].id}`, {
          status: 'done',
        })
      ).status,
    ).toBe(409);

    const other = await ready();
    expect((await transition(manager, other.id, { action: 'cancel', reason: 'x' })).status).toBe(409);
    const cancelled = await transition(hr, other.id, {
      action: 'cancel',
      reason: 'Employee moved to another team',
    });
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.outcome).toMatchObject({
      outcome: 'cancelled',
      reason: 'Employee moved to another team',
    });
  });

  it('a plan’s audit trail is visible to HR and auditors only, and verifies', async () => {
    const plan = await activatePlan(manager, hr, employee, (await ready()).id);
    const trail = await auditor.get(`/api/v1/plans/${plan.id}/audit`);
    expect(trail.status).toBe(200);
    const actions = trail.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'plan.created',
        'plan.submitted',
        'plan.approved',
        'plan.signed',
        'plan.viewed',
      ]),
    );
    expect(trail.body.items.map((e: { seq: number }) => e.seq)).toEqual(
      trail.body.items.map((_: unknown, i: number) => i + 1),
    );
    expect(trail.body.verification.isIntact).toBe(true);
    expect((await manager.get(`/api/v1/plans/${plan.id}/audit`)).status).toBe(403);
    expect((await employee.get(`/api/v1/plans/${plan.id}/audit`)).status).toBe(403);
    expect((await hrRep.get(`/api/v1/plans/${plan.id}/audit`)).status).toBe(404);
    const verify = await hr.get('/api/v1/audit/verify');
    expect(verify.body).toMatchObject({ isIntact: true });
    expect(verify.body.events).toBeGreaterThan(20);
  });
});
