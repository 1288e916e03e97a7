// User accounts: the people who may be picked as HR representative or mentor (anyone may list these roles).
import { useQueries } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Role, UserSummary } from './types.ts';

/** Accounts holding any of these roles, merged and sorted by name. */
export function useUsersWithRoles(roles: Role[]) {
  const results = useQueries({
    queries: roles.map((role) => ({
      queryKey: ['users', role],
      queryFn: () => api.get<{ items: UserSummary[] }>(`/api/v1/users?role=${role}`),
      staleTime: 5 * 60_000,
    })),
  });
  const byId = new Map<string, UserSummary>();
  for (const result of results) for (const user of result.data?.items ?? []) byId.set(user.id, user);
  return {
    users: [...byId.values()].filter((u) => !u.isDisabled).sort((a, b) => a.name.localeCompare(b.name)),
    isPending: results.some((r) => r.isPending),
    error: results.find((r) => r.error)?.error ?? null,
  };
}
