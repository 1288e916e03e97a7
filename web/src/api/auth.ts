// Sign-in, sign-out and the signed-in user (`/me`), with the CSRF token kept for writes.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from './client.ts';
import type { Me, User } from './types.ts';

export const meKey = ['me'] as const;
const signedInFlag = 'mejora.signedIn';

/** Remembers that this tab had a session, so a later 401 can say "your session expired". */
export const markSignedIn = (isSignedIn: boolean): void => {
  try {
    if (isSignedIn) sessionStorage.setItem(signedInFlag, '1');
    else sessionStorage.removeItem(signedInFlag);
  } catch {
    // Without storage the notice is simply not shown.
  }
};
export const wasSignedIn = (): boolean => {
  try {
    return sessionStorage.getItem(signedInFlag) === '1';
  } catch {
    return false;
  }
};

/** The server's readable hint beside the HttpOnly session cookie: without it there is no session to ask about. */
const hasSessionHint = (): boolean => {
  try {
    return document.cookie.split(';').some((c) => c.trim().startsWith('mejora_signed_in='));
  } catch {
    return true;
  }
};

export async function fetchMe(): Promise<Me | null> {
  // A visitor with no session makes no request that is bound to answer 401; a tab that had a session still asks,
  // so a session that ended says so.
  if (!hasSessionHint() && !wasSignedIn()) {
    setCsrfToken(null);
    return null;
  }
  try {
    const me = await api.get<Me>('/api/v1/me', { isAuthProbe: true });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export const useMe = () =>
  useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });

/** The signed-in user; only for components rendered inside the authenticated layout. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser outside the signed-in area');
  return data;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      api.post<{ user: User; csrfToken: string }>('/api/v1/auth/login', body),
    onSuccess: async (result) => {
      setCsrfToken(result.csrfToken);
      markSignedIn(true);
      queryClient.removeQueries();
      await queryClient.fetchQuery({ queryKey: meKey, queryFn: fetchMe });
    },
  });
}

let hasSignedOut = false;
/** Whether the session ended because the person signed out (not because it expired). */
export const isSignOut = (): boolean => hasSignedOut;
export const clearSignOut = (): void => {
  hasSignedOut = false;
};

/** Forgets the session in this tab: the CSRF token, the cached user and everything fetched as them. */
export function forgetSession(
  queryClient: ReturnType<typeof useQueryClient>,
  options: { isSignOut?: boolean } = {},
): void {
  hasSignedOut = options.isSignOut ?? false;
  setCsrfToken(null);
  markSignedIn(false);
  queryClient.setQueryData(meKey, null);
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
}

/** Signs out on the server; the caller then calls forgetSession. */
export function useLogout() {
  return useMutation({ mutationFn: () => api.post<void>('/api/v1/auth/logout') });
}

export const hasRole = (user: User, ...roles: User['roles']): boolean =>
  user.roles.some((role) => roles.includes(role));
export const isHr = (user: User) => hasRole(user, 'hr_admin', 'hr');
