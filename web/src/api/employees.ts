// The employee directory: search, read, create and edit (HR).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from './client.ts';
import { etagOf } from './concurrency.ts';
import type { Employee, EmployeeCreate, Page } from './types.ts';

export type EmployeeFilters = {
  q?: string;
  department?: string;
  managerId?: string;
  cursor?: string;
  limit?: number;
};

export const employeesKey = ['employees'] as const;

export const fetchEmployees = (filters: EmployeeFilters) =>
  api.get<Page<Employee>>(`/api/v1/employees${query(filters)}`);

export const useEmployees = (filters: EmployeeFilters, options: { enabled?: boolean } = {}) =>
  useQuery({
    queryKey: [...employeesKey, filters],
    queryFn: () => fetchEmployees(filters),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });

export const useEmployee = (id: string | null | undefined) =>
  useQuery({
    queryKey: [...employeesKey, 'one', id],
    queryFn: () => api.get<Employee>(`/api/v1/employees/${id}`),
    enabled: Boolean(id),
  });

export function useSaveEmployee() {
  const queryClient = useQueryClient();
  return useMutation({
    // `revision`: the record as the form read it; a save over someone else's newer change is refused (412).
    mutationFn: ({ id, body, revision }: { id?: string; body: EmployeeCreate; revision?: number }) =>
      id
        ? api.patch<Employee>(`/api/v1/employees/${id}`, body, { ifMatch: etagOf(revision) })
        : api.post<Employee>('/api/v1/employees', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: employeesKey }),
  });
}
