// The signed-in user's API tokens and sessions.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { ApiToken, ApiTokenCreated, Session } from './types.ts';

const tokensKey = ['me', 'tokens'] as const;
const sessionsKey = ['me', 'sessions'] as const;

export const useTokens = () =>
  useQuery({ queryKey: tokensKey, queryFn: () => api.get<{ items: ApiToken[] }>('/api/v1/me/tokens') });

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string }) => api.post<ApiTokenCreated>('/api/v1/me/tokens', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/me/tokens/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}

export const useSessions = () =>
  useQuery({ queryKey: sessionsKey, queryFn: () => api.get<{ items: Session[] }>('/api/v1/me/sessions') });

export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/me/sessions/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}
