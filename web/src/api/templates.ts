// Plan templates of the organisation (the default ones in English and Spanish, and copies): list, read, copy, save.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PlanTemplate } from '../../../src/domain/template/template.ts';
import { api, query } from './client.ts';
import { etagOf } from './concurrency.ts';
import type { Template } from './types.ts';

export type { PlanTemplate };
export type TemplateLocale = PlanTemplate['locale'];

/** The default is one template per language; a copy has one language of its own. */
const templateKey = (id: string, locale: TemplateLocale) =>
  id === 'default' ? ['templates', id, locale] : ['templates', id];

export const useTemplates = () =>
  useQuery({
    queryKey: ['templates'],
    queryFn: () => api.get<{ items: Template[] }>('/api/v1/templates'),
    staleTime: 10 * 60_000,
  });

/** One whole template; `default` with a locale is the built-in one (the locale is ignored for copies). */
export const useTemplate = (id: string, locale: TemplateLocale, options: { enabled?: boolean } = {}) =>
  useQuery({
    queryKey: templateKey(id, locale),
    queryFn: () => api.get<PlanTemplate>(`/api/v1/templates/${encodeURIComponent(id)}${query({ locale })}`),
    staleTime: 10 * 60_000,
    enabled: options.enabled ?? true,
  });

/** Copies the default template of a language into the organisation (HR administrators). */
export function useCopyTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { locale: TemplateLocale; name: string }) =>
      api.post<PlanTemplate>('/api/v1/templates', body),
    onSuccess: (created) => {
      queryClient.setQueryData(templateKey(created.id, created.locale), created);
      return queryClient.invalidateQueries({ queryKey: ['templates'], exact: true });
    },
  });
}

/** An organisation's template as read: with the revision its next save sends as If-Match. */
export type StoredTemplate = PlanTemplate & { revision?: number };

/**
 * Saves the whole template as its next version; plans keep the version they were made from. `basedOn` is the
 * revision the editor started from: a save over someone else's newer version is refused (412).
 */
export function useSaveTemplate(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ template, basedOn }: { template: StoredTemplate; basedOn?: number }) => {
      const { revision: _revision, ...body } = template;
      return api.put<StoredTemplate>(`/api/v1/templates/${encodeURIComponent(id)}`, body, {
        ifMatch: etagOf(basedOn),
      });
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(templateKey(saved.id, saved.locale), saved);
      return queryClient.invalidateQueries({ queryKey: ['templates'], exact: true });
    },
  });
}
