// The plan as data: header snapshot, template-derived sections, outcome; and building a new plan's content.
import type { PlanTemplate } from '../template/template.ts';
import type { OutcomeRecommendation } from './closing.ts';
import type { Timeline } from './timeline.ts';

export type Labelled = { label: string; text: string };

/** Who the plan is about and who runs it, copied from the directory when the plan is made. */
export type PlanHeader = {
  organizationName: string;
  employeeName: string;
  position: string;
  department: string;
  managerName: string | null;
  hrRepName: string | null;
  mentorName: string | null;
  mentorRole: string | null;
};

export type Cadence = {
  frequency: 'weekly' | 'biweekly';
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  /** Local time HH:MM in the organisation's time zone. */
  time: string;
  durationMinutes: number;
};

/** The template's prompts for fields of a section, shown while the field is empty. */
export type Placeholders<K extends string> = Partial<Record<K, string>>;

export type PlanSupport = {
  manager: Labelled[];
  managerCheckIn: Cadence;
  mentor: {
    meetingFrequency: string;
    focusAreas: string;
    supportProvided: string;
    session: Cadence;
    placeholders?: Placeholders<'focusAreas' | 'supportProvided'>;
  };
  hr: {
    availability: string;
    supportAreas: string;
    additionalResources: string;
    placeholders?: Placeholders<'availability' | 'supportAreas' | 'additionalResources'>;
  };
  training: {
    internal: string;
    external: string;
    online: string;
    certification: string;
    placeholders?: Placeholders<'internal' | 'external' | 'online' | 'certification'>;
  };
  trainingBudget: number;
  currency: string;
  hoursPerWeek: number;
};

export type PlanContent = {
  title: string;
  subtitle: string;
  headings: PlanTemplate['headings'];
  /** Titles of the development plan's groups, by key. */
  developmentGroups: Record<'technical' | 'soft_skills' | 'professional', string>;
  overview: { purpose: string; philosophyIntro: string; philosophy: Labelled[] };
  issuesIntro: string;
  goalsIntro: string;
  smart: PlanTemplate['smart'];
  support: PlanSupport;
  timeline: Timeline;
  /** Set once someone edits the timeline by hand: date changes then shift it instead of regenerating it. */
  isTimelineEdited: boolean;
  tracking: { methods: Labelled[]; metricsByArea: { title: string; metrics: string[] }[] };
  responsibilities: PlanTemplate['responsibilities'];
  additionalResources: Labelled[];
  documentation: PlanTemplate['documentation'];
  guidance: PlanTemplate['guidance'];
  review: PlanTemplate['review'];
  acknowledgmentClauses: PlanTemplate['acknowledgment'];
  completion: PlanTemplate['completion'];
  confidentialityNotice: string;
  /** What follows if the goals are not met, in the plan's words (absent in plans made before it was asked). */
  consequences?: string;
};

export type PlanOutcome = {
  outcome: 'successful' | 'unsuccessful' | 'cancelled';
  summary: string;
  areaSummaries: { focusAreaId: string; title: string; summary: string }[];
  completionSteps: { text: string; isDone: boolean }[];
  decidedByUserId: string;
  decidedByName: string;
  decidedAt: string;
  reason: string | null;
  /** The manager's recommendation HR decided on, if one was made. */
  recommendation?: OutcomeRecommendation | null;
  /** HR's written reason for a successful outcome without a held final evaluation. */
  overrideReason?: string | null;
};

/** Fills placeholders such as {employeeName} from the header. */
export function fillPlaceholders(text: string, header: PlanHeader): string {
  return text.replaceAll('{employeeName}', header.employeeName).replaceAll('{jobTitle}', header.position);
}

export function buildPlanContent(
  template: PlanTemplate,
  header: PlanHeader,
  timeline: Timeline,
): PlanContent {
  const { defaults } = template.support;
  return {
    title: template.title,
    subtitle: template.subtitle,
    headings: template.headings,
    developmentGroups: Object.fromEntries(
      template.development.groups.map((g) => [g.key, g.title]),
    ) as PlanContent['developmentGroups'],
    overview: {
      purpose: fillPlaceholders(template.overview.purpose, header),
      philosophyIntro: template.overview.philosophyIntro,
      philosophy: template.overview.philosophy,
    },
    issuesIntro: template.issuesIntro,
    goalsIntro: fillPlaceholders(template.goalsIntro, header),
    smart: template.smart,
    support: {
      manager: template.support.manager,
      managerCheckIn: {
        frequency: defaults.managerCheckIn.frequency,
        weekday: 2,
        time: '10:00',
        durationMinutes: defaults.managerCheckIn.durationMinutes,
      },
      mentor: {
        meetingFrequency: template.support.mentor.meetingFrequency,
        focusAreas: template.support.mentor.focusAreas,
        supportProvided: template.support.mentor.supportProvided,
        ...(template.support.mentor.placeholders
          ? { placeholders: template.support.mentor.placeholders }
          : {}),
        session: {
          frequency: defaults.mentorSession.frequency,
          weekday: 4,
          time: '15:00',
          durationMinutes: defaults.mentorSession.durationMinutes,
        },
      },
      hr: template.support.hr,
      training: template.support.training,
      trainingBudget: defaults.trainingBudget,
      currency: defaults.currency,
      hoursPerWeek: defaults.hoursPerWeek,
    },
    timeline,
    isTimelineEdited: false,
    tracking: {
      methods: template.tracking.methods,
      metricsByArea: template.focusAreas.map((a) => ({ title: a.title, metrics: a.suggestedMetrics })),
    },
    responsibilities: template.responsibilities,
    additionalResources: template.additionalResources,
    documentation: template.documentation,
    guidance: template.guidance,
    review: template.review,
    acknowledgmentClauses: template.acknowledgment,
    completion: template.completion,
    confidentialityNotice: template.confidentialityNotice,
    consequences: template.consequences ?? '',
  };
}
