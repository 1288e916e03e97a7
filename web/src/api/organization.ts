// The organisation: settings and user accounts (HR administrators).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  organizationSchema,
  orgContactCreateBody,
  orgContactSchema,
  userCreateBody,
  userUpdateBody,
} from '../../../src/contracts/organization.ts';
import { api } from './client.ts';
import { etagOf } from './concurrency.ts';
import type { UserSummary } from './types.ts';

export type Organization = z.infer<typeof organizationSchema>;

export const useOrganization = () =>
  useQuery({ queryKey: ['organization'], queryFn: () => api.get<Organization>('/api/v1/organization') });

export function useSaveOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    // The revision read with the settings goes as If-Match: a save over someone else's newer one is refused.
    mutationFn: ({ revision, ...body }: Partial<Omit<Organization, 'id' | 'logo'>>) =>
      api.patch<Organization>('/api/v1/organization', body, { ifMatch: etagOf(revision) }),
    onSuccess: (org) => queryClient.setQueryData(['organization'], org),
  });
}

export type OrganizationLogo = NonNullable<Organization['logo']>;

/** Uploads (a file) or removes (null) the logo printed on the organisation's documents. */
export function useSaveLogo() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File | null) =>
      file
        ? api.put<OrganizationLogo>('/api/v1/organization/logo', file)
        : api.delete<null>('/api/v1/organization/logo'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['organization'] }),
  });
}

export const useAllUsers = () =>
  useQuery({ queryKey: ['users', 'all'], queryFn: () => api.get<{ items: UserSummary[] }>('/api/v1/users') });

export function useSaveUser() {
  const queryClient = useQueryClient();
  return useMutation({
    // `revision`: the account as the page read it; a change over someone else's newer one is refused (412).
    mutationFn: ({
      id,
      body,
      revision,
    }: {
      id?: string;
      body: z.input<typeof userCreateBody> | z.input<typeof userUpdateBody>;
      revision?: number;
    }) =>
      id
        ? api.patch<UserSummary>(`/api/v1/users/${id}`, body, { ifMatch: etagOf(revision) })
        : api.post<UserSummary>('/api/v1/users', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

export type OrgContact = z.infer<typeof orgContactSchema>;

export const useOrgContacts = () =>
  useQuery({
    queryKey: ['organization', 'contacts'],
    queryFn: () => api.get<{ items: OrgContact[] }>('/api/v1/organization/contacts'),
  });

export function useSaveOrgContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body?: z.input<typeof orgContactCreateBody> }) =>
      id
        ? api.delete<null>(`/api/v1/organization/contacts/${id}`)
        : api.post<OrgContact>('/api/v1/organization/contacts', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['organization', 'contacts'] }),
  });
}
