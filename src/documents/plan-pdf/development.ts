// How the employee is helped and followed: development activities and support, the timeline, progress tracking.
import { pdfColor } from '../pdf-writer.ts';
import { blankLine } from '../printable.ts';
import { markedItem, stateText, timelineAsOf, timelineDone } from '../timeline-marks.ts';
import { type Context, labelledList, lineGap, size, tableKeep } from './writer.ts';

export function development(c: Context): void {
  const { w, plan, h } = c;
  w.h1(h.development);
  w.h2(h.trainingActivities);
  plan.development.groups.forEach((group, i) => {
    w.h3(`${i + 1}. ${group.title} (${group.done}/${group.total})`);
    const activities = plan.activities
      .filter((a) => a.groupKey === group.key)
      .sort((a, b) => a.position - b.position);
    const sections: string[] = [];
    for (const a of activities) if (!sections.includes(a.section)) sections.push(a.section);
    for (const section of sections) {
      w.style('bold', size.body);
      w.ensure(3 * (size.body + 4));
      w.block('P', () => w.doc.text(section, w.left + 6, w.doc.y, { width: w.width - 6, lineGap }));
      w.gap(2);
      for (const a of activities) {
        if (a.section !== section) continue;
        const note =
          a.status === 'done' && a.completedAt
            ? c.date(a.completedAt)
            : a.status === 'in_progress'
              ? c.words.inProgress
              : a.dueDate
                ? `${h.deadline}: ${c.date(a.dueDate)}`
                : undefined;
        w.check(a.title, a.status === 'done', { indent: 16, note });
      }
    }
  });

  const s = plan.support;
  w.h2(h.supportResources);
  w.h3(h.managerSupport);
  labelledList(c, s.manager);
  w.labelled(h.meetingFrequency, c.words.cadence(s.managerCheckIn));

  w.h3(h.mentorAssignment);
  w.labelled(h.mentor, s.mentor.name ?? blankLine);
  w.labelled(h.meetingFrequency, `${s.mentor.meetingFrequency} (${c.words.cadence(s.mentor.session)})`);
  w.labelled(h.focusAreas, s.mentor.focusAreas);
  w.labelled(h.supportProvided, s.mentor.supportProvided);

  w.h3(h.hrSupport);
  w.labelled(h.hrRepresentative, s.hr.name ?? c.words.none);
  w.labelled(h.availability, s.hr.availability);
  w.labelled(h.supportAreas, s.hr.supportAreas);
  w.labelled(h.additionalHrResources, s.hr.additionalResources);

  w.h3(h.trainingResources);
  w.labelled(h.internalTraining, s.training.internal);
  w.labelled(h.externalTraining, s.training.external);
  w.labelled(h.onlineLearning, s.training.online);
  w.labelled(h.certificationPrograms, s.training.certification);
  w.labelled(h.trainingBudget, c.money(s.budget.total));
  w.labelled(h.budgetSpent, c.money(s.budget.spent));
  w.labelled(h.budgetRemaining, c.money(s.budget.remaining));
  w.labelled(h.hoursPerWeek, c.number(s.hoursPerWeek));
}

export function timeline(c: Context): void {
  const { w, plan, h } = c;
  const done = timelineDone(timelineAsOf(plan, c.today));
  w.h1(h.timeline, 2 * tableKeep);
  w.table(
    [
      { title: h.phase, width: 90 },
      { title: h.weeks, width: 52 },
      { title: c.words.dates, width: 74 },
      { title: c.words.tasks, width: 179 },
      { title: h.milestone, width: 100 },
    ],
    plan.timeline.phases.map((p, i) => [
      { text: `${i + 1}. ${p.title}`, bold: true },
      p.startWeek === p.endWeek ? `${p.startWeek}` : `${p.startWeek}–${p.endWeek}`,
      `${c.date(p.startDate)} – ${c.date(p.endDate)}`,
      p.tasks.map((t) => markedItem(`${h.week} ${t.week}: ${t.title}`, done.task(t), c.locale)).join('\n'),
      {
        text: markedItem(
          `${p.milestone.title} (${c.date(p.milestone.date)})`,
          done.milestone(p.milestone),
          c.locale,
        ),
        color: pdfColor.primary,
      },
    ]),
  );
  w.h2(h.keyMilestones, tableKeep);
  w.table(
    [
      { title: h.week, width: 55 },
      { title: h.date, width: 85 },
      { title: h.milestone, width: 270 },
      { title: h.status, width: 85 },
    ],
    plan.timeline.milestones.map((m) => {
      const isDone = done.milestone(m);
      return [
        { text: `${h.week} ${m.week}`, bold: true },
        c.date(m.date),
        m.title,
        { text: stateText(isDone, c.locale), color: isDone ? pdfColor.good : pdfColor.muted },
      ];
    }),
  );
}

export function tracking(c: Context): void {
  const { w, plan, h } = c;
  w.h1(h.progressTracking);
  w.h2(h.trackingMetrics);
  for (const area of plan.tracking.metricsByArea) {
    w.h3(area.title);
    for (const metric of area.metrics) w.bullet(metric, 6);
  }
  w.h2(h.trackingMethods);
  labelledList(c, plan.tracking.methods);
  w.h2(h.successCriteriaList);
  for (const criterion of plan.successCriteria) {
    const note =
      criterion.isMet && criterion.checkedByName
        ? `${criterion.checkedByName}${criterion.checkedAt ? `, ${c.date(criterion.checkedAt)}` : ''}`
        : undefined;
    w.check(criterion.text, criterion.isMet, { note });
  }
}
