// Plans and their sections.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { calendarDate, metricValue, problemSchema, uuid } from '../../contracts/common.ts';
import {
  activityBody,
  activityCreateBody,
  activityRemovalsBody,
  activitySchema,
  contactBody,
  contactCreateBody,
  contactSchema,
  expenseBody,
  focusAreaBody,
  focusAreaCreateBody,
  focusAreaSchema,
  mentorPlanSchema,
  metricBody,
  metricSchema,
  metricUpdateBody,
  planCreateBody,
  planListQuery,
  planPage,
  planSchema,
  planUpdateBody,
  reorderBody,
  successCriterionBody,
  successCriterionCreateBody,
  successCriterionSchema,
} from '../../contracts/plans.ts';
import { notFound } from '../../domain/errors.ts';
import { etagOf } from '../../domain/revision.ts';
import type { Deps } from '../../services/context.ts';
import {
  addActivity,
  removeActivities,
  removeActivity,
  updateActivity,
} from '../../services/plans/activities.ts';
import {
  addContact,
  addExpense,
  removeContact,
  removeExpense,
  updateContact,
} from '../../services/plans/contacts.ts';
import { createPlan } from '../../services/plans/create-plan.ts';
import {
  addFocusArea,
  removeFocusArea,
  reorderFocusAreas,
  updateFocusArea,
} from '../../services/plans/focus-areas.ts';
import { getPlan, getPlanAnswer } from '../../services/plans/get-plan.ts';
import { listPlans, listPlansCsv } from '../../services/plans/list-plans.ts';
import {
  addMetric,
  recordMeasurements,
  removeMeasurement,
  removeMetric,
  updateMetric,
} from '../../services/plans/metrics.ts';
import {
  addSuccessCriterion,
  removeSuccessCriterion,
  updateSuccessCriterion,
} from '../../services/plans/success-criteria.ts';
import { updatePlan } from '../../services/plans/update-plan.ts';
import { contextOf } from '../auth/authenticate.ts';
import { withEtag } from '../http/etag.ts';
import { responseSerializerCompiler } from '../http/response-serializer.ts';

const tags = ['plans'];
const errors = {
  400: problemSchema,
  404: problemSchema,
  409: problemSchema,
  412: problemSchema,
  422: problemSchema,
};
const planParams = z.object({ id: uuid });
/** A whole plan, or a mentor's development plan; written by the same serializer Fastify uses for every answer. */
export const planAnswerSchema = z.union([planSchema, mentorPlanSchema]);
export const serializePlanAnswer = responseSerializerCompiler({
  schema: planAnswerSchema,
  method: 'GET',
  url: '/api/v1/plans/:id',
  httpStatus: '200',
});
const itemParams = (name: string) => z.object({ id: uuid, [name]: uuid });

const measurementInput = z
  .object({
    date: calendarDate,
    value: metricValue,
    source: z.string().max(200).nullable().optional(),
    note: z.string().max(2000).nullable().optional(),
  })
  .strict();

/** Does the client ask for CSV rather than JSON? */
const wantsCsv = (accept: string | undefined) => {
  if (!accept) return false;
  const types = accept.split(',').map((part) => part.split(';')[0]?.trim().toLowerCase());
  const csv = types.indexOf('text/csv');
  const json = types.indexOf('application/json');
  return csv !== -1 && (json === -1 || csv < json);
};

/** The first language of Accept-Language that Mejora speaks, if any. */
const languageOf = (header: string | undefined): 'en' | 'es' | undefined => {
  for (const part of (header ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase().slice(0, 2);
    if (tag === 'en' || tag === 'es') return tag;
  }
  return undefined;
};

export const planRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const ctx = (request: Parameters<typeof contextOf>[1]) => contextOf(deps, request);
  const noContent = z.null();

  app.post(
    '/v1/plans',
    {
      schema: {
        tags,
        summary: 'Create a draft plan from a template',
        body: planCreateBody,
        response: { 201: planSchema, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await createPlan(ctx(request), request.body)),
  );
  app.get(
    '/v1/plans',
    {
      schema: {
        tags,
        summary: 'Plans you may see',
        description:
          'Filter by one or more statuses (comma-separated), department, manager, employee or text; sort by any ' +
          'column, ties broken by plan id; page with the opaque `cursor`. With `Accept: text/csv`, the whole ' +
          'filtered and sorted list (every page) as CSV, its header row in the language of `Accept-Language` or ' +
          "else the user's.",
        querystring: planListQuery,
        response: { 200: planPage, ...errors },
      },
    },
    async (request, reply) => {
      if (!wantsCsv(request.headers.accept)) return listPlans(ctx(request), request.query);
      const context = ctx(request);
      const body = await listPlansCsv(
        context,
        request.query,
        languageOf(request.headers['accept-language']) ?? context.actor.locale,
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="plans.csv"')
        .header('cache-control', 'private, no-store')
        .serializer((payload: unknown) => payload as string)
        .send(body as never);
    },
  );
  app.get(
    '/v1/plans/:id',
    {
      schema: {
        tags,
        summary: 'The whole plan, every section, with computed gaps, progress, forecast and SMART findings',
        description: 'Mentors receive the development plan only (`isMentorView: true`).',
        params: planParams,
        response: { 200: planAnswerSchema, ...errors },
      },
    },
    async (request, reply) => {
      // Sent as the bytes the route's own serializer wrote, which a server may keep and send again (get-plan.ts).
      const answer = await getPlanAnswer(ctx(request), request.params.id, (result) =>
        serializePlanAnswer(result.plan),
      );
      if (answer.revision !== null) reply.header('etag', etagOf(answer.revision));
      // Already JSON written from the schema: Fastify sends a Buffer as it is (the typed reply expects an object).
      return reply.type('application/json; charset=utf-8').send(answer.body as never);
    },
  );
  app.patch(
    '/v1/plans/:id',
    {
      schema: {
        tags,
        summary: 'Edit header, dates, people and text sections',
        params: planParams,
        body: planUpdateBody,
        response: { 200: planSchema, ...errors },
      },
    },
    async (request, reply) =>
      withEtag(reply, await updatePlan(ctx(request), request.params.id, request.body)),
  );

  // Focus areas
  app.post(
    '/v1/plans/:id/focus-areas',
    {
      schema: {
        tags,
        params: planParams,
        body: focusAreaCreateBody,
        response: { 201: focusAreaSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addFocusArea(ctx(request), request.params.id, request.body)),
  );
  app.patch(
    '/v1/plans/:id/focus-areas/:focusAreaId',
    {
      schema: {
        tags,
        params: itemParams('focusAreaId'),
        body: focusAreaBody,
        response: { 200: focusAreaSchema, ...errors },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await updateFocusArea(
          ctx(request),
          request.params.id,
          request.params.focusAreaId as string,
          request.body,
        ),
      ),
  );
  app.delete(
    '/v1/plans/:id/focus-areas/:focusAreaId',
    { schema: { tags, params: itemParams('focusAreaId'), response: { 204: noContent, ...errors } } },
    async (request, reply) => {
      await removeFocusArea(ctx(request), request.params.id, request.params.focusAreaId as string);
      return reply.status(204).send(null);
    },
  );
  app.put(
    '/v1/plans/:id/focus-areas/order',
    {
      schema: {
        tags,
        summary: 'Reorder focus areas',
        params: planParams,
        body: reorderBody,
        response: { 200: z.object({ items: z.array(focusAreaSchema) }), ...errors },
      },
    },
    async (request) => ({
      items: await reorderFocusAreas(ctx(request), request.params.id, request.body.ids),
    }),
  );

  // Metrics and measurements
  app.post(
    '/v1/plans/:id/metrics',
    { schema: { tags, params: planParams, body: metricBody, response: { 201: metricSchema, ...errors } } },
    async (request, reply) =>
      reply.status(201).send(await addMetric(ctx(request), request.params.id, request.body)),
  );
  app.patch(
    '/v1/plans/:id/metrics/:metricId',
    {
      schema: {
        tags,
        params: itemParams('metricId'),
        body: metricUpdateBody,
        response: { 200: metricSchema, ...errors },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await updateMetric(ctx(request), request.params.id, request.params.metricId as string, request.body),
      ),
  );
  app.delete(
    '/v1/plans/:id/metrics/:metricId',
    { schema: { tags, params: itemParams('metricId'), response: { 204: noContent, ...errors } } },
    async (request, reply) => {
      await removeMetric(ctx(request), request.params.id, request.params.metricId as string);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/v1/plans/:id/metrics/:metricId/measurements',
    {
      schema: {
        tags,
        summary: 'Record one measurement, or a batch as {items: [...]}',
        params: itemParams('metricId'),
        body: z.union([
          measurementInput,
          z.object({ items: z.array(measurementInput).min(1).max(500) }).strict(),
        ]),
        response: { 201: metricSchema, ...errors },
      },
    },
    async (request, reply) => {
      const items = 'items' in request.body ? request.body.items : [request.body];
      return reply
        .status(201)
        .send(
          await recordMeasurements(ctx(request), request.params.id, request.params.metricId as string, items),
        );
    },
  );
  app.get(
    '/v1/plans/:id/metrics/:metricId/measurements',
    {
      schema: {
        tags,
        summary: 'History of a metric',
        params: itemParams('metricId'),
        response: { 200: z.object({ items: metricSchema.shape.measurements }), ...errors },
      },
    },
    async (request) => {
      const result = await getPlan(ctx(request), request.params.id);
      // A mentor sees the development plan only: measurements do not exist for them.
      if (result.kind !== 'full') throw notFound('Plan');
      const metric = result.plan.metrics.find((m) => m.id === request.params.metricId);
      if (!metric) throw notFound('Metric');
      return { items: metric.measurements };
    },
  );
  app.delete(
    '/v1/plans/:id/metrics/:metricId/measurements/:measurementId',
    {
      schema: {
        tags,
        params: z.object({ id: uuid, metricId: uuid, measurementId: uuid }),
        response: { 204: noContent, ...errors },
      },
    },
    async (request, reply) => {
      await removeMeasurement(
        ctx(request),
        request.params.id,
        request.params.metricId,
        request.params.measurementId,
      );
      return reply.status(204).send(null);
    },
  );

  // Development activities
  app.post(
    '/v1/plans/:id/activities',
    {
      schema: {
        tags,
        params: planParams,
        body: activityCreateBody,
        response: { 201: activitySchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addActivity(ctx(request), request.params.id, request.body)),
  );
  app.patch(
    '/v1/plans/:id/activities/:activityId',
    {
      schema: {
        tags,
        summary: 'Edit an activity; the employee may change status and evidence',
        params: itemParams('activityId'),
        body: activityBody,
        response: { 200: activitySchema, ...errors },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await updateActivity(
          ctx(request),
          request.params.id,
          request.params.activityId as string,
          request.body,
        ),
      ),
  );
  app.delete(
    '/v1/plans/:id/activities/:activityId',
    { schema: { tags, params: itemParams('activityId'), response: { 204: noContent, ...errors } } },
    async (request, reply) => {
      await removeActivity(ctx(request), request.params.id, request.params.activityId as string);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/v1/plans/:id/activities/removals',
    {
      schema: {
        tags,
        summary: 'Remove several activities at once, in one version',
        params: planParams,
        body: activityRemovalsBody,
        response: { 204: noContent, ...errors },
      },
    },
    async (request, reply) => {
      await removeActivities(ctx(request), request.params.id, request.body.ids);
      return reply.status(204).send(null);
    },
  );

  // Success criteria
  app.post(
    '/v1/plans/:id/success-criteria',
    {
      schema: {
        tags,
        params: planParams,
        body: successCriterionCreateBody,
        response: { 201: successCriterionSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addSuccessCriterion(ctx(request), request.params.id, request.body.text)),
  );
  app.patch(
    '/v1/plans/:id/success-criteria/:criterionId',
    {
      schema: {
        tags,
        summary: 'Reword a criterion, or tick it as met (records who and when)',
        params: itemParams('criterionId'),
        body: successCriterionBody,
        response: { 200: successCriterionSchema, ...errors },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await updateSuccessCriterion(
          ctx(request),
          request.params.id,
          request.params.criterionId as string,
          request.body,
        ),
      ),
  );
  app.delete(
    '/v1/plans/:id/success-criteria/:criterionId',
    { schema: { tags, params: itemParams('criterionId'), response: { 204: noContent, ...errors } } },
    async (request, reply) => {
      await removeSuccessCriterion(ctx(request), request.params.id, request.params.criterionId as string);
      return reply.status(204).send(null);
    },
  );

  // Contacts, resource links and expenses
  app.post(
    '/v1/plans/:id/contacts',
    {
      schema: {
        tags,
        params: planParams,
        body: contactCreateBody,
        response: { 201: contactSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addContact(ctx(request), request.params.id, request.body)),
  );
  app.patch(
    '/v1/plans/:id/contacts/:contactId',
    {
      schema: {
        tags,
        params: itemParams('contactId'),
        body: contactBody,
        response: { 200: contactSchema, ...errors },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await updateContact(
          ctx(request),
          request.params.id,
          request.params.contactId as string,
          request.body,
        ),
      ),
  );
  app.delete(
    '/v1/plans/:id/contacts/:contactId',
    { schema: { tags, params: itemParams('contactId'), response: { 204: noContent, ...errors } } },
    async (request, reply) => {
      await removeContact(ctx(request), request.params.id, request.params.contactId as string);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/v1/plans/:id/expenses',
    {
      schema: {
        tags,
        summary: 'Record a training expense against the budget',
        params: planParams,
        body: expenseBody,
        response: { 201: planSchema.shape.support.shape.budget, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addExpense(ctx(request), request.params.id, request.body)),
  );
  app.delete(
    '/v1/plans/:id/expenses/:expenseId',
    {
      schema: {
        tags,
        params: itemParams('expenseId'),
        response: { 200: planSchema.shape.support.shape.budget, ...errors },
      },
    },
    async (request) => removeExpense(ctx(request), request.params.id, request.params.expenseId as string),
  );
};
