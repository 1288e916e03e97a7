// A plan's history: versions and their differences, adjustments, comments and the audit trail.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from './client.ts';
import { planKey, plansKey } from './plans.ts';
import type {
  Adjustment,
  AdjustmentChanges,
  AuditEvent,
  AuditVerification,
  PlanComment,
  PlanVersion,
  VersionDiff,
} from './types.ts';

const extraKey = (planId: string, ...rest: (string | number)[]) => ['plan-extra', planId, ...rest] as const;
const base = (id: string) => `/api/v1/plans/${id}`;

export const useVersions = (planId: string) =>
  useQuery({
    queryKey: extraKey(planId, 'versions'),
    queryFn: () => api.get<{ items: PlanVersion[] }>(`${base(planId)}/versions`),
  });

export const useVersionDiff = (planId: string, from: number | null, to: number | null) =>
  useQuery({
    queryKey: extraKey(planId, 'diff', from ?? 0, to ?? 0),
    queryFn: () => api.get<VersionDiff>(`${base(planId)}/versions/diff${query({ from, to })}`),
    enabled: from !== null && to !== null && from !== to,
  });

export const useAdjustments = (planId: string) =>
  useQuery({
    queryKey: extraKey(planId, 'adjustments'),
    queryFn: () => api.get<{ items: Adjustment[] }>(`${base(planId)}/adjustments`),
  });

function useExtraWrite<TInput, TResult>(planId: string, write: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: extraKey(planId) });
      await queryClient.invalidateQueries({ queryKey: planKey(planId) });
      void queryClient.invalidateQueries({ queryKey: plansKey });
    },
  });
}

export const useProposeAdjustment = (planId: string) =>
  useExtraWrite(planId, (body: { reason: string; changes: AdjustmentChanges }) =>
    api.post<Adjustment>(`${base(planId)}/adjustments`, body),
  );

export const useDecideAdjustment = (planId: string) =>
  useExtraWrite(planId, ({ id, ...body }: { id: string; decision: 'approve' | 'reject'; reason: string }) =>
    api.post<Adjustment>(`${base(planId)}/adjustments/${id}/decision`, body),
  );

export const useComments = (planId: string) =>
  useQuery({
    queryKey: extraKey(planId, 'comments'),
    queryFn: () => api.get<{ items: PlanComment[] }>(`${base(planId)}/comments`),
  });

export const useAddComment = (planId: string) =>
  useExtraWrite(planId, (body: { body: string; kind?: 'comment' | 'response' }) =>
    api.post<PlanComment>(`${base(planId)}/comments`, body),
  );

export const useAudit = (planId: string, enabled: boolean) =>
  useQuery({
    queryKey: extraKey(planId, 'audit'),
    queryFn: () => api.get<{ items: AuditEvent[] }>(`${base(planId)}/audit`),
    enabled,
  });

export const useAuditVerify = (enabled: boolean) =>
  useQuery({
    queryKey: ['audit-verify'],
    queryFn: () => api.get<AuditVerification>('/api/v1/audit/verify'),
    enabled,
    staleTime: 60_000,
  });
