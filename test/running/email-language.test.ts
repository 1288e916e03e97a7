// Each email is in its recipient's language, the one they chose for their account: the same event reaches one
// person in English and another in Spanish over a real SMTP exchange, check-in invitations included, and a
// change of language applies to the next email. Status words are the glossary's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderEmail } from '../../src/services/email/templates.ts';
import { sendDueInvitations } from '../../src/services/running/check-in-invitations.ts';
import { engines, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';
import { type MailedApp, startMailedApp } from '../helpers/mail.ts';
import { activatePlan, completePlan, createPlan } from '../helpers/plans.ts';

describe.each(engines)('email language on %s', (engine) => {
  let mail: MailedApp;
  let t: TestApp;
  let manager: Client;
  let hr: Client;
  let employee: Client;
  let planId: string;

  const to = (kind: string, email: string) => mail.to(kind, email);
  const settled = () => mail.settled();

  beforeAll(async () => {
    mail = await startMailedApp(engine, 'mail-language');
    t = mail.t;
    manager = await signIn(t.app, demo.manager);
    hr = await signIn(t.app, demo.hr);
    employee = await signIn(t.app, demo.employee);
  });
  afterAll(async () => {
    await mail?.close();
  });

  it('the language a person chose is their account’s: /me reports it', async () => {
    const chosen = await employee.patch('/api/v1/me', { locale: 'es' });
    expect(chosen.status, chosen.text).toBe(200);
    expect(chosen.body.locale).toBe('es');
    expect((await employee.get('/api/v1/me')).body.user.locale).toBe('es');
    expect((await manager.get('/api/v1/me')).body.user.locale).toBe('en');
  });

  it('sending the plan for signature writes to the manager in English and to the employee in Spanish', async () => {
    const draft = await createPlan(manager, {});
    planId = (await activatePlan(manager, hr, employee, (await completePlan(manager, draft)).id)).id;
    await settled();

    const [english] = to('signature.needed', demo.manager);
    expect(english.text).toContain('Hello Marta');
    expect(english.text).toContain('awaits your signature');
    expect(english.text).toContain('Confidential: this message concerns a Performance Improvement Plan.');
    expect(english.text).not.toContain('Plan de Mejora de Rendimiento');

    const [spanish] = to('plan.sent_for_acknowledgment', demo.employee);
    expect(spanish.text).toContain('Hola, Elena');
    expect(spanish.text).toContain('Su Plan de Mejora de Rendimiento ha sido aprobado y se le ha enviado.');
    expect(spanish.text).toContain(
      'Confidencial: este mensaje se refiere a un Plan de Mejora de Rendimiento.',
    );
    expect(spanish.text).not.toContain('Performance Improvement Plan');
  });

  it('a check-in invitation reaches the manager in English and the employee in Spanish, calendar part included', async () => {
    expect(await sendDueInvitations(t.deps)).toBeGreaterThan(0);
    await settled();
    // The plan has other meetings invited at the same time; the weekly check-in's invitation carries its UID.
    const [weekly] = (await manager.get(`/api/v1/plans/${planId}/check-ins`)).body.items.filter(
      (i: { type: string }) => i.type === 'weekly_checkin',
    );
    const ofWeekly = (email: string) =>
      to('checkin.invitation', email).filter((m) => m.raw.includes(`UID:${weekly.id}@mejora`));
    const [english] = ofWeekly(demo.manager);
    const [spanish] = ofWeekly(demo.employee);
    expect(english.text).toContain('You are invited to the weekly check-in');
    expect(english.raw).toMatch(/SUMMARY:Weekly check-in/);
    expect(spanish.text).toContain('Se le invita a la reunión de seguimiento semanal');
    expect(spanish.raw).toMatch(/PRODID:-\/\/Mejora\/\/Mejora\/\/ES/);
    expect(english.raw).toMatch(/PRODID:-\/\/Mejora\/\/Mejora\/\/EN/);
  });

  it('a person who changes their language gets the next email in the new one', async () => {
    expect((await employee.patch('/api/v1/me', { locale: 'en' })).status).toBe(200);
    expect((await manager.patch('/api/v1/me', { locale: 'es' })).status).toBe(200);
    const [checkIn] = (await manager.get(`/api/v1/plans/${planId}/check-ins`)).body.items.filter(
      (i: { type: string }) => i.type === 'weekly_checkin',
    );
    const cancelled = await manager.patch(`/api/v1/check-ins/${checkIn.id}`, {
      status: 'cancelled',
      reason: 'Public holiday',
    });
    expect(cancelled.status, cancelled.text).toBe(200);
    await settled();
    const [toEmployee] = to('checkin.cancelled', demo.employee);
    const [toManager] = to('checkin.cancelled', demo.manager);
    expect(toEmployee.text).toContain('Hello Elena');
    expect(toEmployee.text).toMatch(/The weekly check-in of .+ is cancelled\./);
    expect(toManager.text).toContain('Hola, Marta');
    expect(toManager.text).toMatch(/La reunión de seguimiento semanal del .+ se ha cancelado\./);
  });
});

describe('status words in emails', () => {
  const report = {
    weekStart: '2026-12-07',
    elapsedPercent: 40,
    overallProgressPercent: 55,
    held: 3,
    missed: 1,
    compliancePercent: 75,
    areas: [
      { title: 'A', status: 'onTrack' },
      { title: 'B', status: 'atRisk' },
      { title: 'C', status: 'offTrack' },
    ],
    riskFlags: [],
  };

  it('the weekly report names each area’s status with the glossary’s words in both languages', () => {
    const es = renderEmail('weekly.report', 'es', { employeeName: 'Elena Martín', planId: 'p', report }).text;
    expect(es).toContain('• A: en buen camino');
    expect(es).toContain('• B: en riesgo');
    expect(es).toContain('• C: desviado');
    expect(es).not.toContain('en curso');
    const en = renderEmail('weekly.report', 'en', { employeeName: 'Elena Martín', planId: 'p', report }).text;
    expect(en).toContain('• A: on track');
    expect(en).toContain('• B: at risk');
    expect(en).toContain('• C: off track');
  });
});
