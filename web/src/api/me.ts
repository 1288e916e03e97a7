// The signed-in user's language, API tokens and sessions.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { changeLanguage, currentLanguage, type Language } from '../i18n/index.ts';
import { meKey } from './auth.ts';
import { api } from './client.ts';
import type { ApiToken, ApiTokenCreated, Me, Session } from './types.ts';

/**
 * Chooses the interface language. Signed in, the choice is the account's: saved with PATCH /me, so the app on
 * any device, emails, the digest, invitations and chat messages follow it. Before sign-in it applies to this
 * page only. If saving fails, the page returns to the account's language and `onError` says why.
 */
export function useLanguageChoice(onError: (error: unknown) => void) {
  const queryClient = useQueryClient();
  const setAccountLanguage = (language: Language) =>
    queryClient.setQueryData<Me | null>(meKey, (me) =>
      me ? { ...me, user: { ...me.user, locale: language } } : me,
    );
  const save = useMutation({
    mutationFn: (locale: Language) => api.patch<{ locale: Language }>('/api/v1/me', { locale }),
  });
  return (language: Language) => {
    const me = queryClient.getQueryData<Me | null>(meKey);
    if (!me) {
      void changeLanguage(language, { persist: false });
      return;
    }
    const previous = me.user.locale;
    if (language === previous && language === currentLanguage()) return;
    // The page changes at once; the signed-in layout follows the account, so the account changes with it.
    setAccountLanguage(language);
    void changeLanguage(language);
    save.mutate(language, {
      onError: (error) => {
        setAccountLanguage(previous);
        void changeLanguage(previous);
        onError(error);
      },
    });
  };
}

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
