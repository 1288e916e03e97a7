// Readiness, the employee's responses, appeals and the outcome's evidence.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { outcomeEvidenceSchema, readinessSchema } from '../../../src/contracts/fairness.ts';
import type { appealSchema, responseSchema } from '../../../src/contracts/plans.ts';
import { api } from './client.ts';
import { planKey } from './plans.ts';

export type Readiness = z.infer<typeof readinessSchema>;
export type ReadinessItem = Readiness['items'][number];
export type OutcomeEvidence = z.infer<typeof outcomeEvidenceSchema>;
export type EmployeeResponse = z.infer<typeof responseSchema>;
export type Appeal = z.infer<typeof appealSchema>;

const readinessKey = (planId: string) => ['plan-extra', planId, 'readiness'] as const;

export const useReadiness = (planId: string, options: { enabled?: boolean } = {}) =>
  useQuery({
    queryKey: readinessKey(planId),
    queryFn: () => api.get<Readiness>(`/api/v1/plans/${planId}/readiness`),
    enabled: options.enabled ?? true,
    retry: false,
  });

export function useAcceptWarning(planId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { code: string; reason: string }) =>
      api.post<Readiness>(`/api/v1/plans/${planId}/readiness/acceptances`, body),
    onSuccess: (readiness) => queryClient.setQueryData(readinessKey(planId), readiness),
  });
}

export const useOutcomeEvidence = (planId: string, options: { enabled?: boolean } = {}) =>
  useQuery({
    queryKey: ['plan-extra', planId, 'outcome-evidence'],
    queryFn: () => api.get<OutcomeEvidence>(`/api/v1/plans/${planId}/outcome-evidence`),
    enabled: options.enabled ?? true,
    retry: false,
  });

/** A write of the plan's procedure: the plan is read again so its responses and appeals show. */
function usePlanProcedureWrite<TInput, TResult>(planId: string, write: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: planKey(planId) });
      void queryClient.invalidateQueries({ queryKey: ['plan-extra', planId] });
    },
  });
}

export const useAddResponse = (planId: string) =>
  usePlanProcedureWrite(planId, (body: { text: string }) =>
    api.post<EmployeeResponse>(`/api/v1/plans/${planId}/responses`, body),
  );

export const useLodgeAppeal = (planId: string) =>
  usePlanProcedureWrite(planId, (body: { reason: string }) =>
    api.post<Appeal>(`/api/v1/plans/${planId}/appeals`, body),
  );

export type AppealDecisionBody = {
  decision: 'upheld' | 'changed' | 'extended';
  reason: string;
  outcome?: 'successful' | 'unsuccessful';
  endDate?: string;
};

export const useDecideAppeal = (planId: string) =>
  usePlanProcedureWrite(planId, ({ appealId, ...body }: AppealDecisionBody & { appealId: string }) =>
    api.post<Appeal>(`/api/v1/appeals/${appealId}/decision`, body),
  );
