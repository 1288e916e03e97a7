// One rule, whichever path a change takes: what the plan offers to sign is what signing accepts, and an
// adjustment is checked and written as the direct endpoints do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';
import { activatePlan, completePlan, createPlan } from '../helpers/plans.ts';

type Role = 'employee' | 'manager' | 'hr';

/** A small seeded generator, so that a failing sequence replays exactly. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return (n: number) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) % n;
  };
}

describe.each(engines)('one rule, one place on %s', (engine) => {
  let t: TestApp;
  let manager: Client;
  let hr: Client;
  let employee: Client;
  const as = (role: Role) => ({ employee, manager, hr })[role];
  const ready = async () => completePlan(manager, await createPlan(manager));

  /** A plan submitted and approved: it awaits the three signatures. */
  async function awaitingAcknowledgment() {
    const plan = await ready();
    expect((await manager.post(`/api/v1/plans/${plan.id}/transitions`, { action: 'submit' })).status).toBe(
      200,
    );
    const approved = await hr.post(`/api/v1/plans/${plan.id}/transitions`, { action: 'approve' });
    expect(approved.body.status).toBe('awaiting_acknowledgment');
    return approved.body;
  }

  const sign = async (planId: string, role: Role) => {
    const plan = (await as(role).get(`/api/v1/plans/${planId}`)).body;
    return as(role).post(`/api/v1/plans/${planId}/signatures`, {
      role,
      typedName: as(role).user.name,
      clauses: plan.acknowledgmentClauses[role].map((c: { id: string }) => c.id),
    });
  };

  /** A minor change: an activity's due date (dates of tasks never need new signatures). */
  const minorChange = async (planId: string, day: number) => {
    const plan = (await manager.get(`/api/v1/plans/${planId}`)).body;
    const response = await manager.patch(`/api/v1/plans/${planId}/activities/${plan.activities[0].id}`, {
      dueDate: `2027-01-${String(1 + (day % 28)).padStart(2, '0')}`,
    });
    return response;
  };

  /** A major change: a new success criterion, proposed by the manager and approved by HR. */
  const majorChange = async (planId: string, text: string) => {
    const proposed = await manager.post(`/api/v1/plans/${planId}/adjustments`, {
      reason: 'The goals were agreed to include this',
      changes: { successCriteria: { add: [{ text }] } },
    });
    expect(proposed.status, proposed.text).toBe(201);
    const decided = await hr.post(`/api/v1/plans/${planId}/adjustments/${proposed.body.id}/decision`, {
      decision: 'approve',
      reason: 'Agreed',
    });
    expect(decided.status, decided.text).toBe(200);
  };

  beforeAll(async () => {
    t = await startTestApp(engine, { env: { SESSION_IDLE_MINUTES: '200000', SESSION_MAX_HOURS: '5000' } });
    manager = await signIn(t.app, demo.manager);
    hr = await signIn(t.app, demo.hr);
    employee = await signIn(t.app, demo.employee);
  });
  afterAll(() => t?.close());

  it('the employee who signed is not offered to sign again after a minor change, and signing again is refused', async () => {
    const plan = await awaitingAcknowledgment();
    expect((await sign(plan.id, 'employee')).status).toBe(201);
    const moved = await minorChange(plan.id, 14);
    expect(moved.status, moved.text).toBe(200);

    const seen = (await employee.get(`/api/v1/plans/${plan.id}`)).body;
    expect(seen.version).toBeGreaterThan(plan.version);
    expect(seen.permissions.canSignAs).toEqual([]);
    expect(seen.signatures.find((s: { role: string }) => s.role === 'employee').isCurrent).toBe(true);
    const again = await sign(plan.id, 'employee');
    expect(again.status).toBe(409);

    // The others are still offered what they may still do, and it is accepted.
    expect((await manager.get(`/api/v1/plans/${plan.id}`)).body.permissions.canSignAs).toEqual(['manager']);
    expect((await sign(plan.id, 'manager')).status).toBe(201);
  });

  it('over any sequence of signatures, refusals, minor and major changes, the offer to sign is exactly what signing accepts', async () => {
    for (const seed of [1, 2]) {
      const next = seeded(seed);
      const plan = await awaitingAcknowledgment();
      for (let step = 0; step < 14; step++) {
        const op = next(6);
        if (op <= 2) {
          const role = (['employee', 'manager', 'hr'] as const)[op];
          const view = (await as(role).get(`/api/v1/plans/${plan.id}`)).body;
          const isOffered = view.permissions.canSignAs.includes(role);
          const hasCurrent = view.signatures.some(
            (s: { role: string; isCurrent: boolean }) => s.role === role && s.isCurrent,
          );
          expect(isOffered, `seed ${seed} step ${step}: ${role} offered`).toBe(
            view.status === 'awaiting_acknowledgment' && !hasCurrent,
          );
          const signed = await sign(plan.id, role);
          expect(signed.status, `seed ${seed} step ${step}: ${role} signs: ${signed.body?.detail}`).toBe(
            isOffered ? 201 : 409,
          );
        } else if (op === 3) {
          const view = (await employee.get(`/api/v1/plans/${plan.id}`)).body;
          const isOffered = view.permissions.canSignAs.includes('employee');
          const refused = await employee.post(`/api/v1/plans/${plan.id}/signatures`, {
            role: 'employee',
            refused: true,
            response: 'I do not agree with the examples.',
          });
          expect(refused.status, `seed ${seed} step ${step}: refusal: ${refused.body?.detail}`).toBe(
            isOffered ? 201 : 409,
          );
          if (refused.status === 201) {
            const refusal = refused.body.signatures.find(
              (s: { isRefused: boolean; isCurrent: boolean }) => s.isRefused && s.isCurrent,
            );
            const witnessed = await hr.post(`/api/v1/plans/${plan.id}/signatures/${refusal.id}/witness`, {
              statement: 'I was present when the employee refused.',
            });
            expect(witnessed.status, witnessed.text).toBe(200);
          }
        } else if (op === 4) {
          expect((await minorChange(plan.id, step)).status).toBe(200);
        } else {
          await majorChange(plan.id, `Criterion added at step ${step} of sequence ${seed}`);
          const after = (await hr.get(`/api/v1/plans/${plan.id}`)).body;
          expect(after.status).toBe('awaiting_acknowledgment');
          expect(after.signatures.every((s: { isCurrent: boolean }) => !s.isCurrent)).toBe(true);
        }
      }
    }
  });
});
