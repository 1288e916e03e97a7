// Readiness before sending, the employee's responses, appeals against the outcome, and the outcome's evidence.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses, uuid } from '../../contracts/common.ts';
import {
  acceptanceBody,
  accommodationRequestBody,
  accommodationResolutionBody,
  appealBody,
  appealDecisionBody,
  outcomeEvidenceSchema,
  readinessSchema,
  responseBody,
} from '../../contracts/fairness.ts';
import { appealSchema, planSchema, responseSchema } from '../../contracts/plans.ts';
import type { Deps } from '../../services/context.ts';
import { requestAccommodation, resolveAccommodation } from '../../services/fairness/accommodation.ts';
import { decideAppeal, lodgeAppeal } from '../../services/fairness/appeals.ts';
import { getOutcomeEvidence } from '../../services/fairness/outcome-evidence.ts';
import { acceptReadinessWarning, getReadiness } from '../../services/fairness/readiness.ts';
import { addResponse } from '../../services/fairness/responses.ts';
import { contextOf } from '../auth/authenticate.ts';

const tags = ['fairness'];
const errors = problemResponses;
const params = z.object({ id: uuid });

export const fairnessRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const ctx = (request: Parameters<typeof contextOf>[1]) => contextOf(deps, request);

  app.get(
    '/v1/plans/:id/readiness',
    {
      schema: {
        tags,
        summary: 'The readiness check: what must be fixed (errors) or accepted (warnings) before sending',
        params,
        response: { 200: readinessSchema, ...errors },
      },
    },
    async (request) => getReadiness(ctx(request), request.params.id),
  );
  app.post(
    '/v1/plans/:id/readiness/acceptances',
    {
      schema: {
        tags,
        summary: 'HR accepts a readiness warning with a written reason (audited); errors cannot be accepted',
        params,
        body: acceptanceBody,
        response: { 201: readinessSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await acceptReadinessWarning(ctx(request), request.params.id, request.body)),
  );
  app.post(
    '/v1/plans/:id/responses',
    {
      schema: {
        tags,
        summary:
          'The employee adds a written response, kept as written (awaiting acknowledgment, active or paused)',
        params,
        body: responseBody,
        response: { 201: responseSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addResponse(ctx(request), request.params.id, request.body)),
  );
  app.post(
    '/v1/plans/:id/accommodation-request',
    {
      schema: {
        tags,
        summary:
          'The employee (or HR on their behalf) records an accommodation request: it pauses an active plan or one awaiting acknowledgment and tells HR, confidentially',
        params,
        body: accommodationRequestBody,
        response: { 201: planSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await requestAccommodation(ctx(request), request.params.id, request.body)),
  );
  app.post(
    '/v1/plans/:id/accommodation-request/resolution',
    {
      schema: {
        tags,
        summary:
          'HR resolves the accommodation request (granted, declined or withdrawn); a plan paused for it resumes, its end date moved by the time paused',
        params,
        body: accommodationResolutionBody,
        response: { 200: planSchema, ...errors },
      },
    },
    async (request) => resolveAccommodation(ctx(request), request.params.id, request.body),
  );
  app.post(
    '/v1/plans/:id/appeals',
    {
      schema: {
        tags,
        summary: 'The employee appeals the outcome within the organisation’s appeal period',
        params,
        body: appealBody,
        response: { 201: appealSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await lodgeAppeal(ctx(request), request.params.id, request.body)),
  );
  app.post(
    '/v1/appeals/:id/decision',
    {
      schema: {
        tags,
        summary:
          'An HR person other than the one who decided the outcome decides the appeal: upheld, changed or extended',
        params,
        body: appealDecisionBody,
        response: { 200: appealSchema, ...errors },
      },
    },
    async (request) => decideAppeal(ctx(request), request.params.id, request.body),
  );
  app.get(
    '/v1/plans/:id/outcome-evidence',
    {
      schema: {
        tags,
        summary: 'The evidence shown before closing: metrics, check-ins held, support delivered, responses',
        params,
        response: { 200: outcomeEvidenceSchema, ...errors },
      },
    },
    async (request) => getOutcomeEvidence(ctx(request), request.params.id),
  );
};
