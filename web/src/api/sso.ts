// Single sign-on: the organisation's identity provider (HR administrators) and the sign-in page's "Sign in with …".
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ssoDiscoverySchema, ssoSettingsBody, ssoSettingsSchema } from '../../../src/contracts/sso.ts';
import { ApiError, api } from './client.ts';

export type SsoSettings = z.infer<typeof ssoSettingsSchema>;
export type SsoSettingsInput = z.input<typeof ssoSettingsBody>;
export type SsoDiscovery = z.infer<typeof ssoDiscoverySchema>;

const key = ['organization', 'sso'] as const;

/** The settings, or null when the organisation has no identity provider. */
export const useSsoSettings = () =>
  useQuery({
    queryKey: key,
    queryFn: async () => {
      try {
        return await api.get<SsoSettings>('/api/v1/organization/sso');
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });

export function useSaveSsoSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SsoSettingsInput) => api.put<SsoSettings>('/api/v1/organization/sso', body),
    onSuccess: (saved) => queryClient.setQueryData(key, saved),
  });
}

export function useRemoveSsoSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<null>('/api/v1/organization/sso'),
    onSuccess: () => queryClient.setQueryData(key, null),
  });
}

export const useSsoDiscovery = (org: string) =>
  useQuery({
    queryKey: ['sso-discovery', org],
    enabled: org.length > 0,
    staleTime: 60_000,
    retry: false,
    queryFn: () =>
      api.get<SsoDiscovery>(`/api/v1/auth/sso/discovery?org=${encodeURIComponent(org)}`, {
        isAuthProbe: true,
      }),
  });
