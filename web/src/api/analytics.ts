// HR analytics: the overview, the consistency view and their tables as CSV files.
import { useQuery } from '@tanstack/react-query';
import type { AnalyticsOverview, ConsistencyView } from '../../../src/contracts/analytics.ts';
import { ApiError, api } from './client.ts';

export type { AnalyticsOverview, ConsistencyView };

export const useAnalyticsOverview = () =>
  useQuery({
    queryKey: ['analytics', 'overview'],
    queryFn: () => api.get<AnalyticsOverview>('/api/v1/analytics/overview'),
  });

export const useConsistency = (by: 'manager' | 'department') =>
  useQuery({
    queryKey: ['analytics', 'consistency', by],
    queryFn: () => api.get<ConsistencyView>(`/api/v1/analytics/consistency?by=${by}&limit=200`),
  });

/** Downloads a table as CSV: the same endpoint asked with Accept: text/csv. */
export async function downloadCsv(path: string, fileName: string): Promise<void> {
  const response = await fetch(path, { headers: { accept: 'text/csv' }, credentials: 'same-origin' });
  if (!response.ok) throw new ApiError({ status: response.status, title: response.statusText || 'Error' });
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}
