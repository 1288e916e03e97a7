// Tests of progress: per-area status from metrics and ratings, counts, cadence compliance and each risk flag.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './dates.ts';
import { type CheckInFacts, computeProgress, type ProgressInput, statusOfRating } from './progress.ts';

const start = '2027-01-04';
const end = addDays(start, 83);
const at = (day: number) => `${addDays(start, day)}T09:00:00.000Z`;
const area = { id: 'a1', title: 'Quality' };

const checkIn = (day: number, overrides: Partial<CheckInFacts> = {}): CheckInFacts => ({
  id: `c${day}`,
  type: 'weekly_checkin',
  status: 'scheduled',
  scheduledAt: at(day),
  originalScheduledAt: at(day),
  ratings: [],
  overallRating: null,
  ...overrides,
});

const base = (overrides: Partial<ProgressInput> = {}): ProgressInput => ({
  today: addDays(start, 28),
  now: at(28),
  plan: { startDate: start, endDate: end },
  focusAreas: [area],
  metrics: [
    {
      id: 'm1',
      name: 'Deadlines met',
      focusAreaId: 'a1',
      direction: 'higher',
      baseline: 50,
      target: 90,
      measurements: [{ date: addDays(start, 21), value: 70 }],
    },
  ],
  checkIns: [],
  activities: [],
  feedback: { requested: 0, received: 0 },
  ...overrides,
});

describe('computeProgress', () => {
  it('rates an area by the worse of its metrics and its latest rating, and keeps the trend', () => {
    const progress = computeProgress(
      base({
        checkIns: [
          checkIn(1, { status: 'held', ratings: [{ focusAreaId: 'a1', rating: 4, status: 'onTrack' }] }),
          checkIn(8, {
            status: 'held',
            type: 'biweekly_assessment',
            ratings: [{ focusAreaId: 'a1', rating: 2, status: 'offTrack' }],
            overallRating: 2,
          }),
        ],
      }),
    );
    expect(progress.focusAreas[0]).toMatchObject({ status: 'offTrack', latestRating: 2, progress: 0.5 });
    expect(progress.ratingTrend[0].points.map((p) => p.rating)).toEqual([4, 2]);
    expect(progress.overallRatingTrend).toEqual([
      { checkInId: 'c8', at: at(8), type: 'biweekly_assessment', rating: 2 },
    ]);
    expect(progress.overallProgress).toBe(0.5);
    expect(progress.elapsedShare).toBeCloseTo(28 / 83, 3);
  });

  it('counts meetings held within two days of their slot as on time', () => {
    const progress = computeProgress(
      base({
        checkIns: [
          checkIn(0, { status: 'held' }),
          checkIn(7, { status: 'held', scheduledAt: at(8) }),
          checkIn(14, { status: 'held', scheduledAt: at(18) }),
          checkIn(21, { status: 'missed' }),
          checkIn(22, { status: 'cancelled' }),
          checkIn(23, { type: 'mentor_session', status: 'missed' }),
          checkIn(35),
        ],
      }),
    );
    expect(progress.cadenceCompliance).toMatchObject({ due: 4, heldOnTime: 2, share: 0.5 });
    expect(progress.checkIns).toEqual({ total: 7, scheduled: 1, held: 3, missed: 2, cancelled: 1 });
  });

  it('flags two missed check-ins in a row, but not two apart', () => {
    const apart = computeProgress(
      base({
        checkIns: [
          checkIn(0, { status: 'missed' }),
          checkIn(7, { status: 'held' }),
          checkIn(14, { status: 'missed' }),
        ],
      }),
    );
    expect(apart.riskFlags.map((f) => f.flag)).not.toContain('missed_checkins_in_a_row');
    const inARow = computeProgress(
      base({
        checkIns: [
          checkIn(0, { status: 'missed' }),
          checkIn(3, { type: 'mentor_session', status: 'held' }),
          checkIn(7, { status: 'missed' }),
        ],
      }),
    );
    expect(inARow.riskFlags.map((f) => f.flag)).toContain('missed_checkins_in_a_row');
  });

  it('flags a forecast that misses its target, overdue activities and two weeks without a measurement', () => {
    const progress = computeProgress(
      base({
        today: addDays(start, 40),
        now: at(40),
        metrics: [
          {
            ...base().metrics[0],
            measurements: [
              { date: addDays(start, 7), value: 51 },
              { date: addDays(start, 14), value: 52 },
            ],
          },
        ],
        activities: [
          { id: 'x', title: 'Course', status: 'todo', dueDate: addDays(start, 30) },
          { id: 'y', title: 'Done', status: 'done', dueDate: addDays(start, 10) },
          { id: 'z', title: 'Later', status: 'todo', dueDate: addDays(start, 60) },
        ],
      }),
    );
    expect(progress.riskFlags.map((f) => f.flag).sort()).toEqual([
      'forecast_misses_target',
      'no_recent_measurement',
      'overdue_activities',
    ]);
    expect(progress.activities).toEqual({ total: 3, done: 1, overdue: 1 });
  });

  it('puts an area with overdue activities of its development group at risk', () => {
    const progress = computeProgress(
      base({
        focusAreas: [
          { id: 'a1', title: 'Quality', templateKey: 'quality_accuracy' },
          { id: 'a2', title: 'Communication', templateKey: 'communication_collaboration' },
        ],
        metrics: [],
        activities: [
          {
            id: 'x',
            title: 'Quality checklists',
            groupKey: 'professional',
            status: 'todo',
            dueDate: addDays(start, 20),
          },
          {
            id: 'y',
            title: 'Workshop',
            groupKey: 'soft_skills',
            status: 'done',
            dueDate: addDays(start, 10),
          },
        ],
      }),
    );
    expect(progress.focusAreas.map((a) => [a.title, a.status, a.activities])).toEqual([
      ['Quality', 'atRisk', { total: 1, done: 0, overdue: 1 }],
      ['Communication', null, { total: 1, done: 1, overdue: 0 }],
    ]);
  });

  it('raises nothing for a plan on course', () => {
    const progress = computeProgress(
      base({
        metrics: [
          {
            ...base().metrics[0],
            measurements: [
              { date: addDays(start, 14), value: 65 },
              { date: addDays(start, 27), value: 80 },
            ],
          },
        ],
      }),
    );
    expect(progress.riskFlags).toEqual([]);
  });

  it('keeps counts and shares consistent for any set of check-ins', () => {
    const statusArb = fc.constantFrom<CheckInFacts['status']>('scheduled', 'held', 'missed', 'cancelled');
    const typeArb = fc.constantFrom<CheckInFacts['type']>(
      'weekly_checkin',
      'biweekly_assessment',
      'monthly_review',
      'mentor_session',
      'final_evaluation',
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: 83 }), statusArb, typeArb, fc.integer({ min: -5, max: 5 })),
          {
            maxLength: 30,
          },
        ),
        (rows) => {
          const checkIns = rows.map(([day, status, type, shift], i) => ({
            ...checkIn(day, { status, type, scheduledAt: at(Math.max(0, day + shift)) }),
            id: `c${i}`,
          }));
          const p = computeProgress(base({ checkIns }));
          const c = p.checkIns;
          expect(c.scheduled + c.held + c.missed + c.cancelled).toBe(c.total);
          const { share, due, heldOnTime } = p.cadenceCompliance;
          expect(heldOnTime).toBeLessThanOrEqual(due);
          if (share !== null) expect(share).toBeGreaterThanOrEqual(0);
          if (share !== null) expect(share).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('statusOfRating', () => {
  it('reads 4–5 as on track, 3 at risk, 1–2 off track', () => {
    expect([1, 2, 3, 4, 5].map(statusOfRating)).toEqual([
      'offTrack',
      'offTrack',
      'atRisk',
      'onTrack',
      'onTrack',
    ]);
  });
});
