// Template prompts are prompts: a new plan starts with those fields empty and the prompt available as a
// placeholder, and submission lists every required field still empty (or still its prompt) with its path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';
import { completePlan, createPlan } from '../helpers/plans.ts';

describe.each(engines)('template prompts on %s', (engine) => {
  let t: TestApp;
  let manager: Client;

  beforeAll(async () => {
    t = await startTestApp(engine);
    manager = await signIn(t.app, demo.manager);
  });
  afterAll(() => t?.close());

  it('a new plan starts with the prompted fields empty and the prompts as placeholders', async () => {
    const plan = await createPlan(manager);
    for (const area of plan.focusAreas) {
      for (const field of ['issue', 'impact', 'requiredStandard', 'goal', 'measurement', 'successCriteria']) {
        expect(area[field], `${area.templateKey}.${field}`).toBe('');
      }
    }
    expect(plan.support.hr).toMatchObject({
      availability: '',
      supportAreas: '',
      placeholders: { availability: 'Contact information and availability' },
    });
    expect(plan.support.mentor.placeholders.focusAreas).toBe('Specific areas of focus');
    expect(JSON.stringify(plan)).not.toContain('"Expected performance level"');
    // The focus areas' prompts come from the plan's template, by the area's template key.
    const template = (await manager.get(`/api/v1/templates/${plan.templateId}?locale=${plan.locale}`)).body;
    const technical = template.focusAreas.find((a: { key: string }) => a.key === 'technical_skills');
    expect(technical).toMatchObject({
      requiredStandard: 'Expected performance level',
      measurement: 'Specific metrics or assessments',
    });
  });

  it('a Spanish plan gets the Spanish prompts as placeholders', async () => {
    const plan = await createPlan(manager, { locale: 'es' });
    expect(plan.support.hr.availability).toBe('');
    expect(plan.support.hr.placeholders.availability).toBe('Datos de contacto y disponibilidad');
  });

  it('submission lists every required field still empty, each with its path', async () => {
    const plan = await createPlan(manager);
    const refused = await manager.post(`/api/v1/plans/${plan.id}/transitions`, { action: 'submit' });
    expect(refused.status).toBe(422);
    const paths = refused.body.errors.map((e: { path: string }) => e.path);
    for (const area of plan.focusAreas) {
      for (const field of ['issue', 'impact', 'requiredStandard', 'goal', 'measurement', 'successCriteria']) {
        expect(paths).toContain(`focusAreas/${area.id}/${field}`);
      }
      expect(paths).toContain(`focusAreas/${area.id}/examples`);
    }
    expect(paths).toContain('support/hr/availability');
    expect(paths).toContain('support/hr/supportAreas');
    expect((await manager.get(`/api/v1/plans/${plan.id}`)).body.status).toBe('draft');
  });

  it('a field left as its template prompt counts as empty, and a complete plan is submitted', async () => {
    const plan = await completePlan(manager, await createPlan(manager));
    const area = plan.focusAreas[0];
    await manager.patch(`/api/v1/plans/${plan.id}/focus-areas/${area.id}`, {
      requiredStandard: 'Expected performance level',
    });
    await manager.patch(`/api/v1/plans/${plan.id}`, {
      support: { hr: { availability: 'Contact information and availability' } },
    });
    const refused = await manager.post(`/api/v1/plans/${plan.id}/transitions`, { action: 'submit' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(
      [`focusAreas/${area.id}/requiredStandard`, 'support/hr/availability'].sort(),
    );
    await manager.patch(`/api/v1/plans/${plan.id}/focus-areas/${area.id}`, {
      requiredStandard: 'Fewer than 10% of fixes reopened, as for the rest of the team.',
    });
    await manager.patch(`/api/v1/plans/${plan.id}`, {
      support: { hr: { availability: 'Hugo Reyes, Monday to Thursday 9:00–17:00' } },
    });
    const submitted = await manager.post(`/api/v1/plans/${plan.id}/transitions`, { action: 'submit' });
    expect(submitted.status, submitted.text).toBe(200);
    expect(submitted.body.status).toBe('in_review');
  });
});
