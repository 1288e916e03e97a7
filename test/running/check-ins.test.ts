// Check-ins of a running plan over HTTP: the schedule on activation, recording, moving and cancelling,
// private notes, inline measurements, progress with risk flags, and the calendar feed.
import ical, { type VEvent } from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoPlans } from '../../src/services/demo/seed-demo-plans.ts';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, send, signIn } from '../helpers/http.ts';
import { activatePlan, completePlan, createPlan } from '../helpers/plans.ts';

type CheckIn = {
  id: string;
  type: string;
  status: string;
  scheduledAt: string;
  localDate: string;
  localTime: string;
  privateNotes?: string | null;
};

describe.each(engines)('check-ins on %s', (engine) => {
  let t: TestApp;
  let manager: Client;
  let hr: Client;
  let hrRep: Client;
  let employee: Client;
  let mentor: Client;

  const startPlan = async (overrides: { startDate?: string; durationWeeks?: number } = {}) => {
    const draft = await createPlan(manager, {
      hrRepId: hrRep.user.id,
      mentorId: mentor.user.id,
      ...overrides,
    });
    const complete = await completePlan(manager, draft);
    // A plan much shorter than the organisation's usual length is a warning HR accepts with a reason.
    const readiness = (await hr.get(`/api/v1/plans/${complete.id}/readiness`)).body;
    for (const item of readiness.items.filter((i: { severity: string }) => i.severity === 'warning')) {
      const accepted = await hr.post(`/api/v1/plans/${complete.id}/readiness/acceptances`, {
        code: item.code,
        reason: 'A four-week plan was agreed for this role',
      });
      expect(accepted.status, accepted.text).toBeLessThan(300);
    }
    return activatePlan(manager, hr, employee, complete.id);
  };
  const checkInsOf = async (client: Client, planId: string): Promise<CheckIn[]> => {
    const response = await client.get(`/api/v1/plans/${planId}/check-ins`);
    expect(response.status, response.text).toBe(200);
    return response.body.items;
  };
  const count = (items: { type: string }[]) =>
    items.reduce<Record<string, number>>((acc, i) => {
      acc[i.type] = (acc[i.type] ?? 0) + 1;
      return acc;
    }, {});

  beforeAll(async () => {
    t = await startTestApp(engine, { env: { SESSION_IDLE_MINUTES: '500000', SESSION_MAX_HOURS: '10000' } });
    manager = await signIn(t.app, demo.manager);
    hr = await signIn(t.app, demo.hr);
    hrRep = await signIn(t.app, demo.hrRep);
    employee = await signIn(t.app, demo.employee);
    mentor = await signIn(t.app, demo.mentor);
    // Four-week plans are scheduled here: the organisation allows them (its minimum length is a setting).
    const allowed = await hr.patch('/api/v1/organization', { minimumPlanDays: 28 });
    expect(allowed.status, allowed.text).toBe(200);
  });
  afterAll(() => t?.close());

  it('the active demo plan has its check-ins scheduled', async () => {
    // First in this file: the demo seeds only an organisation without plans.
    expect(await seedDemoPlans(t.deps)).toBe(true);
    const list = (await hr.get('/api/v1/plans?limit=50')).body.items;
    const daniel = list.find((p: { employeeName: string }) => p.employeeName === 'Daniel Ortega');
    const items = await checkInsOf(hr, daniel.id);
    expect(items.length).toBeGreaterThan(8);
    expect(items.every((i) => i.status === 'scheduled' && i.scheduledAt > '2026-11-24')).toBe(true);
  });

  it.each([
    // 4 weeks across the end of summer time (2027-10-31), 12 weeks, 26 weeks across its start (2027-03-28).
    [4, '2027-10-18', { weekly_checkin: 2, biweekly_assessment: 1, final_evaluation: 1, mentor_session: 4 }],
    [
      12,
      '2026-11-30',
      {
        weekly_checkin: 6,
        biweekly_assessment: 3,
        monthly_review: 2,
        final_evaluation: 1,
        mentor_session: 12,
      },
    ],
    [
      26,
      '2027-01-04',
      {
        weekly_checkin: 13,
        biweekly_assessment: 6,
        monthly_review: 6,
        final_evaluation: 1,
        mentor_session: 26,
      },
    ],
  ])(
    'activating a %i-week plan schedules its check-ins at 10:00 Madrid time, whatever the offset',
    async (weeks, startDate, expected) => {
      const plan = await startPlan({ durationWeeks: weeks, startDate });
      expect(plan.status).toBe('active');
      const items = await checkInsOf(manager, plan.id);
      expect(count(items)).toEqual(expected);
      expect(items.every((i) => i.status === 'scheduled')).toBe(true);
      const meetings = items.filter((i) => i.type !== 'mentor_session');
      expect(meetings.every((i) => i.localTime === '10:00')).toBe(true);
      expect(items.filter((i) => i.type === 'mentor_session').every((i) => i.localTime === '15:00')).toBe(
        true,
      );
      expect(meetings.at(-1)!.type).toBe('final_evaluation');
      // The UTC instant moves by an hour when Madrid changes its clocks; the local time does not.
      const hours = new Set(meetings.map((i) => i.scheduledAt.slice(11, 16)));
      expect(hours).toEqual(weeks === 12 ? new Set(['09:00']) : new Set(['08:00', '09:00']));
      if (weeks === 26) {
        expect(meetings.find((i) => i.localDate === '2027-03-23')!.scheduledAt).toBe(
          '2027-03-23T09:00:00.000Z',
        );
        expect(meetings.find((i) => i.localDate === '2027-03-30')!.scheduledAt).toBe(
          '2027-03-30T08:00:00.000Z',
        );
      }
      if (weeks === 4) {
        expect(meetings.map((i) => i.scheduledAt)).toEqual([
          '2027-10-19T08:00:00.000Z',
          '2027-10-26T08:00:00.000Z',
          '2027-11-02T09:00:00.000Z',
          '2027-11-09T09:00:00.000Z',
        ]);
      }
    },
  );

  it('the manager holds a check-in with notes, private notes, ratings, action items and measurements', async () => {
    t.clock.set('2026-11-24T09:00:00Z');
    const plan = await startPlan();
    const [first] = (await checkInsOf(manager, plan.id)).filter((i) => i.type === 'weekly_checkin');
    const area = plan.focusAreas[0];
    const metric = plan.metrics.find((m: { name: string }) => m.name === 'Deadlines met');
    t.clock.set('2026-12-01T10:30:00Z');
    const bad = await manager.patch(`/api/v1/check-ins/${first.id}`, {
      status: 'held',
      ratings: [{ focusAreaId: area.id, rating: 7 }],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('body/ratings/0/rating');
    const unknownArea = await manager.patch(`/api/v1/check-ins/${first.id}`, {
      status: 'held',
      ratings: [{ focusAreaId: plan.id, rating: 3 }],
    });
    expect(unknownArea.status).toBe(422);
    expect(unknownArea.body.errors[0].path).toBe('body/ratings/0/focusAreaId');

    const held = await manager.patch(`/api/v1/check-ins/${first.id}`, {
      status: 'held',
      notes: 'Went through the sprint board together.',
      privateNotes: 'Consider extra support from the team lead.',
      ratings: [{ focusAreaId: area.id, rating: 3 }],
      actionItems: [
        { text: 'Flag risks two days ahead', ownerUserId: employee.user.id, dueDate: '2026-12-08' },
      ],
      measurements: [{ metricId: metric.id, value: 72 }],
    });
    expect(held.status, held.text).toBe(200);
    expect(held.body).toMatchObject({
      status: 'held',
      notes: 'Went through the sprint board together.',
      privateNotes: 'Consider extra support from the team lead.',
      ratings: [{ focusAreaId: area.id, rating: 3, status: 'atRisk' }],
      attendees: ['Elena Martín', 'Marta Navarro'],
    });
    expect(held.body.actionItems[0]).toMatchObject({ ownerUserId: employee.user.id, isDone: false });

    // The measurement moved the metric: current, gap and a forecast from the trend.
    const after = (await manager.get(`/api/v1/plans/${plan.id}`)).body.metrics.find(
      (m: { id: string }) => m.id === metric.id,
    );
    expect(after.current).toBe(72);
    expect(after.gap).toBe(90 - 72);
    expect(after.measurements).toEqual([
      expect.objectContaining({ date: '2026-12-01', value: 72, source: 'check-in' }),
    ]);
    // A day of data is too short to forecast; a week of trend is enough.
    expect(after.forecast).toBeNull();
    const week = await manager.post(`/api/v1/plans/${plan.id}/metrics/${metric.id}/measurements`, {
      date: '2026-12-08',
      value: 80,
    });
    expect(week.body.forecast.meetsTarget).toBe(true);

    // The employee never sees the private notes, not even as an empty field; they add their comments only.
    const mine = (await checkInsOf(employee, plan.id)).find((i) => i.id === first.id)!;
    expect(mine).not.toHaveProperty('privateNotes');
    expect(mine).toMatchObject({ status: 'held' });
    expect(JSON.stringify(await checkInsOf(employee, plan.id))).not.toContain('extra support');
    expect((await employee.patch(`/api/v1/check-ins/${first.id}`, { notes: 'x' })).status).toBe(403);
    const commented = await employee.patch(`/api/v1/check-ins/${first.id}`, {
      employeeComments: 'I agree with the plan.',
    });
    expect(commented.status, commented.text).toBe(200);
    expect(commented.body).not.toHaveProperty('privateNotes');
    expect((await checkInsOf(manager, plan.id)).find((i) => i.id === first.id)).toMatchObject({
      employeeComments: 'I agree with the plan.',
      privateNotes: 'Consider extra support from the team lead.',
    });
    // The mentor sees the mentor sessions only and keeps no private notes.
    const mentorView = await checkInsOf(mentor, plan.id);
    expect(new Set(mentorView.map((i) => i.type))).toEqual(new Set(['mentor_session']));
    expect((await mentor.patch(`/api/v1/check-ins/${first.id}`, { notes: 'x' })).status).toBe(404);
    expect((await mentor.patch(`/api/v1/check-ins/${mentorView[0].id}`, { privateNotes: 'x' })).status).toBe(
      403,
    );
    expect(
      (await mentor.patch(`/api/v1/check-ins/${mentorView[0].id}`, { notes: 'Agenda: code review habits' }))
        .status,
    ).toBe(200);
  });

  it('an assessment rates every focus area and overall; a review adds a summary', async () => {
    t.clock.set('2026-11-24T09:00:00Z');
    const plan = await startPlan();
    const items = await checkInsOf(manager, plan.id);
    const assessment = items.find((i) => i.type === 'biweekly_assessment')!;
    const review = items.find((i) => i.type === 'monthly_review')!;
    t.clock.set('2026-12-30T12:00:00Z');
    const partial = await manager.patch(`/api/v1/check-ins/${assessment.id}`, {
      status: 'held',
      ratings: [{ focusAreaId: plan.focusAreas[0].id, rating: 4 }],
      overallRating: 4,
    });
    expect(partial.status).toBe(422);
    expect(partial.body.errors[0].path).toBe('body/ratings');
    const all = plan.focusAreas.map((a: { id: string }, i: number) => ({ focusAreaId: a.id, rating: 2 + i }));
    const noOverall = await manager.patch(`/api/v1/check-ins/${assessment.id}`, {
      status: 'held',
      ratings: all,
    });
    expect(noOverall.body.errors[0].path).toBe('body/overallRating');
    expect(
      (
        await manager.patch(`/api/v1/check-ins/${assessment.id}`, {
          status: 'held',
          ratings: all,
          overallRating: 3,
        })
      ).status,
    ).toBe(200);
    const noSummary = await manager.patch(`/api/v1/check-ins/${review.id}`, {
      status: 'held',
      ratings: all,
      overallRating: 3,
    });
    expect(noSummary.status).toBe(422);
    expect(noSummary.body.errors[0].path).toBe('body/summary');
    const reviewed = await manager.patch(`/api/v1/check-ins/${review.id}`, {
      status: 'held',
      ratings: all.map((r: { focusAreaId: string }) => ({ ...r, rating: 4 })),
      overallRating: 4,
      summary: 'Steady improvement across the four areas.',
    });
    expect(reviewed.status, reviewed.text).toBe(200);
    const progress = (await manager.get(`/api/v1/plans/${plan.id}/progress`)).body;
    const trend = progress.ratingTrend.find(
      (r: { focusAreaId: string }) => r.focusAreaId === plan.focusAreas[0].id,
    );
    expect(trend.points.map((p: { rating: number }) => p.rating)).toEqual([2, 4]);
    expect(progress.overallRatingTrend.map((p: { rating: number }) => p.rating)).toEqual([3, 4]);
  });

  it('missing, moving and cancelling check-ins; two missed in a row flag a risk for HR', async () => {
    t.clock.set('2026-11-24T09:00:00Z');
    const plan = await startPlan();
    const meetings = (await checkInsOf(manager, plan.id)).filter((i) => i.type !== 'mentor_session');
    const [first, second, third, fourth] = meetings;
    expect((await manager.patch(`/api/v1/check-ins/${first.id}`, { status: 'missed' })).status).toBe(422);

    t.clock.set('2026-12-09T12:00:00Z');
    const noReason = await manager.patch(`/api/v1/check-ins/${third.id}`, {
      scheduledAt: '2026-12-16T11:00:00+01:00',
    });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors[0].path).toBe('body/reason');
    const past = await manager.patch(`/api/v1/check-ins/${third.id}`, {
      scheduledAt: '2026-12-01T11:00:00+01:00',
      reason: 'x',
    });
    expect(past.body.errors[0].path).toBe('body/scheduledAt');
    const moved = await manager.patch(`/api/v1/check-ins/${third.id}`, {
      scheduledAt: '2026-12-16T11:00:00+01:00',
      reason: 'Team offsite on Tuesday',
    });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body).toMatchObject({
      status: 'scheduled',
      isRescheduled: true,
      localDate: '2026-12-16',
      localTime: '11:00',
      originalScheduledAt: third.scheduledAt,
      reason: 'Team offsite on Tuesday',
    });
    const noCancelReason = await manager.patch(`/api/v1/check-ins/${fourth.id}`, { status: 'cancelled' });
    expect(noCancelReason.body.errors[0].path).toBe('body/reason');
    const cancelled = await manager.patch(`/api/v1/check-ins/${fourth.id}`, {
      status: 'cancelled',
      reason: 'Public holiday',
    });
    expect(cancelled.body.status).toBe('cancelled');
    const again = await manager.patch(`/api/v1/check-ins/${fourth.id}`, { notes: 'x' });
    expect(again.status).toBe(409);

    expect((await manager.patch(`/api/v1/check-ins/${first.id}`, { status: 'missed' })).body.status).toBe(
      'missed',
    );
    let progress = (await hrRep.get(`/api/v1/plans/${plan.id}/progress`)).body;
    expect(progress.riskFlags.map((f: { flag: string }) => f.flag)).not.toContain('missed_checkins_in_a_row');
    expect((await manager.patch(`/api/v1/check-ins/${second.id}`, { status: 'missed' })).status).toBe(200);
    progress = (await hrRep.get(`/api/v1/plans/${plan.id}/progress`)).body;
    expect(progress.riskFlags.map((f: { flag: string }) => f.flag)).toContain('missed_checkins_in_a_row');
    expect(progress.checkIns).toMatchObject({ missed: 2, cancelled: 1 });
    expect(progress.cadenceCompliance).toMatchObject({ due: 2, heldOnTime: 0, share: 0 });
    // HR hears about the new risk once, however often it is recomputed.
    const flagged = async () =>
      (await hrRep.get('/api/v1/notifications?limit=200')).body.items.filter(
        (n: { kind: string; planId: string }) => n.kind === 'risk.flagged' && n.planId === plan.id,
      );
    expect(await flagged()).toHaveLength(1);
    expect((await flagged())[0].payload.flags).toContain('missed_checkins_in_a_row');
    // A missed check-in held after all (recorded late) is fine; a held one cannot become missed.
    expect((await manager.patch(`/api/v1/check-ins/${first.id}`, { status: 'held' })).status).toBe(200);
    const back = await manager.patch(`/api/v1/check-ins/${first.id}`, { status: 'missed' });
    expect(back.status).toBe(409);
    expect(back.body.allowedActions).toEqual([]);
    expect(await flagged()).toHaveLength(1);
    // An extra check-in outside the cadence.
    const extra = await manager.post(`/api/v1/plans/${plan.id}/check-ins`, {
      type: 'weekly_checkin',
      scheduledAt: '2026-12-18T09:30:00+01:00',
    });
    expect(extra.status, extra.text).toBe(201);
    expect(extra.body).toMatchObject({ localTime: '09:30', durationMinutes: 60, status: 'scheduled' });
    expect(
      (
        await employee.post(`/api/v1/plans/${plan.id}/check-ins`, {
          type: 'weekly_checkin',
          scheduledAt: '2026-12-18T09:30:00+01:00',
        })
      ).status,
    ).toBe(403);
  });

  it('each user’s secret calendar feed lists their check-ins and parses back; regenerating it retires the old URL', async () => {
    t.clock.set('2026-11-24T09:00:00Z');
    const plan = await startPlan({ durationWeeks: 4, startDate: '2026-11-30' });
    const me = (await employee.get('/api/v1/me')).body;
    expect(me.calendarFeedUrl).toMatch(
      /^http:\/\/localhost:3000\/api\/v1\/calendar\/[0-9a-f-]{36}\.[\w-]{43}\.ics$/,
    );
    const path = new URL(me.calendarFeedUrl).pathname;
    const feed = await send(t.app, 'GET', path);
    expect(feed.status).toBe(200);
    expect(String(feed.headers['content-type'])).toContain('text/calendar');
    const eventsOf = (text: string) =>
      Object.values(ical.sync.parseICS(text)).filter((e) => e?.type === 'VEVENT') as VEvent[];
    const events = eventsOf(feed.text);
    const planEvents = (await checkInsOf(employee, plan.id)).filter((c) => c.status === 'scheduled');
    for (const checkIn of planEvents) {
      const event = events.find((e) => e.uid === `${checkIn.id}@mejora`);
      expect(event, checkIn.type).toBeDefined();
      expect(new Date(event!.start as Date).toISOString()).toBe(checkIn.scheduledAt);
      expect(new Date(event!.end as Date).getTime() - new Date(event!.start as Date).getTime()).toBe(
        60 * 60_000,
      );
    }
    // The manager's feed has the manager's meetings, not the mentor sessions.
    const managerPath = new URL((await manager.get('/api/v1/me')).body.calendarFeedUrl).pathname;
    const managerEvents = eventsOf((await send(t.app, 'GET', managerPath)).text);
    expect(managerEvents.some((e) => String(e.summary).startsWith('Mentor session'))).toBe(false);
    expect(managerEvents.some((e) => String(e.summary) === 'Weekly check-in: Elena Martín')).toBe(true);

    const regenerated = await employee.post('/api/v1/me/calendar-token');
    expect(regenerated.status).toBe(200);
    expect(regenerated.body.calendarFeedUrl).not.toBe(me.calendarFeedUrl);
    expect((await send(t.app, 'GET', path)).status).toBe(404);
    expect((await send(t.app, 'GET', new URL(regenerated.body.calendarFeedUrl).pathname)).status).toBe(200);
    expect((await send(t.app, 'GET', `${path.slice(0, -10)}xxxxxx.ics`)).status).toBe(404);
  });
});
