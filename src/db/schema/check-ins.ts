// Running a plan: scheduled check-ins, feedback requests, the email outbox, weekly reports and risk flags.
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { CheckInStatus, CheckInType } from '../../domain/plan/check-ins.ts';
import type { RatingConversion } from '../../domain/plan/rating-scale.ts';
import { organisationKey, sameOrganisation } from './keys.ts';
import { metrics, plans } from './plans.ts';

export type { CheckInStatus };
export type CheckInRating = {
  focusAreaId: string;
  rating: number;
  status: 'onTrack' | 'atRisk' | 'offTrack';
};
export type ActionItem = {
  id: string;
  text: string;
  ownerUserId: string | null;
  dueDate: string | null;
  isDone: boolean;
};

export const checkIns = pgTable(
  'check_ins',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    /** Bumped by the database on every update; the ETag clients send back in If-Match. */
    revision: integer('revision').notNull().default(1),
    planId: uuid('plan_id').notNull(),
    type: text('type').$type<CheckInType>().notNull(),
    status: text('status').$type<CheckInStatus>().notNull().default('scheduled'),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true, mode: 'string' }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    /** The first scheduled time, kept when rescheduled. */
    originalScheduledAt: timestamp('original_scheduled_at', { withTimezone: true, mode: 'string' }).notNull(),
    heldAt: timestamp('held_at', { withTimezone: true, mode: 'string' }),
    notes: text('notes'),
    /** Manager and HR only: never in the employee's answers or documents. */
    privateNotes: text('private_notes'),
    employeeComments: text('employee_comments'),
    attendees: jsonb('attendees').$type<string[]>().notNull().default([]),
    ratings: jsonb('ratings').$type<CheckInRating[]>().notNull().default([]),
    overallRating: integer('overall_rating'),
    summary: text('summary'),
    actionItems: jsonb('action_items').$type<ActionItem[]>().notNull().default([]),
    reason: text('reason'),
    /** The SEQUENCE of the last calendar invitation sent for it; null until one is sent. */
    invitationSequence: integer('invitation_sequence'),
    recordedByUserId: uuid('recorded_by_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('check_ins_plan_idx').on(t.orgId, t.planId, t.scheduledAt),
    index('check_ins_due_idx').on(t.status, t.scheduledAt),
    // Analytics: check-ins held against those due, read from the index alone.
    index('check_ins_org_status_idx').on(t.orgId, t.status, t.scheduledAt, t.type),
    index('check_ins_mentor_held_idx')
      .on(t.orgId, t.planId)
      .where(sql`${t.type} = 'mentor_session' and ${t.status} = 'held'`),
    organisationKey('check_ins_pkey', t),
    sameOrganisation('check_ins_plan_id_fkey', t, t.planId, plans),
  ],
);

export type FeedbackAnswer = { questionId: string; rating?: number | null; comment?: string | null };
/** A question the requester wrote for the giver; none: neutral defaults are asked. */
export type WrittenFeedbackQuestion = { kind: 'rating' | 'comment'; text: string; isRequired?: boolean };

export const feedbackRequests = pgTable(
  'feedback_requests',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    planId: uuid('plan_id').notNull(),
    kind: text('kind').$type<'peer' | 'customer'>().notNull(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    isAnonymous: boolean('is_anonymous').notNull().default(false),
    /** SHA-256 of the one-time link's token. */
    tokenHash: text('token_hash').notNull().unique(),
    /** A rating question's answer becomes a measurement of this metric. */
    metricId: uuid('metric_id'),
    /** How the rating becomes a value in the metric's unit; null: the metric is itself on the 1–5 scale. */
    metricConversion: jsonb('metric_conversion').$type<RatingConversion>(),
    requestedByUserId: uuid('requested_by_user_id').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'string' }),
    questions: jsonb('questions').$type<WrittenFeedbackQuestion[]>(),
    answers: jsonb('answers').$type<FeedbackAnswer[]>(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('feedback_requests_plan_idx').on(t.orgId, t.planId),
    organisationKey('feedback_requests_pkey', t),
    sameOrganisation('feedback_requests_plan_id_fkey', t, t.planId, plans),
    sameOrganisation('feedback_requests_metric_id_fkey', t, t.metricId, metrics).onDelete('set null'),
  ],
);

/** Emails to send; the unique dedupe key makes every reminder and report go out at most once. */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    toUserId: uuid('to_user_id'),
    toEmail: text('to_email').notNull(),
    locale: text('locale').$type<'en' | 'es'>().notNull(),
    kind: text('kind').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    /**
     * `skipped`: the recipient turned off this kind of email; `digested`: it goes in their digest instead;
     * either way the row still claims the dedupe key.
     * `sending`: claimed by a delivery; `handed_over`: being handed to the SMTP server, after which it is
     * never sent again (see deliver-email.ts).
     */
    status: text('status')
      .$type<'pending' | 'sending' | 'handed_over' | 'sent' | 'failed' | 'skipped' | 'digested'>()
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** An iCalendar object (METHOD:REQUEST or CANCEL) sent as the message's text/calendar part. */
    calendar: text('calendar'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [
    uniqueIndex('outbox_dedupe_idx').on(t.orgId, t.dedupeKey),
    index('outbox_status_idx').on(t.status),
    // The dispatcher's "oldest unfinished first": a range of this index, not a sort of every unfinished row
    // (10,000 weekly reports of a large organisation were sorted again on every dispatch).
    index('outbox_unfinished_idx')
      .on(t.createdAt)
      .where(sql`${t.status} in ('pending', 'sending', 'handed_over')`),
    organisationKey('outbox_pkey', t),
  ],
);

export const progressReports = pgTable(
  'progress_reports',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    planId: uuid('plan_id').notNull(),
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    body: jsonb('body').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('progress_reports_week_idx').on(t.orgId, t.planId, t.weekStart),
    organisationKey('progress_reports_pkey', t),
    sameOrganisation('progress_reports_plan_id_fkey', t, t.planId, plans),
  ],
);

/** Risk flags seen on a plan, so a new flag notifies HR once. */
export const riskFlags = pgTable(
  'risk_flags',
  {
    orgId: uuid('org_id').notNull(),
    planId: uuid('plan_id').notNull(),
    flag: text('flag').notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('risk_flags_pk').on(t.orgId, t.planId, t.flag),
    sameOrganisation('risk_flags_plan_id_fkey', t, t.planId, plans),
  ],
);
