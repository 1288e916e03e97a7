// HR analytics: the overview and the consistency view, as JSON or, with Accept: text/csv, as CSV tables.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type AnalyticsOverview,
  analyticsOverviewQuery,
  analyticsOverviewSchema,
  type ConsistencyView,
  consistencyQuery,
  consistencySchema,
} from '../../contracts/analytics.ts';
import { problemSchema } from '../../contracts/common.ts';
import { localeSchema } from '../../contracts/plans.ts';
import { type CsvColumn, toCsv } from '../../services/analytics/csv.ts';
import { getAnalyticsOverview } from '../../services/analytics/get-analytics-overview.ts';
import { getConsistency } from '../../services/analytics/get-consistency.ts';
import { transparencyDocument } from '../../services/analytics/transparency-document.ts';
import type { Deps } from '../../services/context.ts';
import { contextOf } from '../auth/authenticate.ts';

const tags = ['analytics'];
const errors = { 400: problemSchema, 403: problemSchema };

/** Does the client ask for CSV rather than JSON? */
const wantsCsv = (accept: string | undefined) => {
  if (!accept) return false;
  const types = accept.split(',').map((part) => part.split(';')[0]?.trim().toLowerCase());
  const csv = types.indexOf('text/csv');
  const json = types.indexOf('application/json');
  return csv !== -1 && (json === -1 || csv < json);
};

export const analyticsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/v1/transparency.pdf',
    {
      schema: {
        tags,
        summary: 'Every figure Mejora computes and how, as a PDF (any signed-in person)',
        querystring: z.object({ locale: localeSchema.optional() }),
        response: { 400: problemSchema },
      },
    },
    async (request, reply) => {
      const { fileName, body } = await transparencyDocument(contextOf(deps, request), request.query.locale);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', 'private, no-store')
        .send(body as never);
    },
  );
  app.get(
    '/v1/analytics/overview',
    {
      schema: {
        tags,
        summary:
          'HR analytics: plans by status, department, manager and month, outcomes, compliance, support, risk',
        description:
          'HR administrators and auditors see the organisation; HR representatives the plans assigned to them. ' +
          'Groups of fewer than five people show no counts. With `Accept: text/csv` the table named by `table` is sent as CSV.',
        querystring: analyticsOverviewQuery,
        response: { 200: analyticsOverviewSchema, ...errors },
      },
    },
    async (request, reply) => {
      const overview = await getAnalyticsOverview(contextOf(deps, request));
      if (!wantsCsv(request.headers.accept)) return overview;
      return csvReply(
        reply,
        `analytics-${request.query.table}.csv`,
        overviewCsv(overview, request.query.table),
      );
    },
  );
  app.get(
    '/v1/analytics/consistency',
    {
      schema: {
        tags,
        summary: 'Consistency: each manager or department against the organisation, with a statistical test',
        description:
          "Each group's share of people on a plan is tested against the organisation's with a two-sided exact binomial " +
          "test, its outcomes against the rest of the organisation's with Fisher's exact test; p-values are adjusted " +
          "with Holm's method across the groups and a group is flagged below 0.01. Groups of fewer than five people are " +
          'suppressed. With `Accept: text/csv`, every group as CSV.',
        querystring: consistencyQuery,
        response: { 200: consistencySchema, ...errors },
      },
    },
    async (request, reply) => {
      const csv = wantsCsv(request.headers.accept);
      const view = await getConsistency(contextOf(deps, request), {
        by: request.query.by,
        limit: csv ? undefined : request.query.limit,
      });
      if (!csv) return view;
      return csvReply(reply, `consistency-by-${view.by}.csv`, consistencyCsv(view));
    },
  );
};

function csvReply(reply: import('fastify').FastifyReply, fileName: string, body: string) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'private, no-store')
    .serializer((payload: unknown) => payload as string)
    .send(body as never);
}

type Overview = AnalyticsOverview;
type Group = Overview['byDepartment'][number];

function overviewCsv(
  overview: Overview,
  table: (typeof analyticsOverviewQuery)['_zod']['output']['table'],
): string {
  const groupColumns = (name: string): CsvColumn<Group>[] => [
    { header: name, value: (g) => g.label },
    { header: 'suppressed', value: (g) => g.isSuppressed },
    { header: 'headcount', value: (g) => g.headcount },
    { header: 'plans', value: (g) => g.plans },
    { header: 'plans_per_100', value: (g) => g.plansPer100 },
  ];
  switch (table) {
    case 'byStatus':
      return toCsv(
        [
          { header: 'status', value: (r) => r.status },
          { header: 'plans', value: (r) => r.plans },
        ],
        overview.byStatus,
      );
    case 'byMonth':
      return toCsv(
        [
          { header: 'month', value: (r) => r.month },
          { header: 'started', value: (r) => r.started },
          { header: 'closed', value: (r) => r.closed },
        ],
        overview.byMonth,
      );
    case 'byDepartment':
      return toCsv(groupColumns('department'), overview.byDepartment);
    case 'byManager':
      return toCsv(groupColumns('manager'), overview.byManager);
    case 'summary': {
      const rows: [string, number | null][] = [
        ['headcount', overview.headcount],
        ['plans', overview.plans],
        ['plans_per_100', overview.plansPer100],
        ['successful', overview.outcomes.successful],
        ['unsuccessful', overview.outcomes.unsuccessful],
        ['cancelled', overview.outcomes.cancelled],
        ['median_length_weeks', overview.medianLengthWeeks],
        ['median_days_to_full_signature', overview.signing.medianDaysToFullSignature],
        ['check_ins_held', overview.checkIns.held],
        ['check_ins_due', overview.checkIns.due],
        ['activities_done', overview.support.activitiesDone],
        ['activities_planned', overview.support.activitiesPlanned],
        ['mentor_sessions_held', overview.support.mentorSessionsHeld],
        ['mentor_sessions_due', overview.support.mentorSessionsDue],
        ['plans_at_risk', overview.atRisk.plans],
        ['active_plans', overview.atRisk.activePlans],
      ];
      return toCsv(
        [
          { header: 'figure', value: (r) => r[0] },
          { header: 'value', value: (r) => r[1] },
        ],
        rows,
      );
    }
  }
}

function consistencyCsv(view: ConsistencyView): string {
  type G = ConsistencyView['groups'][number];
  const shown =
    <T>(f: (g: Extract<G, { isSuppressed: false }>) => T) =>
    (g: G) =>
      g.isSuppressed ? null : (f(g) as never);
  return toCsv<G>(
    [
      { header: view.by, value: (g) => g.label },
      { header: 'suppressed', value: (g) => g.isSuppressed },
      { header: 'headcount', value: shown((g) => g.headcount) },
      { header: 'plans', value: shown((g) => g.plans) },
      { header: 'people_with_plan', value: shown((g) => g.peopleWithPlan) },
      { header: 'expected_people_with_plan', value: shown((g) => g.expectedPeopleWithPlan) },
      { header: 'plans_per_100', value: shown((g) => g.plansPer100) },
      { header: 'median_length_weeks', value: shown((g) => g.medianLengthWeeks) },
      { header: 'successful', value: shown((g) => g.successful) },
      { header: 'unsuccessful', value: shown((g) => g.unsuccessful) },
      { header: 'cancelled', value: shown((g) => g.cancelled) },
      { header: 'measurable_goals_share', value: shown((g) => g.measurableGoalsShare) },
      { header: 'dated_examples_share', value: shown((g) => g.datedExamplesShare) },
      { header: 'support_delivered_share', value: shown((g) => g.supportDeliveredShare) },
      { header: 'mentor_sessions_held', value: shown((g) => g.mentorSessionsHeld) },
      { header: 'rate_p_value', value: shown((g) => g.rateTest.pValue) },
      { header: 'rate_adjusted_p_value', value: shown((g) => g.rateTest.adjustedPValue) },
      { header: 'outcome_p_value', value: shown((g) => g.outcomeTest?.pValue ?? null) },
      { header: 'outcome_adjusted_p_value', value: shown((g) => g.outcomeTest?.adjustedPValue ?? null) },
      { header: 'flagged', value: shown((g) => g.isFlagged) },
    ],
    view.groups,
  );
}
