// Webhooks, the Slack and Teams connection, and the signed-in person's notification preferences.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  chatSettingsSchema,
  notificationPreferencesSchema,
  webhookCreatedSchema,
  webhookDeliverySchema,
  webhookSchema,
} from '../../../src/contracts/integrations.ts';
import { api } from './client.ts';

export type Webhook = z.infer<typeof webhookSchema>;
export type WebhookCreated = z.infer<typeof webhookCreatedSchema>;
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;
export type ChatSettings = z.infer<typeof chatSettingsSchema>;
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

const webhooksKey = ['webhooks'] as const;
const chatKey = ['organization', 'chat'] as const;
const preferencesKey = ['me', 'notification-preferences'] as const;

export const useWebhooks = () =>
  useQuery({
    queryKey: webhooksKey,
    queryFn: () => api.get<{ items: Webhook[]; eventTypes: string[] }>('/api/v1/webhooks'),
  });

export const useWebhookDeliveries = (id: string | null) =>
  useQuery({
    queryKey: [...webhooksKey, id, 'deliveries'],
    queryFn: () => api.get<{ items: WebhookDelivery[] }>(`/api/v1/webhooks/${id}/deliveries`),
    enabled: Boolean(id),
    refetchInterval: 5000,
  });

export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { url: string; events: string[]; description?: string }) =>
      api.post<WebhookCreated>('/api/v1/webhooks', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksKey }),
  });
}

export function useUpdateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; events?: string[]; isEnabled?: boolean; url?: string }) =>
      api.patch<Webhook>(`/api/v1/webhooks/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksKey }),
  });
}

export function useDeleteWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/webhooks/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksKey }),
  });
}

export function useRotateWebhookSecret() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<WebhookCreated>(`/api/v1/webhooks/${id}/rotate-secret`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksKey }),
  });
}

export function useReplayDelivery() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, deliveryId }: { id: string; deliveryId: string }) =>
      api.post<WebhookDelivery>(`/api/v1/webhooks/${id}/deliveries/${deliveryId}/replay`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksKey }),
  });
}

export const useChatSettings = () =>
  useQuery({ queryKey: chatKey, queryFn: () => api.get<ChatSettings>('/api/v1/organization/chat') });

export function useUpdateChatSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { slackBotToken?: string | null; teamsWebhookUrl?: string | null }) =>
      api.patch<ChatSettings>('/api/v1/organization/chat', body),
    onSuccess: (data) => queryClient.setQueryData(chatKey, data),
  });
}

export const useNotificationPreferences = () =>
  useQuery({
    queryKey: preferencesKey,
    queryFn: () => api.get<NotificationPreferences>('/api/v1/me/notification-preferences'),
  });

export function useUpdateNotificationPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<NotificationPreferences>) =>
      api.patch<NotificationPreferences>('/api/v1/me/notification-preferences', body),
    onSuccess: (data) => queryClient.setQueryData(preferencesKey, data),
  });
}
