// In-app notifications: the bell's count, the list, marking read.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { AppNotification } from './types.ts';

const notificationsKey = ['notifications'] as const;

export const useNotifications = () =>
  useQuery({
    queryKey: notificationsKey,
    queryFn: () => api.get<{ items: AppNotification[]; unreadCount: number }>('/api/v1/notifications'),
    refetchInterval: 60_000,
    retry: false,
  });

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string | 'all') =>
      api.post<void>(id === 'all' ? '/api/v1/notifications/read-all' : `/api/v1/notifications/${id}/read`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
}
