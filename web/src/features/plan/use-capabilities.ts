// Which optional endpoints this server offers (check-ins, documents), read once from its OpenAPI description.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export type Capabilities = {
  hasCheckIns: boolean;
  hasDocuments: boolean;
  hasProgress: boolean;
  hasFeedback: boolean;
};

export function useCapabilities(): Capabilities {
  const { data } = useQuery({
    queryKey: ['capabilities'],
    queryFn: async () =>
      Object.keys((await api.get<{ paths: Record<string, unknown> }>('/api/openapi.json')).paths),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  const paths = data ?? [];
  const has = (suffix: string) => paths.some((p) => p.endsWith(suffix));
  return {
    hasCheckIns: has('/plans/{id}/check-ins'),
    hasDocuments: has('/document.pdf') || has('/document.docx'),
    hasProgress: has('/plans/{id}/progress'),
    hasFeedback: has('/feedback-requests'),
  };
}
