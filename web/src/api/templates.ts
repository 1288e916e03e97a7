// Plan templates of the organisation (the default ones in English and Spanish, and copies).
import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Template } from './types.ts';

export const useTemplates = () =>
  useQuery({
    queryKey: ['templates'],
    queryFn: () => api.get<{ items: Template[] }>('/api/v1/templates'),
    staleTime: 10 * 60_000,
  });
