// The lifecycle of a plan: transitions, signatures, adjustments, versions, comments and the audit trail.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses, problemSchema, uuid } from '../../contracts/common.ts';
import {
  adjustmentBody,
  adjustmentSchema,
  auditEventSchema,
  commentBody,
  commentSchema,
  decisionBody,
  diffSchema,
  signBody,
  transitionBody,
  verificationSchema,
  versionSchema,
  versionSummarySchema,
  witnessBody,
} from '../../contracts/lifecycle.ts';
import { planSchema } from '../../contracts/plans.ts';
import type { Deps } from '../../services/context.ts';
import {
  decideAdjustment,
  listAdjustments,
  proposeAdjustment,
} from '../../services/lifecycle/adjustments.ts';
import {
  addComment,
  diffVersions,
  getVersion,
  listComments,
  listVersions,
  planAuditTrail,
  verifyOrganizationAudit,
} from '../../services/lifecycle/plan-record.ts';
import { signPlan, witnessRefusal } from '../../services/lifecycle/sign-plan.ts';
import { transitionPlan } from '../../services/lifecycle/transition-plan.ts';
import { contextOf } from '../auth/authenticate.ts';
import { withEtag } from '../http/etag.ts';

const tags = ['lifecycle'];
const errors = problemResponses;
const planParams = z.object({ id: uuid });

export const lifecycleRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const ctx = (request: Parameters<typeof contextOf>[1]) => contextOf(deps, request);

  app.post(
    '/v1/plans/:id/transitions',
    {
      schema: {
        tags,
        summary: 'Submit, approve, reject, pause, resume, cancel or close a plan',
        description: 'A transition not allowed now answers 409 with `allowedActions`.',
        params: planParams,
        body: transitionBody,
        response: { 200: planSchema, ...errors },
      },
    },
    async (request, reply) =>
      withEtag(reply, await transitionPlan(ctx(request), request.params.id, request.body)),
  );
  app.post(
    '/v1/plans/:id/signatures',
    {
      schema: {
        tags,
        summary:
          'Sign the current version for your role (tick every clause, type your name), or refuse with a response',
        params: planParams,
        body: signBody,
        response: { 201: planSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(withEtag(reply, await signPlan(ctx(request), request.params.id, request.body as never))),
  );
  app.post(
    '/v1/plans/:id/signatures/:signatureId/witness',
    {
      schema: {
        tags,
        summary: 'HR records a witness statement for the employee’s refusal to sign',
        params: z.object({ id: uuid, signatureId: uuid }),
        body: witnessBody,
        response: { 200: planSchema, ...errors },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await witnessRefusal(
          ctx(request),
          request.params.id,
          request.params.signatureId,
          request.body.statement,
        ),
      ),
  );

  app.get(
    '/v1/plans/:id/adjustments',
    {
      schema: {
        tags,
        params: planParams,
        response: { 200: z.object({ items: z.array(adjustmentSchema) }), ...errors },
      },
    },
    async (request) => ({ items: await listAdjustments(ctx(request), request.params.id) }),
  );
  app.post(
    '/v1/plans/:id/adjustments',
    {
      schema: {
        tags,
        summary:
          'Propose a major adjustment (goals, targets, focus areas, success criteria, end date, HR rep, mentor)',
        params: planParams,
        body: adjustmentBody,
        response: { 201: adjustmentSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await proposeAdjustment(ctx(request), request.params.id, request.body)),
  );
  app.post(
    '/v1/plans/:id/adjustments/:adjustmentId/decision',
    {
      schema: {
        tags,
        summary: 'HR approves or rejects an adjustment; approval voids the signatures',
        params: z.object({ id: uuid, adjustmentId: uuid }),
        body: decisionBody,
        response: { 200: adjustmentSchema, ...errors },
      },
    },
    async (request) =>
      decideAdjustment(ctx(request), request.params.id, request.params.adjustmentId, request.body),
  );

  app.get(
    '/v1/plans/:id/versions',
    {
      schema: {
        tags,
        params: planParams,
        response: { 200: z.object({ items: z.array(versionSummarySchema) }), ...errors },
      },
    },
    async (request) => ({ items: await listVersions(ctx(request), request.params.id) }),
  );
  app.get(
    '/v1/plans/:id/versions/diff',
    {
      schema: {
        tags,
        summary: 'What changed between two versions',
        params: planParams,
        querystring: z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }),
        response: { 200: diffSchema, ...errors },
      },
    },
    async (request) => diffVersions(ctx(request), request.params.id, request.query.from, request.query.to),
  );
  app.get(
    '/v1/plans/:id/versions/:version',
    {
      schema: {
        tags,
        params: z.object({ id: uuid, version: z.coerce.number().int().min(1) }),
        response: { 200: versionSchema, ...errors },
      },
    },
    async (request) => getVersion(ctx(request), request.params.id, request.params.version),
  );

  app.get(
    '/v1/plans/:id/comments',
    {
      schema: {
        tags,
        params: planParams,
        response: { 200: z.object({ items: z.array(commentSchema) }), ...errors },
      },
    },
    async (request) => ({ items: await listComments(ctx(request), request.params.id) }),
  );
  app.post(
    '/v1/plans/:id/comments',
    {
      schema: {
        tags,
        summary: 'Add a comment, or (employee) a written response kept in the record',
        params: planParams,
        body: commentBody,
        response: { 201: commentSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addComment(ctx(request), request.params.id, request.body)),
  );

  app.get(
    '/v1/plans/:id/audit',
    {
      schema: {
        tags,
        summary: 'The plan’s audit trail and whether its chain verifies (HR and auditors)',
        params: planParams,
        response: {
          200: z.object({ items: z.array(auditEventSchema), verification: verificationSchema }),
          ...errors,
        },
      },
    },
    async (request) => planAuditTrail(ctx(request), request.params.id),
  );
  app.get(
    '/v1/audit/verify',
    {
      schema: {
        tags,
        summary: 'Verify every audit chain and checkpoint of the organisation',
        response: { 200: verificationSchema, 403: problemSchema },
      },
    },
    async (request) => verifyOrganizationAudit(ctx(request)),
  );
};
