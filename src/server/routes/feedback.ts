// Peer and customer feedback: requests from the plan, and the public one-time form behind each link.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses, problemSchema, uuid } from '../../contracts/common.ts';
import {
  feedbackRequestBody,
  feedbackRequestSchema,
  feedbackSubmitBody,
  publicFeedbackSchema,
} from '../../contracts/running.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Deps } from '../../services/context.ts';
import { getFeedbackForm, submitFeedback } from '../../services/running/answer-feedback.ts';
import { listFeedbackRequests, requestFeedback } from '../../services/running/request-feedback.ts';
import { contextOf, metaOf } from '../auth/authenticate.ts';

const tags = ['feedback'];
const errors = problemResponses;
const publicErrors = {
  400: problemSchema,
  404: problemSchema,
  410: problemSchema,
  422: problemSchema,
  429: problemSchema,
};
const tokenParams = z.object({ token: z.string().min(1).max(100) });

export const feedbackRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const ctx = (request: Parameters<typeof contextOf>[1]) => contextOf(deps, request);
  // The public form: thirty requests a minute per address; five submissions a minute per link.
  const perAddress = app.rateLimit({
    max: 30,
    timeWindow: 60_000,
    keyGenerator: (r) => `feedback-ip:${r.ip}`,
  });
  // A second limiter on one route needs createRateLimit: the rateLimit hook runs once per request.
  const linkLimit = app.createRateLimit({
    max: 5,
    timeWindow: 60_000,
    keyGenerator: (r) => `feedback-token:${(r.params as { token?: string }).token ?? ''}`,
  });
  const perLink = async (request: FastifyRequest) => {
    const limit = await linkLimit(request);
    if (!limit.isAllowed && limit.isExceeded) {
      throw new DomainError(
        'rate_limited',
        `Too many tries for this link; try again in ${limit.ttlInSeconds} seconds`,
      );
    }
  };

  app.post(
    '/v1/plans/:id/feedback-requests',
    {
      schema: {
        tags,
        summary: 'Ask a named peer or customer for feedback: they get a one-time link valid for 14 days',
        params: z.object({ id: uuid }),
        body: feedbackRequestBody,
        response: { 201: feedbackRequestSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await requestFeedback(ctx(request), request.params.id, request.body)),
  );

  app.get(
    '/v1/plans/:id/feedback-requests',
    {
      schema: {
        tags,
        summary:
          'Feedback requests of the plan with their answers (anonymous givers are unnamed to the employee)',
        params: z.object({ id: uuid }),
        response: { 200: z.object({ items: z.array(feedbackRequestSchema) }), ...errors },
      },
    },
    async (request) => ({ items: await listFeedbackRequests(ctx(request), request.params.id) }),
  );

  app.get(
    '/v1/feedback/:token',
    {
      // On request, before validation: malformed tries count too.
      onRequest: [perAddress],
      schema: {
        tags,
        summary: 'The feedback form behind a one-time link (no account needed)',
        description: '404 for an unknown link; 410 once it was used or has expired.',
        security: [],
        params: tokenParams,
        response: { 200: publicFeedbackSchema, ...publicErrors },
      },
    },
    async (request) => getFeedbackForm(deps, request.params.token),
  );

  app.post(
    '/v1/feedback/:token',
    {
      onRequest: [perAddress, perLink],
      schema: {
        tags,
        summary: 'Submit the answers; the link then stops working (410)',
        security: [],
        params: tokenParams,
        body: feedbackSubmitBody,
        response: { 201: z.object({ status: z.literal('received') }), ...publicErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await submitFeedback(deps, metaOf(request), request.params.token, request.body)),
  );
};
