// Demo plans in several states, made through the same use cases people use, so the demo is never empty.
import { and, eq } from 'drizzle-orm';
import { employees, organizations, plans } from '../../db/schema/index.ts';
import type { Actor } from '../../domain/access/actor.ts';
import { addDays } from '../../domain/plan/dates.ts';
import type { PlanReadModel } from '../../domain/plan/read-model.ts';
import { loadActor } from '../auth/load-actor.ts';
import type { Deps, ServiceContext } from '../context.ts';
import { noRequest } from '../context.ts';
import { signPlan } from '../lifecycle/sign-plan.ts';
import { transitionPlan } from '../lifecycle/transition-plan.ts';
import { updateActivity } from '../plans/activities.ts';
import { createPlan } from '../plans/create-plan.ts';
import { updateFocusArea } from '../plans/focus-areas.ts';
import { addMetric, recordMeasurements } from '../plans/metrics.ts';
import { updatePlan } from '../plans/update-plan.ts';
import { createCheckIn } from '../running/check-ins.ts';
import { updateCheckIn } from '../running/update-check-in.ts';
import { createUser } from '../users/create-user.ts';
import { demoPassword } from './seed-demo.ts';

const areas: Record<
  string,
  {
    issue: string;
    impact: string;
    goal: string;
    metric: [string, string, 'higher' | 'lower', number, number];
  }
> = {
  technical_skills: {
    issue: 'Fixes to the course video player are often reopened because edge cases are not tested.',
    impact: 'Learners hit the same playback bugs twice and support tickets grow.',
    goal: 'Ship player fixes with tests so that fewer than 10% are reopened within two weeks.',
    metric: ['Reopened fixes', '%', 'lower', 32, 10],
  },
  communication_collaboration: {
    issue: 'Blockers are raised late in stand-ups, so the team learns of slips at the sprint review.',
    impact: 'Course releases slip and marketing campaigns are rescheduled.',
    goal: 'Raise every blocker within one working day and post two written updates a week, rated 4 of 5.',
    metric: ['Team feedback score', 'rating (1–5)', 'higher', 2.6, 4],
  },
  quality_accuracy: {
    issue: 'Pull requests reach review with failing checks and missing test cases.',
    impact: 'Reviewers spend hours on rework and defects reach learners.',
    goal: 'Open pull requests with passing checks and the quality checklist done for 95% of changes.',
    metric: ['Pull requests passing first review', '%', 'higher', 58, 95],
  },
  timeliness_reliability: {
    issue: 'Committed sprint tasks are finished after their deadline without early notice.',
    impact: 'Dependent work in SaaS marketing integrations waits and deadlines slip.',
    goal: 'Meet the agreed deadline for 90% of committed tasks, flagging risks two days ahead.',
    metric: ['Deadlines met', '%', 'higher', 55, 90],
  },
};

async function actorByEmail(deps: Deps, email: string): Promise<Actor> {
  const { users } = await import('../../db/schema/index.ts');
  const [user] = await deps.database.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  const actor = await loadActor(deps.database.db, user.id);
  if (!actor) throw new Error(`demo user ${email} is missing`);
  return actor;
}

const ctxOf = (deps: Deps, actor: Actor): ServiceContext => ({ deps, actor, meta: noRequest });

/** Seeds three plans (active with progress, draft, closed) once; returns whether it did. */
export async function seedDemoPlans(deps: Deps): Promise<boolean> {
  const db = deps.database.db;
  const [org] = await db.select().from(organizations).where(eq(organizations.slug, 'lumina'));
  if (!org) return false;
  const [existing] = await db.select({ id: plans.id }).from(plans).where(eq(plans.orgId, org.id)).limit(1);
  if (existing) return false;

  const byName = async (name: string) =>
    (
      await db
        .select()
        .from(employees)
        .where(and(eq(employees.orgId, org.id), eq(employees.name, name)))
    )[0];
  const daniel = await byName('Daniel Ortega');
  const carmen = await byName('Carmen Serrano');
  const lucia = await byName('Lucía Fernández');
  for (const person of [daniel, carmen]) {
    if (!person.userId) {
      await createUser(db, {
        orgId: org.id,
        email: person.email,
        name: person.name,
        password: demoPassword,
        roles: ['employee'],
        employeeId: person.id,
      });
    }
  }
  const manager = ctxOf(deps, await actorByEmail(deps, 'manager@demo.mejora.dev'));
  const hr = ctxOf(deps, await actorByEmail(deps, 'hr@demo.mejora.dev'));
  const hrRep = await actorByEmail(deps, 'hr.rep@demo.mejora.dev');
  const mentor = await actorByEmail(deps, 'mentor@demo.mejora.dev');
  const today = new Date(deps.now()).toISOString().slice(0, 10);

  const fill = async (planId: string, view: Awaited<ReturnType<typeof createPlan>>) => {
    await updatePlan(manager, planId, {
      procedure: {
        priorConversation: {
          date: addDays(view.header.startDate, -10),
          participants: `${manager.actor.name} and ${view.header.employeeName}`,
          summary: 'Went through the examples of each focus area and agreed to draw up a plan with support.',
        },
        preferredLanguage: view.locale,
        accommodation: { status: 'none', details: '' },
        ...(view.header.mentorUserId
          ? {}
          : { noMentorReason: 'Weekly pairing with the manager replaces a mentor in this small team.' }),
      },
      support: {
        hr: {
          availability: 'Hugo Reyes, hr.rep@demo.mejora.dev, Monday to Thursday 9:00–17:00',
          supportAreas: 'Workload questions, training requests and the plan process',
        },
        mentor: {
          focusAreas: 'Testing habits and code review of the course player',
          supportProvided: 'Weekly pairing session and feedback on pull requests',
        },
      },
    });
    for (const area of view.focusAreas) {
      const spec = areas[area.templateKey ?? 'technical_skills'];
      await updateFocusArea(manager, planId, area.id, {
        issue: spec.issue,
        impact: spec.impact,
        requiredStandard: `${spec.metric[0]} at the team's standard of ${spec.metric[4]}${spec.metric[1] === '%' ? '%' : ` ${spec.metric[1]}`}.`,
        examples: [
          { date: addDays(view.header.startDate, -20), text: 'Discussed in the last sprint retrospective.' },
        ],
        goal: spec.goal,
        measurement: `Measured weekly from the team dashboard: ${spec.metric[0].toLowerCase()}.`,
        successCriteria: `${spec.metric[0]} reaches ${spec.metric[4]}${spec.metric[1] === '%' ? '%' : ` ${spec.metric[1]}`} and holds for three weeks.`,
      });
      const [name, unit, direction, baseline, target] = spec.metric;
      await addMetric(manager, planId, { name, unit, direction, baseline, target, focusAreaId: area.id });
    }
  };
  const activate = async (planId: string, employeeEmail: string) => {
    await transitionPlan(manager, planId, {
      action: 'submit',
      comment: 'Agreed with the employee in our 1:1.',
    });
    let view = await transitionPlan(hr, planId, { action: 'approve', comment: 'Specific and fair.' });
    const employee = ctxOf(deps, await actorByEmail(deps, employeeEmail));
    for (const [ctx, role] of [
      [employee, 'employee'],
      [manager, 'manager'],
      [hr, 'hr'],
    ] as const) {
      view = await signPlan(ctx, planId, {
        role,
        typedName: ctx.actor.name,
        clauses: view.acknowledgmentClauses[role].map((c) => c.id),
      });
    }
    return view;
  };

  // Daniel: active for four weeks, with measurements and finished training.
  const start = addDays(today, -28);
  let view = await createPlan(manager, {
    employeeId: daniel.id,
    startDate: start,
    durationWeeks: 12,
    locale: 'en',
    hrRepId: hrRep.userId,
    mentorId: mentor.userId,
  });
  await fill(view.id, view);
  view = await activate(view.id, daniel.email);
  for (const [i, metric] of view.metrics.entries()) {
    const step = (metric.target - metric.baseline) / 10;
    await recordMeasurements(
      manager,
      view.id,
      metric.id,
      [1, 2, 3, 4].map((w) => ({
        date: addDays(start, 7 * w - 1),
        value: Math.round((metric.baseline + step * w * (i === 1 ? 0.6 : 1.1)) * 10) / 10,
        source: 'team dashboard',
      })),
    );
  }
  for (const activity of view.activities.slice(0, 5)) {
    await updateActivity(manager, view.id, activity.id, {
      status: 'done',
      evidence: 'Completion certificate on file',
    });
  }

  // Lucía: a draft in Spanish, still to be completed.
  await createPlan(manager, {
    employeeId: lucia.id,
    startDate: addDays(today, 7),
    durationWeeks: 8,
    locale: 'es',
    hrRepId: hrRep.userId,
  });

  // Carmen: a plan completed successfully last year, with the record that supports it: weekly measurements,
  // every check-in held up to the final evaluation, the manager's recommendation and HR's decision.
  const past = addDays(today, -200);
  view = await createPlan(manager, {
    employeeId: carmen.id,
    startDate: past,
    durationWeeks: 12,
    locale: 'en',
    hrRepId: hrRep.userId,
  });
  await fill(view.id, view);
  view = await activate(view.id, carmen.email);
  await recordPastPlan(manager, view);
  await transitionPlan(manager, view.id, {
    action: 'recommend',
    outcome: 'successful',
    summary: 'Every metric reached its target by week nine and held there to the final evaluation.',
  });
  const decidedBy = ctxOf(deps, hrRep);
  await transitionPlan(decidedBy, view.id, {
    action: 'close',
    outcome: 'successful',
    summary: 'All goals met and sustained for the last four weeks of the plan.',
    // HR ticks the completion steps that were done; none is ticked for them.
    completionSteps: view.completion.steps.map((text) => ({ text, isDone: true })),
  });
  return true;
}

/** The weeks of a plan that already ran: a measurement per metric and a held check-in each week. */
async function recordPastPlan(manager: ServiceContext, view: PlanReadModel) {
  const start = view.header.startDate;
  const weeks = 12;
  for (const metric of view.metrics) {
    const gap = metric.target - metric.baseline;
    await recordMeasurements(
      manager,
      view.id,
      metric.id,
      Array.from({ length: weeks }, (_, w) => ({
        date: addDays(start, 7 * w + 6),
        // Steady improvement to the target by week nine, then held there.
        value: Math.round((metric.baseline + gap * Math.min(1, (w + 1) / 9)) * 10) / 10,
        source: 'team dashboard',
      })),
    );
  }
  for (let week = 1; week <= weeks; week++) {
    const type =
      week === weeks
        ? 'final_evaluation'
        : week % 4 === 0
          ? 'monthly_review'
          : week % 2 === 0
            ? 'biweekly_assessment'
            : 'weekly_checkin';
    const day = week === weeks ? 7 * (week - 1) + 5 : 7 * (week - 1) + 1;
    const checkIn = await createCheckIn(manager, view.id, {
      type,
      scheduledAt: `${addDays(start, day)}T09:00:00.000Z`,
    });
    const rating = Math.min(5, 2 + Math.floor(week / 3));
    const isAssessment = type !== 'weekly_checkin';
    await updateCheckIn(manager, checkIn.id, {
      status: 'held',
      notes: `Week ${week}: reviewed the dashboard and the open tasks together.`,
      ...(isAssessment
        ? {
            ratings: view.focusAreas.map((a) => ({ focusAreaId: a.id, rating })),
            overallRating: rating,
          }
        : {}),
      ...(type === 'monthly_review' || type === 'final_evaluation'
        ? { summary: `Week ${week}: steady progress on every focus area.` }
        : {}),
    });
  }
}
