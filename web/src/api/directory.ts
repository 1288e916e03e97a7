// The directory import: send a CSV file for a preview, apply the preview.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { directoryImportSchema } from '../../../src/contracts/directory.ts';
import { api } from './client.ts';

export type DirectoryImport = z.infer<typeof directoryImportSchema>;

export const usePreviewImport = () =>
  useMutation({
    mutationFn: ({ file, isDeactivatingMissing }: { file: Blob; isDeactivatingMissing: boolean }) =>
      api.post<DirectoryImport>(
        `/api/v1/directory/imports${isDeactivatingMissing ? '?deactivateMissing=true' : ''}`,
        new Blob([file], { type: 'text/csv' }),
      ),
  });

export const useApplyImport = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<DirectoryImport>(`/api/v1/directory/imports/${id}/apply`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['employees'] }),
  });
};

export const templateUrl = (locale: string) =>
  `/api/v1/directory/imports/template?locale=${locale === 'es' ? 'es' : 'en'}`;
