// Accounts of the directory: invitations, password reset and the plans HR hands to a new manager.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  accountSchema,
  bulkInvitationSchema,
  invitationSchema,
  managerChangeSchema,
  reassignmentSchema,
} from '../../../src/contracts/accounts.ts';
import type { employeeDetailSchema } from '../../../src/contracts/employees.ts';
import { fetchMe, markSignedIn, meKey } from './auth.ts';
import { api, setCsrfToken } from './client.ts';
import { employeesKey } from './employees.ts';
import type { User } from './types.ts';

export type Account = z.infer<typeof accountSchema>;
export type EmployeeDetail = z.infer<typeof employeeDetailSchema>;
export type Reassignment = z.infer<typeof reassignmentSchema>;

/** One employee with their account, as HR reads it. */
export const useEmployeeDetail = (id: string | null | undefined) =>
  useQuery({
    queryKey: [...employeesKey, 'detail', id],
    queryFn: () => api.get<EmployeeDetail>(`/api/v1/employees/${id}`),
    enabled: Boolean(id),
  });

export function useInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (employeeId: string) =>
      api.post<z.infer<typeof invitationSchema>>(`/api/v1/employees/${employeeId}/invitation`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: employeesKey }),
  });
}

export function useInviteEveryone() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<z.infer<typeof bulkInvitationSchema>>('/api/v1/directory/invitations'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: employeesKey }),
  });
}

export const reassignmentsKey = ['directory', 'reassignments'] as const;

export const useReassignments = (isEnabled: boolean) =>
  useQuery({
    queryKey: reassignmentsKey,
    queryFn: () => api.get<{ items: Reassignment[] }>('/api/v1/directory/reassignments'),
    enabled: isEnabled,
  });

export function useReassignManager() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      planId,
      managerEmployeeId,
      reason,
    }: {
      planId: string;
      managerEmployeeId: string;
      reason: string;
    }) =>
      api.post<z.infer<typeof managerChangeSchema>>(`/api/v1/plans/${planId}/manager`, {
        managerEmployeeId,
        reason,
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: reassignmentsKey });
      await queryClient.invalidateQueries({ queryKey: ['plans'] });
    },
  });
}

export const useRequestPasswordReset = () =>
  useMutation({
    mutationFn: (email: string) => api.post<{ message: string }>('/api/v1/auth/password-reset', { email }),
  });

/** Sets the password with the token of an emailed link; the answer signs the person in. */
export function useSetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { token: string; password: string }) =>
      api.post<{ user: User; csrfToken: string }>('/api/v1/auth/password', body),
    onSuccess: async (result) => {
      setCsrfToken(result.csrfToken);
      markSignedIn(true);
      queryClient.removeQueries();
      await queryClient.fetchQuery({ queryKey: meKey, queryFn: fetchMe });
    },
  });
}
