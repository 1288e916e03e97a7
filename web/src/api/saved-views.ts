// Saved views of the plans list: the person's own named filters and sort.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  savedViewCreateBody,
  savedViewQuery,
  savedViewSchema,
  savedViewUpdateBody,
} from '../../../src/contracts/saved-views.ts';
import { api } from './client.ts';
import { etagOf } from './concurrency.ts';

export type SavedView = z.infer<typeof savedViewSchema>;
export type SavedViewQuery = z.infer<typeof savedViewQuery>;
export type SavedViewCreate = z.input<typeof savedViewCreateBody>;
export type SavedViewUpdate = z.input<typeof savedViewUpdateBody>;

const savedViewsKey = ['saved-views'] as const;

export const useSavedViews = () =>
  useQuery({
    queryKey: savedViewsKey,
    queryFn: () => api.get<{ items: SavedView[] }>('/api/v1/saved-views'),
  });

function useSavedViewWrite<TInput, TResult>(write: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSettled: () => queryClient.invalidateQueries({ queryKey: savedViewsKey }),
  });
}

export const useCreateSavedView = () =>
  useSavedViewWrite((body: SavedViewCreate) => api.post<SavedView>('/api/v1/saved-views', body));

/** Sends the revision the person saw: a view changed since (in another tab) is refused, not overwritten. */
export const useUpdateSavedView = () =>
  useSavedViewWrite(({ view, changes }: { view: SavedView; changes: SavedViewUpdate }) =>
    api.patch<SavedView>(`/api/v1/saved-views/${view.id}`, changes, { ifMatch: etagOf(view.revision) }),
  );

export const useDeleteSavedView = () =>
  useSavedViewWrite((view: SavedView) =>
    api.delete(`/api/v1/saved-views/${view.id}`, { ifMatch: etagOf(view.revision) }),
  );
