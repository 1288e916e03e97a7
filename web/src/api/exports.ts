// Document exports: background jobs that render many plans into one zip (HR administrators).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { exportCreateBody, exportSchema } from '../../../src/contracts/exports.ts';
import { api } from './client.ts';

export type DocumentExport = z.infer<typeof exportSchema>;
export type ExportRequest = z.input<typeof exportCreateBody>;

const isActive = (e: DocumentExport) => e.status === 'queued' || e.status === 'running';

/** The organisation's exports; polled every second while one waits or runs. */
export const useExports = () =>
  useQuery({
    queryKey: ['exports'],
    queryFn: () => api.get<{ items: DocumentExport[] }>('/api/v1/exports'),
    refetchInterval: (query) => (query.state.data?.items.some(isActive) ? 1000 : false),
  });

export function useRequestExport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ExportRequest) => api.post<DocumentExport>('/api/v1/exports', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['exports'] }),
  });
}

export function useExportAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'cancel' | 'delete' }) =>
      action === 'cancel'
        ? api.post<DocumentExport>(`/api/v1/exports/${id}/cancel`)
        : api.delete<null>(`/api/v1/exports/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['exports'] }),
  });
}
