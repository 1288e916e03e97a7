// One rule, whichever path a change takes: what the plan offers to sign is what signing accepts, and an
// adjustment is checked and written as the direct endpoints do.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

const dir = mkdtempSync(join(tmpdir(), 'mejora-one-rule-'));
const pdfText = (pdf: Buffer): string => {
  const file = join(dir, `plan-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};

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

  const propose = (planId: string, changes: object) =>
    manager.post(`/api/v1/plans/${planId}/adjustments`, { reason: 'The plan must change', changes });
  const decide = (planId: string, adjustmentId: string) =>
    hr.post(`/api/v1/plans/${planId}/adjustments/${adjustmentId}/decision`, {
      decision: 'approve',
      reason: 'Agreed',
    });
  const paths = (response: { body: { errors?: { path: string }[] } }) =>
    (response.body.errors ?? []).map((e) => e.path);

  it("an adjustment refuses a metric of another plan's focus area with 422 naming the field, as the direct endpoint does", async () => {
    const plan = await activatePlan(manager, hr, employee, (await ready()).id);
    const other = await ready();
    const metric = {
      name: 'Borrowed metric',
      unit: '%',
      direction: 'higher',
      baseline: 10,
      target: 50,
      focusAreaId: other.focusAreas[0].id,
    };
    const direct = await manager.post(`/api/v1/plans/${other.id}/metrics`, {
      ...metric,
      focusAreaId: plan.focusAreas[0].id,
    });
    expect(direct.status).toBe(422);
    expect(paths(direct)).toEqual(['body/focusAreaId']);

    const proposed = await propose(plan.id, { metrics: { add: [metric] } });
    expect(proposed.status).toBe(422);
    expect(paths(proposed)).toEqual(['body/changes/metrics/add/0/focusAreaId']);
    const moved = await propose(plan.id, {
      metrics: { update: [{ id: plan.metrics[0].id, focusAreaId: other.focusAreas[0].id }] },
    });
    expect(paths(moved)).toEqual(['body/changes/metrics/update/0/focusAreaId']);
    // Nothing was written by the refused proposals.
    expect((await manager.get(`/api/v1/plans/${plan.id}/adjustments`)).body.items).toHaveLength(0);
    expect((await manager.get(`/api/v1/plans/${plan.id}`)).body.metrics).toHaveLength(4);

    // Checked again when applied: the focus area it names was removed in the meantime.
    const area = plan.focusAreas[1];
    const addMetric = await propose(plan.id, { metrics: { add: [{ ...metric, focusAreaId: area.id }] } });
    expect(addMetric.status, addMetric.text).toBe(201);
    const removeArea = await propose(plan.id, { focusAreas: { remove: [area.id] } });
    expect((await decide(plan.id, removeArea.body.id)).status).toBe(200);
    const late = await decide(plan.id, addMetric.body.id);
    expect(late.status).toBe(422);
    expect(paths(late)).toEqual(['changes/metrics/add/0/focusAreaId']);
    const log = (await manager.get(`/api/v1/plans/${plan.id}/adjustments`)).body.items;
    expect(log.find((a: { id: string }) => a.id === addMetric.body.id).status).toBe('pending');
  });

  it('an adjustment refuses a focus-area deadline outside the plan, and accepts one inside its own extension', async () => {
    const plan = await activatePlan(manager, hr, employee, (await ready()).id);
    expect(plan.header.endDate).toBe('2027-02-21');
    const late = await propose(plan.id, {
      focusAreas: { add: [{ title: 'Customer follow-up', deadline: '2030-01-15' }] },
    });
    expect(late.status).toBe(422);
    expect(paths(late)).toEqual(['body/changes/focusAreas/add/0/deadline']);
    const moved = await propose(plan.id, {
      focusAreas: { update: [{ id: plan.focusAreas[0].id, deadline: '2026-01-01' }] },
    });
    expect(paths(moved)).toEqual(['body/changes/focusAreas/update/0/deadline']);

    const extended = await propose(plan.id, {
      plan: { endDate: '2027-03-07' },
      focusAreas: { add: [{ title: 'Customer follow-up', deadline: '2027-03-01' }] },
    });
    expect(extended.status, extended.text).toBe(201);
    expect((await decide(plan.id, extended.body.id)).status).toBe(200);
    const after = (await manager.get(`/api/v1/plans/${plan.id}`)).body;
    expect(after.focusAreas.find((a: { title: string }) => a.title === 'Customer follow-up').deadline).toBe(
      '2027-03-01',
    );
  });

  it('an extension approved while the plan runs reschedules the timeline: what is done stays, the rest reaches the new end', async () => {
    const plan = await activatePlan(manager, hr, employee, (await ready()).id);
    const before = plan.timeline;
    expect(before.phases.at(-1).endDate).toBe('2027-02-21');
    t.clock.set('2027-01-04T10:00:00Z');
    try {
      const proposed = await propose(plan.id, { plan: { endDate: '2027-03-21' } });
      expect(proposed.status, proposed.text).toBe(201);
      expect((await decide(plan.id, proposed.body.id)).status).toBe(200);
      const after = (await manager.get(`/api/v1/plans/${plan.id}`)).body;
      expect(after.header).toMatchObject({ endDate: '2027-03-21', durationWeeks: 16 });
      const timeline = after.timeline;
      expect(timeline.phases.at(-1).endDate).toBe('2027-03-21');
      expect(timeline.phases.at(-1).endWeek).toBe(16);
      expect(timeline.milestones.at(-1)).toMatchObject({ date: '2027-03-21', week: 16 });
      // Done before today: unchanged. Still ahead: never earlier, within the new dates.
      expect(timeline.phases[0]).toEqual(before.phases[0]);
      const tasks = (tl: typeof before) =>
        tl.phases.flatMap((p: { tasks: { date: string }[] }) => p.tasks.map((task) => task.date));
      for (const [i, date] of tasks(before).entries()) {
        const now = tasks(timeline)[i];
        if (date < '2027-01-04') expect(now).toBe(date);
        else expect(now >= date && now <= '2027-03-21').toBe(true);
      }
      expect(tasks(timeline).at(-1) > tasks(before).at(-1)).toBe(true);
      // Goals due at the old end move with it, as on a draft.
      expect(after.focusAreas.every((a: { deadline: string }) => a.deadline === '2027-03-21')).toBe(true);
    } finally {
      t.clock.set('2026-11-24T09:00:00Z');
    }
  });

  it("a removed focus area's metrics are gone from the plan's metrics, its metrics to track and its document", async () => {
    const plan = await ready();
    const area = plan.focusAreas[0];
    expect(area.title).toBe('Technical Skills Gap');
    const tracked = plan.tracking.metricsByArea.map((g: { title: string }) => g.title);
    expect(tracked).toContain('Technical Skills Gap');
    expect((await manager.delete(`/api/v1/plans/${plan.id}/focus-areas/${area.id}`)).status).toBe(204);

    const after = (await manager.get(`/api/v1/plans/${plan.id}`)).body;
    expect(after.metrics.map((m: { name: string }) => m.name)).not.toContain('Reopened tickets');
    expect(after.metrics).toHaveLength(3);
    expect(after.tracking.metricsByArea.map((g: { title: string }) => g.title)).toEqual(
      after.focusAreas.map((a: { title: string }) => a.title),
    );
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/v1/plans/${plan.id}/document.pdf`,
      headers: { cookie: manager.cookie },
    });
    expect(pdf.statusCode).toBe(200);
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('Communication & Collaboration');
    expect(text).not.toContain('Technical Skills Gap');
    expect(text).not.toContain('Reopened tickets');
  });

  it('an approved adjustment removing a focus area removes its metrics too, said in its summary and kept in the earlier version', async () => {
    const plan = await activatePlan(manager, hr, employee, (await ready()).id);
    const area = plan.focusAreas[0];
    const metric = plan.metrics.find((m: { focusAreaId: string }) => m.focusAreaId === area.id);
    const proposed = await propose(plan.id, { focusAreas: { remove: [area.id] } });
    expect(proposed.status, proposed.text).toBe(201);
    expect(proposed.body.summary.map((c: { path: string }) => c.path)).toEqual([
      `focusAreas[${area.id}]`,
      `metrics[${metric.id}]`,
    ]);
    expect((await decide(plan.id, proposed.body.id)).status).toBe(200);
    const after = (await manager.get(`/api/v1/plans/${plan.id}`)).body;
    expect(after.metrics.map((m: { id: string }) => m.id)).not.toContain(metric.id);
    expect(after.tracking.metricsByArea.map((g: { title: string }) => g.title)).not.toContain(area.title);
    const earlier = (await hr.get(`/api/v1/plans/${plan.id}/versions/${plan.version}`)).body;
    expect(earlier.snapshot.metrics.map((m: { id: string }) => m.id)).toContain(metric.id);
  });
});
