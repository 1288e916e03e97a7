// The public feedback form behind a one-time link: no account, no session, no CSRF token.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { feedbackSubmitBody, publicFeedbackSchema } from '../../../src/contracts/running.ts';
import { api } from './client.ts';

export type FeedbackForm = z.infer<typeof publicFeedbackSchema>;
export type FeedbackSubmit = z.input<typeof feedbackSubmitBody>;

export const useFeedbackForm = (token: string) =>
  useQuery({
    queryKey: ['feedback-form', token],
    queryFn: () =>
      api.get<FeedbackForm>(`/api/v1/feedback/${encodeURIComponent(token)}`, { isAuthProbe: true }),
    retry: false,
  });

export const useSubmitFeedback = (token: string) =>
  useMutation({
    mutationFn: (body: FeedbackSubmit) =>
      api.post<{ status: 'received' }>(`/api/v1/feedback/${encodeURIComponent(token)}`, body),
  });
