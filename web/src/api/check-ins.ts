// Running a plan: check-ins (schedule, record, move), progress figures and peer or customer feedback.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  checkInCreateBody,
  checkInSchema,
  checkInUpdateBody,
  feedbackRequestBody,
  feedbackRequestSchema,
  progressSchema,
} from '../../../src/contracts/running.ts';
import { useStaleWriteNotice } from '../ui/stale-write-notice.ts';
import { api } from './client.ts';
import { changedFields, etagOf, isStaleWrite } from './concurrency.ts';
import { planKey } from './plans.ts';

export type CheckIn = z.infer<typeof checkInSchema>;
export type CheckInUpdate = z.input<typeof checkInUpdateBody>;
export type CheckInCreate = z.input<typeof checkInCreateBody>;
export type Progress = z.infer<typeof progressSchema>;
export type FeedbackRequest = z.infer<typeof feedbackRequestSchema>;
export type FeedbackRequestCreate = z.input<typeof feedbackRequestBody>;

const checkInsKey = (planId: string) => ['plan-extra', planId, 'check-ins'] as const;
const progressKey = (planId: string) => ['plan-extra', planId, 'progress'] as const;
const feedbackKey = (planId: string) => ['plan-extra', planId, 'feedback'] as const;

export const useCheckIns = (planId: string) =>
  useQuery({
    queryKey: checkInsKey(planId),
    queryFn: () => api.get<{ items: CheckIn[] }>(`/api/v1/plans/${planId}/check-ins`),
  });

/** After recording a check-in: its measurements change the metrics, its ratings the progress. */
function useRunningWrite<TInput, TResult>(planId: string, write: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['plan-extra', planId] });
      void queryClient.invalidateQueries({ queryKey: planKey(planId) });
    },
  });
}

/**
 * Records a check-in. Pass `seen`, the check-in as the form read it: the write then says "only if it is
 * still that version", and when someone else changed it meanwhile the list is reloaded, the person told
 * which fields changed, and the error carries the stored check-in (`latest`) to base the next try on.
 */
export function useUpdateCheckIn(planId: string) {
  const queryClient = useQueryClient();
  const notifyStale = useStaleWriteNotice();
  return useMutation({
    mutationFn: ({ id, seen, ...body }: CheckInUpdate & { id: string; seen?: CheckIn }) =>
      api.patch<CheckIn>(`/api/v1/check-ins/${id}`, body, { ifMatch: etagOf(seen?.revision) }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['plan-extra', planId] });
      void queryClient.invalidateQueries({ queryKey: planKey(planId) });
    },
    onError: async (error, { id, seen }) => {
      if (!isStaleWrite<CheckIn>(error) || !seen) return;
      const fresh = await queryClient.fetchQuery({
        queryKey: checkInsKey(planId),
        queryFn: () => api.get<{ items: CheckIn[] }>(`/api/v1/plans/${planId}/check-ins`),
        staleTime: 0,
      });
      error.latest = fresh.items.find((i) => i.id === id);
      error.changedFields = error.latest ? changedFields(seen, error.latest) : [];
      notifyStale(error.changedFields);
    },
  });
}

export const useCreateCheckIn = (planId: string) =>
  useRunningWrite(planId, (body: CheckInCreate) =>
    api.post<CheckIn>(`/api/v1/plans/${planId}/check-ins`, body),
  );

export const useProgress = (planId: string, enabled = true) =>
  useQuery({
    queryKey: progressKey(planId),
    queryFn: () => api.get<Progress>(`/api/v1/plans/${planId}/progress`),
    enabled,
  });

export const useFeedbackRequests = (planId: string, enabled = true) =>
  useQuery({
    queryKey: feedbackKey(planId),
    queryFn: () => api.get<{ items: FeedbackRequest[] }>(`/api/v1/plans/${planId}/feedback-requests`),
    enabled,
  });

export const useRequestFeedback = (planId: string) =>
  useRunningWrite(planId, (body: FeedbackRequestCreate) =>
    api.post<FeedbackRequest>(`/api/v1/plans/${planId}/feedback-requests`, body),
  );
